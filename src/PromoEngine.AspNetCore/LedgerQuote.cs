using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using PromoEngine.Redemption;
using PromoEngine.Results;

namespace PromoEngine.AspNetCore;

// POST /v1/quote with a ledger: the cart is priced with the usage the ledger holds for its customer and codes.
public static partial class PromoEngineEndpointRouteBuilderExtensions
{
    private static readonly ConditionalWeakTable<PricingEngine, LimitTable> QuoteLimits = new();

    /// <summary>
    /// Prices a cart for <c>/v1/quote</c>: with the ledger's usage when a ledger is configured (a cart's own
    /// <c>usage</c> is refused at <c>$.usage</c>), statelessly otherwise.
    /// </summary>
    /// <exception cref="PromoValidationException">The cart is invalid.</exception>
    /// <exception cref="LedgerUnavailableException">The ledger cannot be reached.</exception>
    /// <returns>The result, the number of coupons the cart presented, and whether the ledger was asked.</returns>
    private static async Task<(PricingResult Result, int Coupons, bool Ledger)> QuoteWithLedgerAsync(HttpContext context, PricingEngine engine,
        string cartJson, int maxCoupons)
    {
        var ledger = context.RequestServices.GetService(typeof(LedgerAccess)) as LedgerAccess;
        if (ledger is not { Enabled: true })
        {
            var plain = engine.ReadCartToPrice(cartJson);
            PricingEngine.CheckCouponCount(plain, maxCoupons);
            return (engine.Price(plain, context.RequestAborted), plain.Coupons?.Count ?? 0, false);
        }
        var cart = LedgerCartReader.Read(engine, cartJson);
        PricingEngine.CheckCouponCount(cart, maxCoupons);
        int coupons = cart.Coupons?.Count ?? 0;
        // Nothing limited and no code: the ledger has nothing to say about this cart.
        var limits = QuoteLimits.GetValue(engine, LimitTable.From);
        if (limits.Promotions.Count == 0 && limits.Coupons.Count == 0 && coupons == 0)
            return (engine.Price(cart, context.RequestAborted), 0, false);
        var flow = await ledger.GetFlowAsync(context.RequestAborted).ConfigureAwait(false);
        return (await flow.QuoteAsync(engine, cart, context.RequestAborted).ConfigureAwait(false), coupons, true);
    }
}
