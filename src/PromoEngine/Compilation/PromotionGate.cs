using PromoEngine.Definitions;

namespace PromoEngine.Compilation;

/// <summary>
/// What candidate collection asks of a promotion for every index hit, copied into one array of structs
/// by rank: is it active for this cart, must the line's scope be checked after the index found it, and
/// which stage and layer its group goes to. Reading these from the promotion objects meant pointer hops
/// per hit, the largest cost of collecting.
/// </summary>
internal readonly struct PromotionGate(CompiledPromotion promotion)
{
    private readonly long _from = promotion.Conditions.FromUtcTicks, _to = promotion.Conditions.ToUtcTicks;
    private readonly int _channelMask = promotion.Conditions.ChannelMask, _minTierRank = promotion.Conditions.MinTierRank;
    private readonly StringSet? _stores = promotion.Conditions.Stores;

    /// <summary>Whether the index's match must be confirmed against the promotion's own scope (excludes, bundles).</summary>
    public bool CheckScopeAfterIndex { get; } = promotion.CheckScopeAfterIndex;

    /// <summary>The promotion's kind, for sorting groups into stages.</summary>
    public PromotionKind Kind { get; } = promotion.Kind;

    /// <summary>The promotion's layer (thresholds).</summary>
    public int LayerIndex { get; } = promotion.LayerIndex;

    /// <summary>The same answer as <see cref="Conditions.IsActive"/>.</summary>
    public bool IsActive(in CartFacts cart) =>
        cart.AtUtcTicks >= _from && cart.AtUtcTicks < _to
        && (_channelMask & cart.ChannelMask) != 0
        && (_stores is null || (cart.StoreId is not null && _stores.Contains(cart.StoreId)))
        && cart.TierRank >= _minTierRank;
}
