namespace PromoEngine.Redemption.Redis;

/// <summary>How a <see cref="RedisLedgerStore"/> names its keys.</summary>
public sealed record RedisLedgerOptions
{
    /// <summary>
    /// The ledger's name: every key starts with <c>{NAMESPACE}:</c>. The braces make it the keys' Redis
    /// Cluster hash tag, so all keys of one ledger live in one slot and every script may touch any of them.
    /// Several ledgers (e.g. test runs, brands) share one Redis under different namespaces.
    /// </summary>
    public string Namespace { get; init; } = "promoengine";
}
