namespace PromoEngine.Redemption;

/// <summary>
/// Where a <see cref="RedemptionLedger"/> keeps its counters and orders. A store does each operation
/// atomically (one transaction, one server-side script) and never reads a clock: the ledger hands it
/// <c>now</c>. The ledger decides what is counted and checked; a store only applies it. Stores throw
/// <see cref="LedgerUnavailableException"/> when they cannot be reached.
/// </summary>
public interface ILedgerStore : IAsyncDisposable
{
    /// <summary>What the store is, for messages (<c>sqlite:/var/lib/promo/ledger.db</c>); never a secret.</summary>
    string Description { get; }

    /// <summary>
    /// Atomically: releases every reservation expired at <see cref="PendingOrder.CreatedAt"/>; when an order
    /// with this id exists answers <see cref="StoreReserveStatus.Exists"/> and its fingerprint; else, when
    /// any limited delta has consumed + reserved + amount &gt; limit, answers every such delta and changes
    /// nothing; else holds every delta until <see cref="PendingOrder.ExpiresAt"/> and records the order.
    /// </summary>
    Task<StoreReserveResult> ReserveAsync(PendingOrder order, CancellationToken cancellationToken);

    /// <summary>Atomically applies <see cref="OrderTransitions.Decide"/> to the order as it is at <paramref name="now"/>.</summary>
    Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Consumed and reserved (by reservations live at <paramref name="now"/>) of each counter; 0 for one never used.</summary>
    Task<IReadOnlyList<CounterReading>> ReadCountersAsync(IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>An order with its returns, or null; its status as at <paramref name="now"/>.</summary>
    Task<LedgerOrder?> GetOrderAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: a return with this id already recorded answers <see cref="ReturnStatus.Repeated"/> (same
    /// fingerprint, with the recorded return) or <see cref="ReturnStatus.ReturnIdReused"/>; an order not
    /// committed answers <see cref="ReturnStatus.NotCommitted"/>; an order with other than
    /// <paramref name="expectedCount"/> returns answers <see cref="ReturnStatus.Stale"/>; else records the
    /// return, and when it is a full return revokes the order (gives back its consumption) in the same step.
    /// </summary>
    Task<ReturnOutcome> AppendReturnAsync(string orderId, LedgerReturn entry, int expectedCount, CancellationToken cancellationToken);

    /// <summary>Releases every reservation expired at <paramref name="now"/>; answers how many.</summary>
    Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>An order to reserve, as a store records it.</summary>
/// <param name="OrderId">The order id (validated).</param>
/// <param name="Fingerprint">What identifies its content.</param>
/// <param name="CustomerId">The customer, or null.</param>
/// <param name="Deltas">The counters it moves, each with its limit or null; no key twice, every amount &gt; 0.</param>
/// <param name="ResultJson">The result it was priced with.</param>
/// <param name="CreatedAt">Now.</param>
/// <param name="ExpiresAt">When the reservation ends unless committed.</param>
public sealed record PendingOrder(string OrderId, string Fingerprint, string? CustomerId, IReadOnlyList<CounterDelta> Deltas,
    string ResultJson, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>How a store's reserve went.</summary>
public enum StoreReserveStatus
{
    /// <summary>Held and recorded.</summary>
    Reserved,
    /// <summary>An order with that id exists; nothing changed.</summary>
    Exists,
    /// <summary>A limit would be exceeded; nothing changed.</summary>
    Exceeded,
}

/// <summary>A store's answer to a reserve.</summary>
/// <param name="Status">How it went.</param>
/// <param name="ExistingFingerprint">For <see cref="StoreReserveStatus.Exists"/>: the existing order's fingerprint.</param>
/// <param name="Exceeded">For <see cref="StoreReserveStatus.Exceeded"/>: each delta that would pass its limit.</param>
public sealed record StoreReserveResult(StoreReserveStatus Status, string? ExistingFingerprint, IReadOnlyList<ExceededCounter> Exceeded)
{
    /// <summary>Held and recorded.</summary>
    public static StoreReserveResult Reserved { get; } = new(StoreReserveStatus.Reserved, null, []);
}

/// <summary>A delta (by its index in <see cref="PendingOrder.Deltas"/>) that would pass its limit, with the counter as it was.</summary>
public sealed record ExceededCounter(int Index, long Consumed, long Reserved);

/// <summary>A counter's reading: committed, and held by live reservations.</summary>
public sealed record CounterReading(string Key, long Consumed, long Reserved)
{
    /// <summary>What pricing must take as used: consumed + reserved by others.</summary>
    public long Used => checked(Consumed + Reserved);
}

/// <summary>The answer to a commit, release or revoke.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Current">The order's status after it (null when not found).</param>
public sealed record TransitionOutcome(TransitionStatus Status, OrderStatus? Current)
{
    /// <summary>Whether the order is now where the operation wanted it (done now or before).</summary>
    public bool Succeeded => Status is TransitionStatus.Done or TransitionStatus.AlreadyDone;
}

/// <summary>How recording a return went.</summary>
public enum ReturnStatus
{
    /// <summary>Recorded now.</summary>
    Recorded,
    /// <summary>Recorded before with the same content: the recorded return is the answer; nothing changed.</summary>
    Repeated,
    /// <summary>The return id was recorded before with other content: refused.</summary>
    ReturnIdReused,
    /// <summary>Another return was recorded since the caller read the order: price it again from the fresh order.</summary>
    Stale,
    /// <summary>The order is not committed (reserved, released, expired, or revoked): nothing to return.</summary>
    NotCommitted,
    /// <summary>No order with that id.</summary>
    NotFound,
}

/// <summary>The answer to recording a return.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Return">The return recorded now or before (null when refused).</param>
/// <param name="Current">The order's status after it (null when not found).</param>
public sealed record ReturnOutcome(ReturnStatus Status, LedgerReturn? Return, OrderStatus? Current);

/// <summary>The ledger's store cannot be reached or failed: no price that depends on it may be given.</summary>
public sealed class LedgerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
