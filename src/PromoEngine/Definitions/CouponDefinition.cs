namespace PromoEngine.Definitions;

/// <summary>A coupon definition (spec §3.4); carts present instances of it.</summary>
public sealed record CouponDefinition
{
    /// <summary>Id, unique among promotions and coupons.</summary>
    public string? Id { get; init; }
    /// <summary>Layer; the first layer when absent.</summary>
    public string? Layer { get; init; }
    /// <summary>Eligible total needed; 0 when absent.</summary>
    public decimal? MinSpend { get; init; }
    /// <summary>Amount off.</summary>
    public decimal? AmountOff { get; init; }
    /// <summary>Percentage off the eligible total.</summary>
    public decimal? PercentOff { get; init; }
    /// <summary>Cap of the discount.</summary>
    public decimal? MaxOff { get; init; }
    /// <summary>Must be the only coupon of the order.</summary>
    public bool? Exclusive { get; init; }
    /// <summary>Skip lines with a promoted unit.</summary>
    public bool? ExcludePromoted { get; init; }
    /// <summary>Lines concerned.</summary>
    public ScopeDefinition? Scope { get; init; }
    /// <summary>Activity window.</summary>
    public WindowDefinition? Window { get; init; }
    /// <summary>Channels.</summary>
    public IReadOnlyList<string>? Channels { get; init; }
    /// <summary>Store ids.</summary>
    public IReadOnlyList<string>? Stores { get; init; }
    /// <summary>Lowest customer tier.</summary>
    public string? MinTier { get; init; }
    /// <summary>Order among the layer's coupons.</summary>
    public int? Priority { get; init; }
    /// <summary>Display name for receipts, hints and refusals; never changes a price.</summary>
    public string? Name { get; init; }
    /// <summary>Display description.</summary>
    public string? Description { get; init; }
    /// <summary>Who funds its discounts; the rule set's default funder when absent.</summary>
    public FundingDefinition? Funding { get; init; }
    /// <summary>Usage limits; none when absent.</summary>
    public LimitsDefinition? Limits { get; init; }
    /// <summary>How many orders may use one code; 1 when absent.</summary>
    public long? UsesPerCode { get; init; }
}

/// <summary>Points use and earning (spec §3.5).</summary>
public sealed record PointsDefinition
{
    /// <summary>Points worth one major unit (required, positive integer).</summary>
    public long? PointsPerUnit { get; init; }
    /// <summary>Largest share of the eligible amount points may pay; 100 when absent.</summary>
    public decimal? MaxPercent { get; init; }
    /// <summary>Fewer points cannot be used; 0 when absent.</summary>
    public long? MinPoints { get; init; }
    /// <summary>Points are used in multiples of this; 1 when absent.</summary>
    public long? Step { get; init; }
    /// <summary>Most points one order may use; no limit when absent.</summary>
    public long? MaxPoints { get; init; }
    /// <summary>Lines points may pay for.</summary>
    public ScopeDefinition? Scope { get; init; }
    /// <summary>Points earned per major unit paid in cash; 0 when absent.</summary>
    public decimal? EarnPerUnit { get; init; }
    /// <summary>Who funds the points' value; the rule set's default funder when absent.</summary>
    public FundingDefinition? Funding { get; init; }
}
