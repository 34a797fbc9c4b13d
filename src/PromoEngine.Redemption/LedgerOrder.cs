namespace PromoEngine.Redemption;

/// <summary>An order as the ledger keeps it.</summary>
/// <param name="OrderId">The order id.</param>
/// <param name="Status">Its status now (a reservation past its expiry is <see cref="OrderStatus.Expired"/>, swept or not).</param>
/// <param name="CustomerId">The customer, or null for a guest.</param>
/// <param name="Fingerprint">What identifies the order's content: the same id with another fingerprint is another order.</param>
/// <param name="CreatedAt">When it was reserved.</param>
/// <param name="ExpiresAt">When its reservation ends unless committed.</param>
/// <param name="CommittedAt">When it was committed, or null.</param>
/// <param name="Consumption">What it holds, consumed or gave back: the counters and amounts (limits not kept).</param>
/// <param name="ResultJson">The result it was priced with (spec §6 JSON, as the engine wrote it).</param>
/// <param name="Returns">Its returns, oldest first.</param>
public sealed record LedgerOrder(string OrderId, OrderStatus Status, string? CustomerId, string Fingerprint,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? CommittedAt,
    IReadOnlyList<CounterDelta> Consumption, string ResultJson, IReadOnlyList<LedgerReturn> Returns)
{
    /// <summary>Units returned so far per line id (the <c>previous</c> of the next return, spec §13).</summary>
    public IReadOnlyDictionary<string, long> ReturnedUnits()
    {
        var units = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ret in Returns)
            foreach (var line in ret.Lines)
                units[line.Line] = units.GetValueOrDefault(line.Line) + line.Quantity;
        return units;
    }
}

/// <summary>A return of an order, as the ledger keeps it.</summary>
/// <param name="ReturnId">The return's id, unique within its order.</param>
/// <param name="Fingerprint">What identifies the return's content: the same id with another fingerprint is another return.</param>
/// <param name="Lines">The units returned (the return's <c>now</c>).</param>
/// <param name="ResultJson">The return result (spec §13 JSON).</param>
/// <param name="FullReturn">Whether it left nothing kept: it revoked the order's usage.</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record LedgerReturn(string ReturnId, string Fingerprint, IReadOnlyList<ReturnedLine> Lines, string ResultJson,
    bool FullReturn, DateTimeOffset RecordedAt);

/// <summary>Units of one line returned.</summary>
public sealed record ReturnedLine(string Line, long Quantity);
