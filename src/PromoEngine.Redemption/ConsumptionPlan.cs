using PromoEngine.Results;

namespace PromoEngine.Redemption;

/// <summary>
/// The counters one order's usage (spec §11 result <c>usage</c>) moves, each with the limit it is checked
/// against. In all, every promotion and coupon definition the usage names is counted (uses, units, spent),
/// limited or not, and every code; per customer, only the rules that have a per-customer limit (a counter
/// per customer and rule for every rule would grow without bound for nothing).
/// </summary>
internal sealed class ConsumptionPlan
{
    private readonly List<Planned> _entries = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);

    private ConsumptionPlan() { }

    /// <summary>The counters, in a fixed order (the usage's order), with their amounts and limits.</summary>
    public IReadOnlyList<CounterDelta> Deltas => _entries.ConvertAll(e => e.Delta);

    /// <summary>Per-customer limits the order touches without a customer: it can never be allowed.</summary>
    public List<ExceededLimit> Unverifiable { get; } = [];

    /// <summary>The limit a delta (by index) is checked against, for the answer of a refused reserve.</summary>
    public ExceededLimit Exceeded(int index, long consumed, long reserved, string? customerId)
    {
        var entry = _entries[index];
        return new ExceededLimit(entry.Kind, entry.Id, entry.Limit!.Value, entry.Delta.Limit!.Value, consumed, reserved,
            entry.Delta.Amount, entry.Limit is LimitKind.UsesPerCustomer or LimitKind.UnitsPerCustomer ? customerId : null);
    }

    public static ConsumptionPlan For(UsageResult usage, string? customerId, IReadOnlyDictionary<string, string> codeCoupons, LimitTable limits)
    {
        var plan = new ConsumptionPlan();
        foreach (var promotion in usage.Promotions)
        {
            limits.Promotions.TryGetValue(promotion.Id, out var rule);
            plan.AddRule(RuleKind.Promotion, promotion.Id, promotion.Uses, promotion.Units, promotion.Spent, rule, customerId);
        }
        foreach (var coupon in usage.Coupons)
        {
            limits.Coupons.TryGetValue(coupon.CouponId, out var rule);
            plan.AddRule(RuleKind.Coupon, coupon.CouponId, coupon.Uses, null, coupon.Spent, rule, customerId);
        }
        foreach (var code in usage.Codes)
        {
            codeCoupons.TryGetValue(code, out var couponId);
            plan.Add(RuleKind.Code, code, CounterKeys.Code(code), 1, LimitKind.UsesPerCode, limits.UsesPerCode(couponId));
        }
        return plan;
    }

    private void AddRule(RuleKind kind, string id, long uses, long? units, long spent, RuleLimits? rule, string? customerId)
    {
        Add(kind, id, CounterKeys.Uses(kind, id), uses, LimitKind.Uses, rule?.Uses);
        if (units is { } counted) Add(kind, id, CounterKeys.Units(kind, id), counted, LimitKind.Units, rule?.Units);
        Add(kind, id, CounterKeys.Spent(kind, id), spent, LimitKind.Budget, rule?.Budget);
        if (rule is not { PerCustomer: true }) return;
        if (customerId is null)
        {
            var limit = rule.UsesPerCustomer is not null ? LimitKind.UsesPerCustomer : LimitKind.UnitsPerCustomer;
            Unverifiable.Add(new ExceededLimit(kind, id, limit, rule.Of(limit)!.Value, 0, 0, limit == LimitKind.UsesPerCustomer ? uses : units ?? 0, null));
            return;
        }
        Add(kind, id, CounterKeys.CustomerUses(kind, id, customerId), uses, LimitKind.UsesPerCustomer, rule.UsesPerCustomer);
        if (units is { } customerUnits)
            Add(kind, id, CounterKeys.CustomerUnits(kind, id, customerId), customerUnits, LimitKind.UnitsPerCustomer, rule.UnitsPerCustomer);
    }

    // Nothing consumed is nothing to count or check: a gift-only threshold spends 0 of its budget.
    private void Add(RuleKind kind, string id, string key, long amount, LimitKind limitKind, long? limit)
    {
        if (amount < 0 || amount > LedgerAmounts.Max)
            throw new ArgumentException($"{LedgerNames.Of(kind)} '{id}': {amount} is outside what a ledger counts (0 to {LedgerAmounts.Max})");
        if (amount == 0) return;
        // A usage built by hand may name a rule or code twice: one counter gets the sum, checked once.
        if (_byKey.TryGetValue(key, out int at))
        {
            var entry = _entries[at];
            _entries[at] = entry with { Delta = entry.Delta with { Amount = checked(entry.Delta.Amount + amount) } };
            return;
        }
        _byKey[key] = _entries.Count;
        _entries.Add(new Planned(new CounterDelta(key, amount, limit), kind, id, limit is null ? null : limitKind));
    }

    private sealed record Planned(CounterDelta Delta, RuleKind Kind, string Id, LimitKind? Limit);
}
