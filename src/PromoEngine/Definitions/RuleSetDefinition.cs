using PromoEngine.Money;

namespace PromoEngine.Definitions;

/// <summary>A rule set as written (spec §3): plain data, validated and compiled by <see cref="PricingEngine"/>.</summary>
public sealed record RuleSetDefinition
{
    /// <summary>Rule-set id (required, non-empty).</summary>
    public string? Id { get; init; }
    /// <summary>Rule-set version (required, non-empty); results name it.</summary>
    public string? Version { get; init; }
    /// <summary>ISO currency code (required).</summary>
    public string? Currency { get; init; }
    /// <summary>Minor-unit digits; required for currencies the engine does not know.</summary>
    public int? MinorDigits { get; init; }
    /// <summary>Rounding of percentage discounts; <see cref="RoundingMode.HalfUp"/> when absent.</summary>
    public RoundingMode? Rounding { get; init; }
    /// <summary>Member tiers, lowest first.</summary>
    public IReadOnlyList<string>? Tiers { get; init; }
    /// <summary>Threshold and coupon layers in pass order; one layer <c>order</c> when absent.</summary>
    public IReadOnlyList<LayerDefinition>? Layers { get; init; }
    /// <summary>Member prices (会员价).</summary>
    public IReadOnlyList<MemberPriceDefinition>? MemberPrices { get; init; }
    /// <summary>Promotions of every kind.</summary>
    public IReadOnlyList<PromotionDefinition>? Promotions { get; init; }
    /// <summary>Coupon definitions.</summary>
    public IReadOnlyList<CouponDefinition>? Coupons { get; init; }
    /// <summary>Points use and earning; absent means no points.</summary>
    public PointsDefinition? Points { get; init; }
    /// <summary>The party that funds every discount without <c>funding</c>; <c>merchant</c> when absent.</summary>
    public string? DefaultFunder { get; init; }
    /// <summary>The coupon choice's work budget; the engine's default when absent.</summary>
    public CouponSearchDefinition? CouponSearch { get; init; }
    /// <summary>A JSON Schema reference for editors (<c>$schema</c>); ignored by the engine.</summary>
    public string? Schema { get; init; }
}

/// <summary>A threshold/coupon layer.</summary>
public sealed record LayerDefinition
{
    /// <summary>Layer id.</summary>
    public string? Id { get; init; }
    /// <summary>How many coupons of this layer one order may use; 1 when absent.</summary>
    public int? MaxCoupons { get; init; }
}

/// <summary>Which lines a rule concerns (spec §3.1).</summary>
public sealed record ScopeDefinition
{
    /// <summary>Included SKUs.</summary>
    public IReadOnlyList<string>? Skus { get; init; }
    /// <summary>Included categories (a line's categories include its ancestors).</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Included brands.</summary>
    public IReadOnlyList<string>? Brands { get; init; }
    /// <summary>Included tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Excluded SKUs.</summary>
    public IReadOnlyList<string>? ExcludeSkus { get; init; }
    /// <summary>Excluded categories.</summary>
    public IReadOnlyList<string>? ExcludeCategories { get; init; }
    /// <summary>Excluded brands.</summary>
    public IReadOnlyList<string>? ExcludeBrands { get; init; }
    /// <summary>Excluded tags.</summary>
    public IReadOnlyList<string>? ExcludeTags { get; init; }
}

/// <summary>An activity window: from inclusive, to exclusive; either side may be absent.</summary>
public sealed record WindowDefinition
{
    /// <summary>First instant the rule is active.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>First instant the rule is no longer active.</summary>
    public DateTimeOffset? To { get; init; }
}

/// <summary>A member price entry (spec §3.2): a fixed unit price for a SKU, or a tier rate.</summary>
public sealed record MemberPriceDefinition
{
    /// <summary>Lowest tier that gets this price (required).</summary>
    public string? MinTier { get; init; }
    /// <summary>The SKU of a fixed price, or a restriction of a percent entry.</summary>
    public string? Sku { get; init; }
    /// <summary>Fixed unit price (major units).</summary>
    public decimal? Price { get; init; }
    /// <summary>Rate off the list price.</summary>
    public decimal? PercentOff { get; init; }
    /// <summary>Lines concerned.</summary>
    public ScopeDefinition? Scope { get; init; }
    /// <summary>Activity window.</summary>
    public WindowDefinition? Window { get; init; }
    /// <summary>Channels (<c>online</c>, <c>store</c>).</summary>
    public IReadOnlyList<string>? Channels { get; init; }
    /// <summary>Store ids.</summary>
    public IReadOnlyList<string>? Stores { get; init; }
    /// <summary>Priority among tied member prices.</summary>
    public int? Priority { get; init; }
    /// <summary>Who funds the member price's discount; the rule set's default funder when absent.</summary>
    public FundingDefinition? Funding { get; init; }
}
