namespace PromoEngine.Redemption.Tests.Support;

/// <summary>
/// A real store with a hook run once, right after the first counter read: what another checkout does between
/// this order's pricing and its reserve. Everything else goes to the real store unchanged.
/// </summary>
public sealed class InterleavingStore(ILedgerStore inner, Func<Task> betweenReadAndReserve) : ILedgerStore
{
    private int _fired;

    public string Description => inner.Description;

    public async Task<IReadOnlyList<CounterReading>> ReadCountersAsync(IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readings = await inner.ReadCountersAsync(keys, now, cancellationToken);
        if (Interlocked.Exchange(ref _fired, 1) == 0) await betweenReadAndReserve();
        return readings;
    }

    public Task<StoreReserveResult> ReserveAsync(PendingOrder order, CancellationToken cancellationToken) => inner.ReserveAsync(order, cancellationToken);

    public Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TransitionAsync(orderId, transition, now, cancellationToken);

    public Task<LedgerOrder?> GetOrderAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.GetOrderAsync(orderId, now, cancellationToken);

    public Task<ReturnOutcome> AppendReturnAsync(string orderId, LedgerReturn entry, int expectedCount, CancellationToken cancellationToken) =>
        inner.AppendReturnAsync(orderId, entry, expectedCount, cancellationToken);

    public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.SweepAsync(now, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
