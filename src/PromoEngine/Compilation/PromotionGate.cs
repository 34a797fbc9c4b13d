namespace PromoEngine.Compilation;

/// <summary>
/// Whether a promotion is active for a cart, copied out of the promotion object into an array of
/// structs by rank: candidate collection asks it of every promotion the cart's lines meet, and the
/// pointer hops to the promotion and its conditions were the largest cost of collecting.
/// </summary>
internal readonly struct PromotionGate(CompiledPromotion promotion)
{
    private readonly long _from = promotion.Conditions.FromUtcTicks, _to = promotion.Conditions.ToUtcTicks;
    private readonly int _channelMask = promotion.Conditions.ChannelMask, _minTierRank = promotion.Conditions.MinTierRank;
    private readonly StringSet? _stores = promotion.Conditions.Stores;

    /// <summary>Whether the promotion has usage limits, so that its activity also depends on the cart's usage.</summary>
    public bool HasLimits { get; } = promotion.Limits is not null;

    /// <summary>The same answer as <see cref="Conditions.IsActive"/>.</summary>
    public bool IsActive(in CartFacts cart) =>
        cart.AtUtcTicks >= _from && cart.AtUtcTicks < _to
        && (_channelMask & cart.ChannelMask) != 0
        && (_stores is null || (cart.StoreId is not null && _stores.Contains(cart.StoreId)))
        && cart.TierRank >= _minTierRank;
}
