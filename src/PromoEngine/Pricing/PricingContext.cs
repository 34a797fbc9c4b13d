using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Pricing;

/// <summary>
/// One pricing pass (spec §5), stage by stage: the cart is validated and taken into minor units, the
/// promotions that concern it are collected, then the item stage, the multibuy stage, the layers with
/// the coupon choice, points, and the result. A context belongs to one engine and is rented from its
/// pool for one cart at a time; it keeps its arrays between carts, so that a warm engine prices without
/// allocating. The state the stages share is in <see cref="PassState"/>; each stage owns its own.
/// </summary>
internal sealed class PricingContext
{
    // A context grown past these by a huge cart is dropped instead of going back to the pool, so that
    // one such cart does not keep its memory for ever.
    private const int PooledLines = 4_096, PooledEntries = 65_536;

    private readonly PassState _state;
    private readonly CartValidator _validator = new();
    private readonly CandidateCollection _candidates;
    private readonly ItemStage _items;
    private readonly MultibuyStage _multibuy;
    private readonly CouponCandidates _coupons;
    private readonly LayerStage _layers;
    private readonly PointsStage _points;
    private readonly ResultWriter _result;

    public PricingContext(CompiledRuleSet rules)
    {
        _state = new PassState(rules);
        _candidates = new CandidateCollection(_state);
        _items = new ItemStage(_state, _candidates);
        _multibuy = new MultibuyStage(_state, _candidates);
        var thresholds = new ThresholdStage(_state, _candidates);
        _coupons = new CouponCandidates(_state, _candidates);
        _layers = new LayerStage(_state, thresholds, _coupons, new CouponSearch(_state, thresholds, _coupons));
        _points = new PointsStage(_state);
        _result = new ResultWriter(_state, _points, new FundingStage(_state));
    }

    /// <summary>Prices <paramref name="cart"/> into <paramref name="output"/>; throws <see cref="PromoValidationException"/> for an invalid cart.</summary>
    /// <param name="cart">The cart.</param>
    /// <param name="output">Receives the result.</param>
    /// <param name="readErrors">Errors found while reading the cart's JSON, reported together with the cart's own.</param>
    /// <param name="cancellation">Stops a long coupon choice when the caller no longer waits for it.</param>
    public void Price(CartDefinition cart, PricingResultBuffer output, ErrorSink? readErrors = null, CancellationToken cancellation = default)
    {
        var rules = _state.Rules;
        _state.Output = output;
        output.Reset(rules.Id, rules.Version, rules.Currency, rules.MinorDigits);
        _validator.Validate(cart, rules, _state.Cart, readErrors);
        _state.Reset();
        _candidates.Collect();
        _items.Run();
        _multibuy.Run();
        _layers.Run(cancellation);
        _points.Run();
        _result.Write();
    }

    /// <summary>Drops every reference to the caller's cart and buffer; false when the context has grown too large to keep.</summary>
    public bool Release()
    {
        _coupons.Release();
        _state.Release();
        return !_state.Oversized(PooledLines, PooledEntries);
    }
}
