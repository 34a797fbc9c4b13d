namespace PromoEngine.Redemption.Sqlite;

/// <summary>How a <see cref="SqliteLedgerStore"/> uses its file.</summary>
public sealed record SqliteLedgerOptions
{
    /// <summary>
    /// How long an operation waits for another connection's (or process's) write to finish before it fails
    /// with <see cref="LedgerUnavailableException"/>. 30 seconds by default.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether each commit is synced to disk (<c>PRAGMA synchronous=FULL</c>, the default): a committed order
    /// survives a power loss, not only a killed process. Off gives <c>NORMAL</c>, which in WAL mode still
    /// survives a killed process but may lose the last commits on a power loss.
    /// </summary>
    public bool SyncEveryCommit { get; init; } = true;
}
