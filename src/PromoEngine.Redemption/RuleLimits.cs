namespace PromoEngine.Redemption;

/// <summary>
/// The limits of one promotion or coupon definition as the ledger checks them: counts, and the budget in
/// minor units of the rule set's currency. A member is null when the rule does not limit it.
/// </summary>
public sealed record RuleLimits(long? Uses, long? UsesPerCustomer, long? Units, long? UnitsPerCustomer, long? Budget)
{
    /// <summary>Whether the rule has a per-customer limit (uses or units), so the ledger keeps per-customer counters for it.</summary>
    public bool PerCustomer => UsesPerCustomer is not null || UnitsPerCustomer is not null;

    /// <summary>The limit of a kind, or null.</summary>
    public long? Of(LimitKind kind) => kind switch
    {
        LimitKind.Uses => Uses,
        LimitKind.UsesPerCustomer => UsesPerCustomer,
        LimitKind.Units => Units,
        LimitKind.UnitsPerCustomer => UnitsPerCustomer,
        LimitKind.Budget => Budget,
        _ => null,
    };
}
