namespace PromoEngine.Compilation;

/// <summary>When a rule is active: window, channels, stores, minimum tier (spec §3.1).</summary>
internal sealed class Conditions
{
    public const int OnlineMask = 1;
    public const int StoreMask = 2;

    public required long FromUtcTicks { get; init; }
    public required long ToUtcTicks { get; init; }
    public required int ChannelMask { get; init; }
    public required StringSet? Stores { get; init; }
    /// <summary>Rank of the minimum tier (1 = lowest tier); 0 when anyone qualifies.</summary>
    public required int MinTierRank { get; init; }

    public bool IsActive(in CartFacts cart) =>
        cart.AtUtcTicks >= FromUtcTicks && cart.AtUtcTicks < ToUtcTicks
        && (ChannelMask & cart.ChannelMask) != 0
        && (Stores is null || (cart.StoreId is not null && Stores.Contains(cart.StoreId)))
        && cart.TierRank >= MinTierRank;

    /// <summary>The first failing check, for coupon rejection reasons.</summary>
    public CouponReason? FirstFailure(in CartFacts cart)
    {
        if (cart.AtUtcTicks < FromUtcTicks || cart.AtUtcTicks >= ToUtcTicks) return CouponReason.NotActive;
        if ((ChannelMask & cart.ChannelMask) == 0) return CouponReason.ChannelNotAllowed;
        if (Stores is not null && (cart.StoreId is null || !Stores.Contains(cart.StoreId))) return CouponReason.StoreNotAllowed;
        if (cart.TierRank < MinTierRank) return CouponReason.TierNotAllowed;
        return null;
    }
}

/// <summary>The facts of a cart that activity depends on.</summary>
internal readonly record struct CartFacts(long AtUtcTicks, int ChannelMask, string? StoreId, int TierRank);
