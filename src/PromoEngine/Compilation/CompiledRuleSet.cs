using System.Collections.Frozen;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Compilation;

/// <summary>The compiled, immutable rule set.</summary>
internal sealed class CompiledRuleSet
{
    public required RuleSetDefinition Definition { get; init; }
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Currency { get; init; }
    public required int MinorDigits { get; init; }
    public required RoundingMode Rounding { get; init; }
    public required FrozenDictionary<string, int> TierRanks { get; init; }
    public required CompiledLayer[] Layers { get; init; }
    public required CompiledMemberPrice[] MemberPrices { get; init; }
    /// <summary>Promotions in order (index = rank).</summary>
    public required CompiledPromotion[] Promotions { get; init; }
    /// <summary>Activity of the promotions, by rank.</summary>
    public required PromotionGate[] PromotionGates { get; init; }
    /// <summary>Whether an index match must be confirmed against the promotion's own scope (excludes, bundles), by rank.</summary>
    public required bool[] CheckScopeAfterIndex { get; init; }
    /// <summary>Where each promotion acts, by rank: small, so the per-cart sort into stages stays in cache.</summary>
    public required PromotionPlace[] PromotionPlaces { get; init; }
    /// <summary>The scope index of promotions, member prices and coupons.</summary>
    public required ScopeIndex Index { get; init; }
    public required FrozenDictionary<string, CompiledCoupon> Coupons { get; init; }
    /// <summary>Coupons in definition order (index = <see cref="CompiledCoupon.Ordinal"/>).</summary>
    public required CompiledCoupon[] CouponsByOrdinal { get; init; }
    public required CompiledPoints? Points { get; init; }
    /// <summary>Every funding party, in ordinal order.</summary>
    public required PartyTable Parties { get; init; }
    /// <summary>Who funds the points' value.</summary>
    public required CompiledFunding PointsFunding { get; init; }
    /// <summary>The coupon choice's budget of choices (spec §14 <c>couponSearch.maxChoices</c>).</summary>
    public required long CouponSearchMaxChoices { get; init; }
}
