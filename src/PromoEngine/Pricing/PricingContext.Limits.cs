using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Spec §11 in the pass: a limited rule the cart's usage has exhausted is treated as not active; a
/// promotion's remaining units act like <c>limitPerOrder</c>; a remaining budget caps a threshold's or
/// coupon's discount after every other cap. Coupon instances of one definition share its uses and
/// budget left within one coupon choice, in coupon order (§14).
/// </summary>
internal sealed partial class PricingContext
{
    // By promotion rank: what the cart may still consume; read only for active promotions with limits.
    private readonly long[] _unitsLeft, _budgetLeft;

    // By coupon ordinal: what the cart may still consume, and what the coupon choice being tried has taken.
    private readonly long[] _couponUsesLeft, _couponBudgetLeft, _couponTaken, _couponSpent;

    /// <summary>Works out promotion <paramref name="rank"/>'s limits against the cart's usage; true when exhausted.</summary>
    private bool PromotionExhausted(int rank)
    {
        var p = _r.Promotions[rank];
        var state = p.Limits!.Evaluate(Counts(_cart.Usage?.Promotions, p.Id), _hasCustomer, _r.MinorDigits);
        _unitsLeft[rank] = state.UnitsLeft;
        _budgetLeft[rank] = state.BudgetLeft;
        return state.Exhausted;
    }

    /// <summary>Works out a coupon definition's limits against the cart's usage; true when exhausted.</summary>
    private bool CouponExhausted(CompiledCoupon coupon)
    {
        var state = coupon.Limits is { } limits
            ? limits.Evaluate(Counts(_cart.Usage?.Coupons, coupon.Id), _hasCustomer, _r.MinorDigits)
            : LimitState.Unlimited;
        _couponUsesLeft[coupon.Ordinal] = state.UsesLeft;
        _couponBudgetLeft[coupon.Ordinal] = state.BudgetLeft;
        _couponTaken[coupon.Ordinal] = 0;
        _couponSpent[coupon.Ordinal] = 0;
        return state.Exhausted;
    }

    /// <summary>Whether <paramref name="code"/> has been used by as many orders as its coupon allows.</summary>
    private bool CodeUsed(string code, CompiledCoupon coupon) =>
        _cart.Usage?.Codes is { } codes && codes.TryGetValue(code, out long? used) && used >= coupon.UsesPerCode;

    private static UsageCountsDefinition? Counts(IReadOnlyDictionary<string, UsageCountsDefinition?>? usage, string id) =>
        usage is not null && usage.TryGetValue(id, out var counts) ? counts : null;

    /// <summary>Units (item kinds) or groups and bundles (multibuy) the promotion may take in this cart.</summary>
    private long UnitLimit(CompiledPromotion p) => p.Limits is null ? p.LimitPerOrder : Math.Min(p.LimitPerOrder, _unitsLeft[p.Rank]);

    /// <summary>A threshold promotion's discount, capped by its remaining budget.</summary>
    private long WithinBudget(CompiledPromotion p, long discount) => p.Limits is null ? discount : Math.Min(discount, _budgetLeft[p.Rank]);

    /// <summary>Whether the coupon choice being tried may take one more instance of candidate <paramref name="c"/>'s definition.</summary>
    private bool CouponUseLeft(int c) => _couponTaken[_candCoupon[c].Ordinal] < _couponUsesLeft[_candCoupon[c].Ordinal];

    /// <summary>Candidate <paramref name="c"/>'s discount, capped by what its definition's budget has left in the choice being tried.</summary>
    private long WithinCouponBudget(int c, long discount)
    {
        int o = _candCoupon[c].Ordinal;
        return Math.Min(discount, _couponBudgetLeft[o] - _couponSpent[o]);
    }

    /// <summary>Notes that the choice being tried took candidate <paramref name="c"/> with <paramref name="discount"/> (negative to give it back).</summary>
    private void TakeCoupon(int c, long discount, int instances)
    {
        int o = _candCoupon[c].Ordinal;
        _couponSpent[o] += discount;
        _couponTaken[o] += instances;
    }
}
