using System.Collections.Frozen;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Redemption;

/// <summary>
/// What the ledger checks an order against: the limits of every limited promotion and coupon definition of
/// a rule set, and every coupon definition's <c>usesPerCode</c> (spec §11, §14). Immutable; derive it
/// from the engine that prices the orders with <see cref="From(PricingEngine)"/>.
/// </summary>
public sealed class LimitTable
{
    private readonly FrozenDictionary<string, long> _usesPerCode;

    private LimitTable(int minorDigits, FrozenDictionary<string, RuleLimits> promotions,
        FrozenDictionary<string, RuleLimits> coupons, FrozenDictionary<string, long> usesPerCode)
    {
        MinorDigits = minorDigits;
        Promotions = promotions;
        Coupons = coupons;
        _usesPerCode = usesPerCode;
    }

    /// <summary>A table with no limits at all (codes still default to one order each).</summary>
    public static LimitTable Empty { get; } = new(2, FrozenDictionary<string, RuleLimits>.Empty,
        FrozenDictionary<string, RuleLimits>.Empty, FrozenDictionary<string, long>.Empty);

    /// <summary>Minor-unit digits of the rule set's currency: budgets and spent amounts are in these units.</summary>
    public int MinorDigits { get; }

    /// <summary>Limits of the promotions that have <c>limits</c>, by id.</summary>
    public IReadOnlyDictionary<string, RuleLimits> Promotions { get; }

    /// <summary>Limits of the coupon definitions that have <c>limits</c>, by id.</summary>
    public IReadOnlyDictionary<string, RuleLimits> Coupons { get; }

    /// <summary>How many orders may use one code of a coupon definition: its <c>usesPerCode</c>, 1 when absent or unknown.</summary>
    public long UsesPerCode(string? couponId) =>
        couponId is not null && _usesPerCode.TryGetValue(couponId, out var uses) ? uses : 1;

    /// <summary>The limit table of the rule set an engine was compiled from (it is valid, so every amount fits).</summary>
    public static LimitTable From(PricingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return From(engine.Definition);
    }

    /// <summary>The limit table of a rule set; call it with a rule set the engine has validated.</summary>
    /// <exception cref="ArgumentException">The currency's minor digits are unknown, or a budget has more digits than they allow.</exception>
    public static LimitTable From(RuleSetDefinition rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        int digits = rules.MinorDigits
            ?? (rules.Currency is not null && Currencies.TryGetMinorDigits(rules.Currency, out var known) ? known
                : throw new ArgumentException($"the minor digits of currency '{rules.Currency}' are unknown", nameof(rules)));
        var promotions = new Dictionary<string, RuleLimits>(StringComparer.Ordinal);
        foreach (var promotion in rules.Promotions ?? [])
            if (promotion.Id is not null && promotion.Limits is not null)
                promotions[promotion.Id] = Convert(promotion.Limits, digits, promotion.Id);
        var coupons = new Dictionary<string, RuleLimits>(StringComparer.Ordinal);
        var usesPerCode = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var coupon in rules.Coupons ?? [])
        {
            if (coupon.Id is null) continue;
            if (coupon.Limits is not null) coupons[coupon.Id] = Convert(coupon.Limits, digits, coupon.Id);
            if (coupon.UsesPerCode is { } perCode) usesPerCode[coupon.Id] = perCode;
        }
        return new LimitTable(digits, promotions.ToFrozenDictionary(StringComparer.Ordinal),
            coupons.ToFrozenDictionary(StringComparer.Ordinal), usesPerCode.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Minor units of an amount in major units (exact: the rule set's validation bounds the digits).</summary>
    public long ToMinor(decimal major)
    {
        decimal minor = major * Currencies.Pow10(MinorDigits);
        if (minor != decimal.Truncate(minor)) throw new ArgumentException($"{major} has more than {MinorDigits} minor digits");
        return (long)minor;
    }

    /// <summary>Major units of an amount in minor units, as <see cref="UsageCountsDefinition.Spent"/> takes them.</summary>
    public decimal ToMajor(long minor) => (decimal)minor / Currencies.Pow10(MinorDigits);

    /// <summary>
    /// A usage that exhausts every limited rule and every code of the cart: what a till prices with when the
    /// ledger cannot be reached, so that nothing limited is given that the ledger could not confirm
    /// (rules without limits price as usual).
    /// </summary>
    public UsageDefinition ExhaustingUsage(CartDefinition cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var codes = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var coupon in cart.Coupons ?? [])
            if (coupon.Code is not null) codes[coupon.Code] = UsesPerCode(coupon.CouponId);
        return new UsageDefinition
        {
            Promotions = Promotions.ToDictionary(p => p.Key, p => Exhausting(p.Value), StringComparer.Ordinal),
            Coupons = Coupons.ToDictionary(c => c.Key, c => Exhausting(c.Value), StringComparer.Ordinal),
            Codes = codes,
        };
    }

    // Every limited count at its limit: a rule is exhausted when any one of them is (spec §11).
    private UsageCountsDefinition? Exhausting(RuleLimits limits) => new()
    {
        Uses = limits.Uses,
        CustomerUses = limits.UsesPerCustomer,
        Units = limits.Units,
        CustomerUnits = limits.UnitsPerCustomer,
        Spent = limits.Budget is { } budget ? ToMajor(budget) : null,
    };

    private static RuleLimits Convert(LimitsDefinition limits, int digits, string id)
    {
        long? budget = null;
        if (limits.Budget is { } major)
        {
            decimal minor = major * Currencies.Pow10(digits);
            if (minor != decimal.Truncate(minor) || minor > LedgerAmounts.Max)
                throw new ArgumentException($"the budget of '{id}' ({major}) does not fit the ledger's minor units");
            budget = (long)minor;
        }
        return new RuleLimits(limits.Uses, limits.UsesPerCustomer, limits.Units, limits.UnitsPerCustomer, budget);
    }
}
