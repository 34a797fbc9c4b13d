namespace PromoEngine.Definitions;

/// <summary>
/// Usage limits of a promotion or coupon definition (spec §11): at least one member is given.
/// What has been consumed so far comes with the cart (<see cref="UsageDefinition"/>), read from the
/// redemption ledger.
/// </summary>
public sealed record LimitsDefinition
{
    /// <summary>Times it may apply in all: orders (promotion) or applied instances (coupon).</summary>
    public long? Uses { get; init; }

    /// <summary>Times it may apply per customer.</summary>
    public long? UsesPerCustomer { get; init; }

    /// <summary>Units (specialPrice, itemDiscount) or groups and bundles (multibuy) it may price, in all.</summary>
    public long? Units { get; init; }

    /// <summary>The same, per customer.</summary>
    public long? UnitsPerCustomer { get; init; }

    /// <summary>Total discount it may give (threshold promotions and coupons), in major units.</summary>
    public decimal? Budget { get; init; }
}

/// <summary>The work budget of the coupon choice (spec §14).</summary>
public sealed record CouponSearchDefinition
{
    /// <summary>How many coupon choices the search may evaluate before it finishes by its bounded method.</summary>
    public long? MaxChoices { get; init; }
}
