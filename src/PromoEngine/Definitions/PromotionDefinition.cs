namespace PromoEngine.Definitions;

/// <summary>
/// A promotion (spec §3.3). One record carries every kind's fields; which are allowed depends on
/// <see cref="Kind"/>, and a field of another kind is an error.
/// </summary>
public sealed record PromotionDefinition
{
    /// <summary>Id, unique among promotions and coupons.</summary>
    public string? Id { get; init; }
    /// <summary>The kind.</summary>
    public PromotionKind? Kind { get; init; }
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
    /// <summary>Higher is considered first; 0 when absent.</summary>
    public int? Priority { get; init; }
    /// <summary>Display name for receipts, hints and refusals; never changes a price.</summary>
    public string? Name { get; init; }
    /// <summary>Display description.</summary>
    public string? Description { get; init; }
    /// <summary>Who funds its discounts; the rule set's default funder when absent.</summary>
    public FundingDefinition? Funding { get; init; }
    /// <summary>Usage limits; none when absent.</summary>
    public LimitsDefinition? Limits { get; init; }

    /// <summary>Unit price (specialPrice), n-th unit price (nthItem) or bundle price (bundle).</summary>
    public decimal? Price { get; init; }
    /// <summary>Units (specialPrice), groups or bundles (multibuy) at most per order.</summary>
    public long? LimitPerOrder { get; init; }
    /// <summary>Percentage off (itemDiscount, nthItem).</summary>
    public decimal? PercentOff { get; init; }
    /// <summary>Amount off per unit (itemDiscount, nthItem).</summary>
    public decimal? AmountOff { get; init; }
    /// <summary>itemDiscount computed on the member price.</summary>
    public bool? StacksWithMemberPrice { get; init; }
    /// <summary>Group size of nthItem.</summary>
    public long? N { get; init; }
    /// <summary>Paid units of buyXGetY.</summary>
    public long? Buy { get; init; }
    /// <summary>Free units of buyXGetY.</summary>
    public long? Get { get; init; }
    /// <summary>Bundle components.</summary>
    public IReadOnlyList<BundleComponentDefinition>? Components { get; init; }

    /// <summary>Layer of a threshold promotion; the first layer when absent.</summary>
    public string? Layer { get; init; }
    /// <summary>Threshold basis; amount when absent.</summary>
    public ThresholdBasis? Basis { get; init; }
    /// <summary>Threshold tiers.</summary>
    public IReadOnlyList<ThresholdTierDefinition>? Tiers { get; init; }
    /// <summary>Repeating threshold.</summary>
    public RepeatDefinition? Repeat { get; init; }
    /// <summary>Skip lines with a promoted unit.</summary>
    public bool? ExcludePromoted { get; init; }
    /// <summary>Measure the amount basis on current amounts or on item prices.</summary>
    public ThresholdOn? ThresholdOn { get; init; }
}

/// <summary>Promotion kinds.</summary>
public enum PromotionKind
{
    /// <summary>限时特价/秒杀: a fixed unit price.</summary>
    SpecialPrice,
    /// <summary>直降/折扣: an amount or percentage off each unit.</summary>
    ItemDiscount,
    /// <summary>第N件X折: the n-th unit of each group discounted.</summary>
    NthItem,
    /// <summary>买X送Y: the last units of each group free.</summary>
    BuyXGetY,
    /// <summary>组合价: a price for a set of units.</summary>
    Bundle,
    /// <summary>满减/每满减/满折/满件折/满赠.</summary>
    Threshold,
}

/// <summary>What a threshold measures.</summary>
public enum ThresholdBasis
{
    /// <summary>The eligible amount.</summary>
    Amount,
    /// <summary>The eligible units.</summary>
    Quantity,
}

/// <summary>Which amounts an amount-basis threshold is judged on.</summary>
public enum ThresholdOn
{
    /// <summary>The amounts as the pass has left them.</summary>
    Current,
    /// <summary>The amounts the multibuy stage left, before any layer.</summary>
    ItemPrice,
}

/// <summary>A bundle component: <see cref="Quantity"/> units from <see cref="Scope"/>.</summary>
public sealed record BundleComponentDefinition
{
    /// <summary>Lines that can fill the component.</summary>
    public ScopeDefinition? Scope { get; init; }
    /// <summary>Units per bundle.</summary>
    public long? Quantity { get; init; }
}

/// <summary>A threshold tier.</summary>
public sealed record ThresholdTierDefinition
{
    /// <summary>Basis needed (money or units).</summary>
    public decimal? AtLeast { get; init; }
    /// <summary>Amount off.</summary>
    public decimal? AmountOff { get; init; }
    /// <summary>Percentage of the eligible amount off.</summary>
    public decimal? PercentOff { get; init; }
    /// <summary>Cap of the discount.</summary>
    public decimal? MaxOff { get; init; }
    /// <summary>Gift given when the tier is reached.</summary>
    public GiftDefinition? Gift { get; init; }
}

/// <summary>A gift (满赠).</summary>
public sealed record GiftDefinition
{
    /// <summary>Gift SKU.</summary>
    public string? Sku { get; init; }
    /// <summary>Units; 1 when absent.</summary>
    public long? Quantity { get; init; }
}

/// <summary>每满减: <see cref="AmountOff"/> for every <see cref="Every"/>, at most <see cref="Cap"/>.</summary>
public sealed record RepeatDefinition
{
    /// <summary>Step of the basis.</summary>
    public decimal? Every { get; init; }
    /// <summary>Amount off per step.</summary>
    public decimal? AmountOff { get; init; }
    /// <summary>Largest total discount.</summary>
    public decimal? Cap { get; init; }
}
