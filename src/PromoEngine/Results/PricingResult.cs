namespace PromoEngine;

/// <summary>
/// The price of a cart (spec §6). Money is in integer minor units of <see cref="Currency"/>
/// (<see cref="MinorDigits"/> digits); <see cref="Results.ResultJson"/> writes it as major units.
/// </summary>
public sealed record PricingResult
{
    /// <summary>The rule set that priced the cart.</summary>
    public required RuleSetRef RuleSet { get; init; }
    /// <summary>Currency code.</summary>
    public required string Currency { get; init; }
    /// <summary>Minor-unit digits of the currency.</summary>
    public required int MinorDigits { get; init; }
    /// <summary>Σ line list amounts.</summary>
    public required long Subtotal { get; init; }
    /// <summary>Σ adjustments.</summary>
    public required long Discount { get; init; }
    /// <summary>Subtotal − discount.</summary>
    public required long Total { get; init; }
    /// <summary>Points used and earned.</summary>
    public required PointsResult Points { get; init; }
    /// <summary>Cash due: total − points value.</summary>
    public required long Payable { get; init; }
    /// <summary>Lines, in cart order.</summary>
    public required IReadOnlyList<LineResult> Lines { get; init; }
    /// <summary>Promotions that lowered a price or gave a gift, in pass order.</summary>
    public required IReadOnlyList<AppliedPromotion> Applied { get; init; }
    /// <summary>One entry per coupon candidate, in cart order.</summary>
    public required IReadOnlyList<CouponResult> Coupons { get; init; }
    /// <summary>Gifts of reached tiers.</summary>
    public required IReadOnlyList<GiftResult> Gifts { get; init; }
    /// <summary>凑单 hints, in pass order.</summary>
    public required IReadOnlyList<HintResult> Hints { get; init; }
    /// <summary>Who funds <see cref="Discount"/> and the points' value, per party in ordinal order (spec §10).</summary>
    public IReadOnlyList<FundingAmount> Funding { get; init; } = [];
    /// <summary>What committing this order consumes of limited rules (spec §11).</summary>
    public UsageResult Usage { get; init; } = UsageResult.Empty;
    /// <summary>Whether the coupon choice is the exact best (§5.1) or the bounded one (§14).</summary>
    public CouponChoice CouponChoice { get; init; }
}

/// <summary>Rule-set id and version.</summary>
public sealed record RuleSetRef(string Id, string Version);

/// <summary>Points of an order.</summary>
public sealed record PointsResult(long Used, long Value, long Earned);

/// <summary>A priced line.</summary>
public sealed record LineResult
{
    /// <summary>Line id.</summary>
    public required string Id { get; init; }
    /// <summary>SKU.</summary>
    public required string Sku { get; init; }
    /// <summary>Units.</summary>
    public required long Quantity { get; init; }
    /// <summary>Unit price × quantity.</summary>
    public required long ListAmount { get; init; }
    /// <summary>One per source, in pass order.</summary>
    public required IReadOnlyList<Adjustment> Adjustments { get; init; }
    /// <summary>List amount − adjustments.</summary>
    public required long Amount { get; init; }
    /// <summary>Points allocated to the line.</summary>
    public required long PointsUsed { get; init; }
    /// <summary>Their value.</summary>
    public required long PointsValue { get; init; }
    /// <summary>Amount − points value.</summary>
    public required long Payable { get; init; }
    /// <summary>Who funds the line's adjustments and points value, per party in ordinal order (spec §10).</summary>
    public IReadOnlyList<FundingAmount> Funding { get; init; } = [];
}

/// <summary>One source's discount on a line.</summary>
public sealed record Adjustment(string Source, PricingStage Stage, long Amount);

/// <summary>The stage an adjustment comes from.</summary>
public enum PricingStage
{
    /// <summary>Member prices and item promotions.</summary>
    Item,
    /// <summary>nthItem, buyXGetY, bundle.</summary>
    Multibuy,
    /// <summary>Threshold promotions.</summary>
    Threshold,
    /// <summary>Coupons.</summary>
    Coupon,
}

/// <summary>A promotion that lowered a price or gave a gift.</summary>
public sealed record AppliedPromotion(string Id, PricingStage Stage, string? Layer, long Amount, IReadOnlyList<string> Lines)
{
    /// <summary>The promotion's display name, when the rule set gives one.</summary>
    public string? Name { get; init; }
}

/// <summary>What became of a coupon candidate.</summary>
public sealed record CouponResult(string Code, string CouponId, bool Applied, long Amount, CouponReason? Reason)
{
    /// <summary>The coupon definition's display name, when the rule set gives one.</summary>
    public string? Name { get; init; }
}

/// <summary>Why a coupon candidate was not used (spec §5.1).</summary>
public enum CouponReason
{
    /// <summary>No such coupon definition.</summary>
    UnknownCoupon,
    /// <summary>The code was given before.</summary>
    DuplicateCode,
    /// <summary>Outside its window.</summary>
    NotActive,
    /// <summary>Not for this channel.</summary>
    ChannelNotAllowed,
    /// <summary>Not for this store.</summary>
    StoreNotAllowed,
    /// <summary>The customer's tier is too low.</summary>
    TierNotAllowed,
    /// <summary>The eligible total is below minSpend.</summary>
    MinSpendNotMet,
    /// <summary>No line is eligible.</summary>
    NoEligibleItems,
    /// <summary>Usable, but the best combination does without it.</summary>
    NotInBestCombination,
    /// <summary>The code has been used by as many orders as <c>usesPerCode</c> allows (spec §11).</summary>
    CodeUsed,
    /// <summary>The coupon definition's limits are exhausted (spec §11).</summary>
    LimitReached,
}

/// <summary>A gift of a reached threshold tier.</summary>
public sealed record GiftResult(string PromotionId, string Sku, long Quantity);

/// <summary>
/// A 凑单 hint: <see cref="Shortfall"/> more (minor units, or units for a quantity basis) reaches the
/// next tier, saving <see cref="Saving"/> more (null for a quantity basis).
/// </summary>
public sealed record HintResult(string Source, long Shortfall, bool ShortfallIsQuantity, long? Saving, GiftResult? Gift)
{
    /// <summary>The display name of the promotion or coupon the hint is about, when the rule set gives one.</summary>
    public string? Name { get; init; }
}

/// <summary>One party's part of a line's or an order's discounts and points value (spec §10), in minor units.</summary>
public sealed record FundingAmount(string Party, long Amount);

/// <summary>How the coupons of a result were chosen (spec §14).</summary>
public enum CouponChoice
{
    /// <summary>The best combination of §5.1.</summary>
    Exact,
    /// <summary>The search reached its work budget and finished by its documented deterministic method.</summary>
    Bounded,
}

/// <summary>
/// What committing an order consumes (spec §11): promotions by id and coupon definitions by id, each in
/// ordinal order, and the applied codes in cart order.
/// </summary>
public sealed record UsageResult(IReadOnlyList<PromotionUsage> Promotions, IReadOnlyList<CouponUsage> Coupons, IReadOnlyList<string> Codes)
{
    /// <summary>Nothing consumed.</summary>
    public static UsageResult Empty { get; } = new([], [], []);

    /// <summary>Whether nothing is consumed.</summary>
    public bool IsEmpty => Promotions.Count == 0 && Coupons.Count == 0 && Codes.Count == 0;
}

/// <summary>A promotion's consumption by one order: one use, its units (for the kinds that count units) and its discount.</summary>
public sealed record PromotionUsage(string Id, long Uses, long? Units, long Spent);

/// <summary>A coupon definition's consumption by one order: its applied instances and their discount.</summary>
public sealed record CouponUsage(string CouponId, long Uses, long Spent);
