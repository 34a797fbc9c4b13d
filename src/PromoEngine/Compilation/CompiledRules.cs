using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Compilation;

/// <summary>A member price entry, compiled.</summary>
internal sealed class CompiledMemberPrice
{
    public required int Position { get; init; }
    public required string Tier { get; init; }
    public required int TierRank { get; init; }
    public required string? Sku { get; init; }
    public required long? Price { get; init; }
    public required Percentage? PercentOff { get; init; }
    public required CompiledScope Scope { get; init; }
    public required Conditions Conditions { get; init; }
    public required int Priority { get; init; }
    /// <summary>The member source name, <c>member:&lt;tier&gt;</c>.</summary>
    public required string Source { get; init; }
    public required CompiledFunding Funding { get; init; }
}

/// <summary>A promotion, compiled; <see cref="Rank"/> is its place "in order" (priority desc, id).</summary>
internal sealed class CompiledPromotion
{
    public required string Id { get; init; }
    public required PromotionKind Kind { get; init; }
    public required int Rank { get; init; }
    public required CompiledScope Scope { get; init; }
    public required Conditions Conditions { get; init; }
    public long? Price { get; init; }
    public long LimitPerOrder { get; init; } = long.MaxValue;
    public Percentage? PercentOff { get; init; }
    public long? AmountOff { get; init; }
    public bool StacksWithMemberPrice { get; init; }
    public long N { get; init; }
    public long Buy { get; init; }
    public long Get { get; init; }
    public BundleComponent[] Components { get; init; } = [];
    public int LayerIndex { get; init; }
    public bool QuantityBasis { get; init; }
    public ThresholdTier[] Tiers { get; init; } = [];
    public RepeatStep? Repeat { get; init; }
    public bool ExcludePromoted { get; init; }
    public bool OnItemPrice { get; init; }
    public required CompiledFunding Funding { get; init; }
    public string? Name { get; init; }
    /// <summary>Usage limits; null when it has none (it is then never exhausted).</summary>
    public CompiledLimits? Limits { get; init; }
}

internal sealed record BundleComponent(CompiledScope Scope, long Quantity);

/// <summary>A threshold tier; <see cref="AtLeast"/> is minor units, or units on a quantity basis.</summary>
internal sealed record ThresholdTier(long AtLeast, long? AmountOff, Percentage? PercentOff, long? MaxOff, GiftResult? Gift);

internal sealed record RepeatStep(long Every, long AmountOff, long? Cap);

/// <summary>A coupon definition, compiled.</summary>
internal sealed class CompiledCoupon
{
    public required string Id { get; init; }
    /// <summary>Position in the rule set's coupon list, the coupon's key in the scope index.</summary>
    public required int Ordinal { get; init; }
    public required int LayerIndex { get; init; }
    public required long MinSpend { get; init; }
    public required long? AmountOff { get; init; }
    public required Percentage? PercentOff { get; init; }
    public required long? MaxOff { get; init; }
    public required bool Exclusive { get; init; }
    public required bool ExcludePromoted { get; init; }
    public required CompiledScope Scope { get; init; }
    public required Conditions Conditions { get; init; }
    public required int Priority { get; init; }
    public required CompiledFunding Funding { get; init; }
    public string? Name { get; init; }
    /// <summary>Usage limits; null when it has none.</summary>
    public CompiledLimits? Limits { get; init; }
    /// <summary>How many orders may use one code (spec §11; 1 by default, for every coupon).</summary>
    public required long UsesPerCode { get; init; }
}

internal sealed record CompiledLayer(string Id, int MaxCoupons);

internal sealed class CompiledPoints
{
    public required long PointsPerUnit { get; init; }
    public required Percentage MaxPercent { get; init; }
    public required long MinPoints { get; init; }
    public required long Step { get; init; }
    public required long? MaxPoints { get; init; }
    public required CompiledScope Scope { get; init; }
    public required decimal EarnPerUnit { get; init; }
}
