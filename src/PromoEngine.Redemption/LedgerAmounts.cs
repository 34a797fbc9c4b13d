namespace PromoEngine.Redemption;

/// <summary>Bounds of what a ledger counts.</summary>
public static class LedgerAmounts
{
    /// <summary>
    /// The largest count or amount (minor units) a ledger keeps: 2^53 − 1. Redis runs its scripts in Lua,
    /// whose numbers are doubles, exact only up to here; both stores share the bound so they agree.
    /// </summary>
    public const long Max = (1L << 53) - 1;
}
