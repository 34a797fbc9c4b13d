namespace PromoEngine.Definitions;

/// <summary>
/// What has been consumed so far of the limited rules a cart may meet (spec §11), read from the
/// redemption ledger by the adapter that prices the cart; never supplied by a shopper.
/// </summary>
public sealed record UsageDefinition
{
    /// <summary>Counts per promotion id.</summary>
    public IReadOnlyDictionary<string, UsageCountsDefinition?>? Promotions { get; init; }

    /// <summary>Counts per coupon definition id.</summary>
    public IReadOnlyDictionary<string, UsageCountsDefinition?>? Coupons { get; init; }

    /// <summary>Orders that used each coupon code.</summary>
    public IReadOnlyDictionary<string, long?>? Codes { get; init; }
}

/// <summary>Consumption of one rule: in all and by this cart's customer. Absent counts are 0.</summary>
public sealed record UsageCountsDefinition
{
    /// <summary>Uses in all.</summary>
    public long? Uses { get; init; }

    /// <summary>Uses by this customer.</summary>
    public long? CustomerUses { get; init; }

    /// <summary>Units (or groups) in all.</summary>
    public long? Units { get; init; }

    /// <summary>Units (or groups) by this customer.</summary>
    public long? CustomerUnits { get; init; }

    /// <summary>Discount given so far, in major units.</summary>
    public decimal? Spent { get; init; }
}
