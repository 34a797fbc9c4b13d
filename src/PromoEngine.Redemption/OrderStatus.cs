namespace PromoEngine.Redemption;

/// <summary>Where an order is in the ledger (spec §12).</summary>
public enum OrderStatus
{
    /// <summary>Its usage is held until it is committed, released or its reservation expires.</summary>
    Reserved,
    /// <summary>Its usage is consumed.</summary>
    Committed,
    /// <summary>Its reservation was dropped; it consumed nothing.</summary>
    Released,
    /// <summary>Its reservation was not committed within its time to live; it consumed nothing.</summary>
    Expired,
    /// <summary>It was committed, then cancelled or fully returned: what it consumed was given back.</summary>
    Revoked,
}

/// <summary>The operations that move an order on from <see cref="OrderStatus.Reserved"/> or <see cref="OrderStatus.Committed"/>.</summary>
public enum LedgerTransition
{
    /// <summary>Reserved → committed.</summary>
    Commit,
    /// <summary>Reserved → released.</summary>
    Release,
    /// <summary>Committed → revoked.</summary>
    Revoke,
}

/// <summary>How a commit, release or revoke went.</summary>
public enum TransitionStatus
{
    /// <summary>This call moved the order on.</summary>
    Done,
    /// <summary>An earlier call already did (or, for a release, the reservation had already ended): nothing changed.</summary>
    AlreadyDone,
    /// <summary>The order's status does not allow it (e.g. committing an expired reservation): nothing changed.</summary>
    Refused,
    /// <summary>The ledger has no order with that id.</summary>
    NotFound,
}

/// <summary>The one table of what commit, release and revoke do from each status; every store follows it.</summary>
public static class OrderTransitions
{
    /// <summary>
    /// The answer to <paramref name="transition"/> of an order in <paramref name="current"/> status (an
    /// expired reservation is <see cref="OrderStatus.Expired"/> here, swept or not), and the status after it.
    /// </summary>
    public static (TransitionStatus Status, OrderStatus Next) Decide(LedgerTransition transition, OrderStatus current) =>
        (transition, current) switch
        {
            (LedgerTransition.Commit, OrderStatus.Reserved) => (TransitionStatus.Done, OrderStatus.Committed),
            (LedgerTransition.Commit, OrderStatus.Committed or OrderStatus.Revoked) => (TransitionStatus.AlreadyDone, current),
            (LedgerTransition.Release, OrderStatus.Reserved) => (TransitionStatus.Done, OrderStatus.Released),
            (LedgerTransition.Release, OrderStatus.Released or OrderStatus.Expired) => (TransitionStatus.AlreadyDone, current),
            (LedgerTransition.Revoke, OrderStatus.Committed) => (TransitionStatus.Done, OrderStatus.Revoked),
            (LedgerTransition.Revoke, OrderStatus.Revoked) => (TransitionStatus.AlreadyDone, current),
            _ => (TransitionStatus.Refused, current),
        };
}
