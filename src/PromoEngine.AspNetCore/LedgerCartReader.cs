using PromoEngine.Definitions;
using PromoEngine.Redemption;

namespace PromoEngine.AspNetCore;

/// <summary>Reads a cart sent to a ledger-backed endpoint, reporting every error at once.</summary>
internal static class LedgerCartReader
{
    /// <summary>
    /// The cart, with no <c>usage</c> of its own. Structural errors are reported with the engine's semantic
    /// ones (as <c>/v1/quote</c> does); a <c>usage</c> is refused at <c>$.usage</c> together with the rest.
    /// </summary>
    /// <exception cref="PromoValidationException">The cart is invalid or carries a usage.</exception>
    public static CartDefinition Read(PricingEngine engine, string cartJson)
    {
        var cart = engine.ReadCartToPrice(cartJson);
        if (cart.Usage is null) return cart;
        var errors = new List<ValidationError>();
        try
        {
            OrderFlow.RefuseOwnUsage(cart);
        }
        catch (PromoValidationException e)
        {
            errors.AddRange(e.Errors);
        }
        try
        {
            engine.Price(cart with { Usage = null });
        }
        catch (PromoValidationException e)
        {
            errors.AddRange(e.Errors);
        }
        throw new PromoValidationException(errors);
    }
}
