using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// What the cart may still consume of each limited rule (spec §11), worked out from its usage when the
/// pass first meets the rule: for promotions, by rank, the units and budget left; for coupon
/// definitions, by ordinal, the uses and budget left, and what the coupon choice being tried has taken
/// of them (instances of one definition share them, in coupon order, §14).
/// </summary>
internal sealed class RuleLimits
{
    private readonly CompiledRuleSet _rules;
    private readonly long[] _unitsLeft, _budgetLeft;
    private readonly long[] _couponUsesLeft, _couponBudgetLeft, _couponTaken, _couponSpent;

    public RuleLimits(CompiledRuleSet rules)
    {
        _rules = rules;
        _unitsLeft = new long[rules.Promotions.Length];
        _budgetLeft = new long[rules.Promotions.Length];
        int coupons = rules.CouponsByOrdinal.Length;
        _couponUsesLeft = new long[coupons];
        _couponBudgetLeft = new long[coupons];
        _couponTaken = new long[coupons];
        _couponSpent = new long[coupons];
    }

    /// <summary>Works out promotion <paramref name="rank"/>'s limits against the cart's usage; true when exhausted.</summary>
    public bool PromotionExhausted(int rank, PassCart cart)
    {
        var p = _rules.Promotions[rank];
        var state = p.Limits!.Evaluate(Counts(cart.Definition.Usage?.Promotions, p.Id), cart.HasCustomer, _rules.MinorDigits);
        _unitsLeft[rank] = state.UnitsLeft;
        _budgetLeft[rank] = state.BudgetLeft;
        return state.Exhausted;
    }

    /// <summary>Works out a coupon definition's limits against the cart's usage; true when exhausted.</summary>
    public bool CouponExhausted(CompiledCoupon coupon, PassCart cart)
    {
        var state = coupon.Limits is { } limits
            ? limits.Evaluate(Counts(cart.Definition.Usage?.Coupons, coupon.Id), cart.HasCustomer, _rules.MinorDigits)
            : LimitState.Unlimited;
        _couponUsesLeft[coupon.Ordinal] = state.UsesLeft;
        _couponBudgetLeft[coupon.Ordinal] = state.BudgetLeft;
        _couponTaken[coupon.Ordinal] = 0;
        _couponSpent[coupon.Ordinal] = 0;
        return state.Exhausted;
    }

    /// <summary>Whether <paramref name="code"/> has been used by as many orders as its coupon allows.</summary>
    public static bool CodeUsed(string code, CompiledCoupon coupon, PassCart cart) =>
        cart.Definition.Usage?.Codes is { } codes && codes.TryGetValue(code, out long? used) && used >= coupon.UsesPerCode;

    private static UsageCountsDefinition? Counts(IReadOnlyDictionary<string, UsageCountsDefinition?>? usage, string id) =>
        usage is not null && usage.TryGetValue(id, out var counts) ? counts : null;

    /// <summary>Units (item kinds) or groups and bundles (multibuy) the promotion may take in this cart: limitPerOrder and units left together.</summary>
    public long UnitLimit(CompiledPromotion p) => p.Limits is null ? p.LimitPerOrder : Math.Min(p.LimitPerOrder, _unitsLeft[p.Rank]);

    /// <summary>A threshold promotion's discount, capped by its remaining budget (after every other cap).</summary>
    public long WithinBudget(CompiledPromotion p, long discount) => p.Limits is null ? discount : Math.Min(discount, _budgetLeft[p.Rank]);

    /// <summary>The budget a coupon definition has left before any coupon choice.</summary>
    public long CouponBudget(CompiledCoupon coupon) => _couponBudgetLeft[coupon.Ordinal];

    /// <summary>Whether the choice being tried may take one more instance of <paramref name="coupon"/>.</summary>
    public bool CouponUseLeft(CompiledCoupon coupon) => _couponTaken[coupon.Ordinal] < _couponUsesLeft[coupon.Ordinal];

    /// <summary>A discount of <paramref name="coupon"/>, capped by what its budget has left in the choice being tried.</summary>
    public long WithinCouponBudget(CompiledCoupon coupon, long discount) =>
        Math.Min(discount, _couponBudgetLeft[coupon.Ordinal] - _couponSpent[coupon.Ordinal]);

    /// <summary>Notes that the choice being tried took an instance of <paramref name="coupon"/> with <paramref name="discount"/>.</summary>
    public void Take(CompiledCoupon coupon, long discount)
    {
        _couponSpent[coupon.Ordinal] += discount;
        _couponTaken[coupon.Ordinal]++;
    }

    /// <summary>Gives back what <see cref="Take"/> noted, when the search backtracks.</summary>
    public void GiveBack(CompiledCoupon coupon, long discount)
    {
        _couponSpent[coupon.Ordinal] -= discount;
        _couponTaken[coupon.Ordinal]--;
    }
}
