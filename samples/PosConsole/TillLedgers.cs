using PromoEngine.Pos;
using PromoEngine.Redemption;
using PromoEngine.Redemption.Redis;
using PromoEngine.Redemption.Sqlite;

namespace PosConsole;

/// <summary>Opens the till's ledger from <c>--ledger</c>.</summary>
public static class TillLedgers
{
    /// <summary>
    /// The ledger named by <c>sqlite:PATH</c> or <c>redis:CONFIGURATION</c>, or null for another text. A ledger
    /// that cannot be opened still gives a till ledger: every use of it answers that it is unreachable, so the
    /// till sells without limited offers and codes until it is restarted with the ledger back.
    /// </summary>
    public static TillLedger? Open(string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ILedgerStore store;
        try
        {
            if (setting.StartsWith("sqlite:", StringComparison.Ordinal) && setting.Length > 7)
                store = new SqliteLedgerStore(setting[7..]);
            else if (setting.StartsWith("redis:", StringComparison.Ordinal) && setting.Length > 6)
                store = RedisLedgerStore.ConnectAsync(setting[6..]).GetAwaiter().GetResult();
            else
                return null;
        }
        catch (Exception e) when (e is LedgerUnavailableException or StackExchange.Redis.RedisException)
        {
            store = new UnreachableStore(e.Message);
        }
        return new TillLedger(new RedemptionLedger(store));
    }

    /// <summary>A ledger that could not be opened.</summary>
    private sealed class UnreachableStore(string reason) : ILedgerStore
    {
        public string Description => "unreachable";

        private Task<T> Fail<T>() => Task.FromException<T>(new LedgerUnavailableException($"the ledger could not be opened: {reason}"));

        public Task<StoreReserveResult> ReserveAsync(PendingOrder order, CancellationToken cancellationToken) => Fail<StoreReserveResult>();

        public Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, DateTimeOffset now, CancellationToken cancellationToken) =>
            Fail<TransitionOutcome>();

        public Task<IReadOnlyList<CounterReading>> ReadCountersAsync(IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken) =>
            Fail<IReadOnlyList<CounterReading>>();

        public Task<LedgerOrder?> GetOrderAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken) => Fail<LedgerOrder?>();

        public Task<ReturnOutcome> AppendReturnAsync(string orderId, LedgerReturn entry, int expectedCount, CancellationToken cancellationToken) =>
            Fail<ReturnOutcome>();

        public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) => Fail<int>();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
