using PromoEngine.Returns;

namespace PromoEngine.Redemption;

/// <summary>
/// A return of an order kept by the ledger, the same in every channel: the return is priced (spec §13) from
/// the order's stored result and its stored earlier returns, then recorded, idempotent by return id. A full
/// return revokes the order's usage in the same step.
/// </summary>
public static class OrderReturns
{
    private const int Attempts = 16;

    /// <summary>
    /// The fingerprint of a return's content (its <c>now</c>), the same whichever channel takes it, so that
    /// a return repeated at a till after the web answered is recognised.
    /// </summary>
    public static string Fingerprint(IReadOnlyList<ReturnLine> now) =>
        Fingerprints.Of([.. now.SelectMany(l => new[] { l.Line, l.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) })]);

    /// <summary>Prices and records a return of <paramref name="now"/> units of a committed order.</summary>
    /// <exception cref="ArgumentException">An id is not acceptable.</exception>
    /// <exception cref="PromoValidationException">The return does not fit the order (errors at <c>$.now[i]…</c> of document <c>returns</c>).</exception>
    /// <exception cref="LedgerUnavailableException">The ledger cannot be reached.</exception>
    public static async Task<OrderReturn> ReturnAsync(this RedemptionLedger ledger, string orderId, string returnId,
        IReadOnlyList<ReturnLine> now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(now);
        LedgerIds.Validate(orderId, "orderId");
        LedgerIds.Validate(returnId, "returnId");
        string fingerprint = Fingerprint(now);
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            var order = await ledger.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            if (order is null) return new OrderReturn(ReturnStatus.NotFound, null, null);
            if (order.Returns.FirstOrDefault(r => r.ReturnId == returnId) is { } recorded)
                return recorded.Fingerprint == fingerprint
                    ? new OrderReturn(ReturnStatus.Repeated, recorded, order.Status)
                    : new OrderReturn(ReturnStatus.ReturnIdReused, null, order.Status);
            if (order.Status != OrderStatus.Committed) return new OrderReturn(ReturnStatus.NotCommitted, null, order.Status);

            var previous = order.ReturnedUnits().Select(u => new ReturnLine(u.Key, u.Value)).ToList();
            var priced = ReturnPricing.Price(ResultDocument.Read(order.ResultJson), new ReturnRequest(previous, now));
            var outcome = await ledger.RecordReturnAsync(orderId, returnId, fingerprint,
                now.Select(l => new ReturnedLine(l.Line, l.Quantity)).ToList(), ReturnJson.Write(priced), priced.FullReturn,
                order.Returns.Count, cancellationToken).ConfigureAwait(false);
            // Another return of this order was recorded meanwhile: price again after it.
            if (outcome.Status != ReturnStatus.Stale) return new OrderReturn(outcome.Status, outcome.Return, outcome.Current);
        }
        throw new LedgerUnavailableException($"order '{orderId}' kept changing while return '{returnId}' was priced; try again");
    }
}

/// <summary>The answer to a return.</summary>
/// <param name="Status">Recorded now, repeated (the recorded return), or why not.</param>
/// <param name="Return">The return as the ledger keeps it (its <see cref="LedgerReturn.ResultJson"/> is the §13 result).</param>
/// <param name="OrderStatus">The order's status after it (revoked after a full return).</param>
public sealed record OrderReturn(ReturnStatus Status, LedgerReturn? Return, OrderStatus? OrderStatus);
