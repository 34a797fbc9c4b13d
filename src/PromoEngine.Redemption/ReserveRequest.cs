using PromoEngine.Results;

namespace PromoEngine.Redemption;

/// <summary>
/// What <see cref="RedemptionLedger.ReserveAsync(ReserveRequest, CancellationToken)"/> takes: spec §12's
/// <c>reserve(orderId, customerId, usage, limits, ttl)</c>, with what the ledger keeps besides.
/// </summary>
/// <param name="OrderId">The order id (<see cref="LedgerIds"/>).</param>
/// <param name="CustomerId">The cart's customer id, or null for a guest.</param>
/// <param name="Usage">What the order consumes: the result's <c>usage</c> (spec §11).</param>
/// <param name="Limits">The limits it is checked against.</param>
/// <param name="Ttl">How long the reservation lives unless committed.</param>
public sealed record ReserveRequest(string OrderId, string? CustomerId, UsageResult Usage, LimitTable Limits, TimeSpan Ttl)
{
    /// <summary>The coupon definition of each applied code, for its <c>usesPerCode</c> (a code not here gets 1).</summary>
    public IReadOnlyDictionary<string, string>? CodeCoupons { get; init; }

    /// <summary>What identifies the order's content; by default one made of the customer, the usage and the result.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The result JSON the ledger keeps with the order (for returns); JSON <c>null</c> when absent.</summary>
    public string? ResultJson { get; init; }
}

/// <summary>How a reserve went.</summary>
public enum ReserveStatus
{
    /// <summary>The order's usage is held (now, or by an earlier call with the same order).</summary>
    Reserved,
    /// <summary>A limit would be exceeded; nothing was reserved.</summary>
    Conflict,
    /// <summary>The order id belongs to another order (another fingerprint); nothing changed.</summary>
    OrderIdReused,
}

/// <summary>The answer to a reserve.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Repeated">Whether an earlier call made the reservation (this one changed nothing).</param>
/// <param name="Order">The order as the ledger keeps it (for a repeat: its status now), or null for a conflict.</param>
/// <param name="Exceeded">For a conflict: every limit that would be exceeded.</param>
public sealed record ReserveOutcome(ReserveStatus Status, bool Repeated, LedgerOrder? Order, IReadOnlyList<ExceededLimit> Exceeded);
