using System.Globalization;
using System.Text;
using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Redemption;
using PromoEngine.Returns;

namespace PromoEngine.Pos;

/// <summary>
/// A till's redemption ledger: the basket is priced with the usage it holds, a tender reserves and commits
/// the sale as an order (the receipt shows its id), and a return of any order by id — also one placed online —
/// is priced from the stored order and refunds what <c>POST /v1/orders/{id}/returns</c> would. When the ledger
/// cannot be reached the till keeps selling safely: rules without limits price as usual, every limited rule
/// and every coupon code is treated as exhausted, and the receipt says why. The till is single-threaded, so
/// the ledger's asynchronous calls are waited for here.
/// </summary>
public sealed class TillLedger
{
    /// <summary>The receipt's line when the basket was priced without the ledger.</summary>
    public const string NotAppliedNotice = "Ledger unreachable: limited offers and coupon codes not applied";

    /// <summary>The receipt's line when a sale without limited offers or codes could not be recorded.</summary>
    public const string NotRecordedNotice = "Ledger unreachable: sale not recorded in the ledger";

    private int _sequence;

    /// <summary>A till ledger over <paramref name="ledger"/>.</summary>
    /// <param name="ledger">The ledger (SQLite in the store, or the chain's Redis).</param>
    /// <param name="reservationTtl">How long a tender's reservation lives before its commit; 2 minutes when null.</param>
    public TillLedger(RedemptionLedger ledger, TimeSpan? reservationTtl = null)
    {
        Flow = new OrderFlow(ledger ?? throw new ArgumentNullException(nameof(ledger)), reservationTtl ?? TimeSpan.FromMinutes(2));
    }

    /// <summary>The order flow (and through it the ledger).</summary>
    public OrderFlow Flow { get; }

    /// <summary>
    /// The cart with the usage the ledger holds for it, or, when the ledger cannot be reached, with a usage
    /// that exhausts every limited rule and every code, and a notice saying so.
    /// </summary>
    /// <exception cref="TillException">The cart carries a usage of its own (only the ledger fills it).</exception>
    public (CartDefinition Cart, string? Notice) WithUsage(PricingEngine engine, CartDefinition cart)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cart);
        RefuseOwnUsage(cart);
        var limits = Flow.LimitsOf(engine);
        try
        {
            return (Flow.Ledger.WithUsageAsync(cart, limits).GetAwaiter().GetResult(), null);
        }
        catch (LedgerUnavailableException)
        {
            // The receipt says what it means for the customer; the cause shows at tender.
            return (cart with { Usage = limits.ExhaustingUsage(cart) }, NotAppliedNotice);
        }
    }

    /// <summary>
    /// Tenders the basket: reserves what its price consumes and commits it as one order; the session then
    /// holds the order id for the receipt. When the price changed since the basket was priced (someone took
    /// a limited offer meanwhile) nothing is reserved, the basket is priced again, and the cashier tenders the
    /// new total. When the ledger cannot be reached a basket priced without it is sold as it is (nothing
    /// limited was given), and one priced with it is priced again without it first.
    /// </summary>
    /// <exception cref="TillException">The basket is empty.</exception>
    public TenderOutcome Tender(TillSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Result is not { } result || session.Cart is not { } priced) throw new TillException("nothing to tender: the basket is empty");
        var cart = priced with { Usage = null };
        string orderId = NewOrderId(session);
        try
        {
            var placed = Flow.PlaceAsync(session.Engine, new OrderRequest(orderId, cart, result.Payable,
                Fingerprints.Of(orderId, JsonSerializer.Serialize(cart)))).GetAwaiter().GetResult();
            if (placed.Status != PlacementStatus.Reserved)
            {
                session.Reprice();
                string why = placed.Limits.Count > 0 ? string.Join("; ", placed.Limits.Select(l => l.Message)) : "the price changed";
                return new TenderOutcome(TenderStatus.PriceChanged, null, $"{why}: check the new total and tender again");
            }
            var committed = Flow.Ledger.CommitAsync(orderId).GetAwaiter().GetResult();
            if (committed.Status is not (TransitionStatus.Done or TransitionStatus.AlreadyDone))
            {
                session.Reprice();
                return new TenderOutcome(TenderStatus.PriceChanged, null, "the reservation ended before its commit: tender again");
            }
            session.Tendered(orderId);
            return new TenderOutcome(TenderStatus.Committed, orderId, null);
        }
        catch (LedgerUnavailableException e)
        {
            if (session.LedgerNotice is null && !NeedsLedger(result, Flow.LimitsOf(session.Engine)))
            {
                // Nothing in this sale is limited or a code: it sells as it is; only its record is missing.
                session.SoldWithoutLedger(NotRecordedNotice);
                return new TenderOutcome(TenderStatus.SoldWithoutLedger, null, $"{NotRecordedNotice}: {e.Message}");
            }
            if (session.LedgerNotice is null)
            {
                // Priced with the ledger's usage, which can no longer be confirmed: price without it first.
                session.Reprice();
                return new TenderOutcome(TenderStatus.PriceChanged, null, $"ledger unreachable ({e.Message}): priced without limited offers, tender again");
            }
            return new TenderOutcome(TenderStatus.SoldWithoutLedger, null, $"{session.LedgerNotice}: {e.Message}");
        }
    }

    /// <summary>
    /// Returns units of any order in the ledger (placed at a till or online): priced from the stored order
    /// and its earlier returns, recorded idempotently by <paramref name="returnId"/>, a full return giving its
    /// usage back. The slip refunds exactly the §13 result (no till cash rounding: the order may come from
    /// another channel).
    /// </summary>
    /// <exception cref="TillException">The order is unknown or not committed, the return id was used for other lines, or the ledger cannot be reached.</exception>
    /// <exception cref="PromoValidationException">The return does not fit the order.</exception>
    public (RefundSlip Slip, OrderReturn Return) Return(TillSession session, string orderId, string returnId, IReadOnlyList<ReturnLine> now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (LedgerIds.Problem(orderId, "order id") is { } badOrder) throw new TillException(badOrder);
        if (LedgerIds.Problem(returnId, "return id") is { } badReturn) throw new TillException(badReturn);
        OrderReturn returned;
        LedgerOrder? order;
        try
        {
            returned = Flow.Ledger.ReturnAsync(orderId, returnId, now).GetAwaiter().GetResult();
            order = Flow.Ledger.GetOrderAsync(orderId).GetAwaiter().GetResult();
        }
        catch (LedgerUnavailableException e)
        {
            throw new TillException($"the ledger cannot be reached, so no return can be taken now: {e.Message}");
        }
        switch (returned.Status)
        {
            case ReturnStatus.NotFound: throw new TillException($"no order {orderId} in the ledger");
            case ReturnStatus.ReturnIdReused: throw new TillException($"return {returnId} of order {orderId} was taken before with other lines");
            case ReturnStatus.NotCommitted or ReturnStatus.Stale:
                throw new TillException($"order {orderId} is {LedgerNames.Of(returned.OrderStatus!.Value)}: only a committed order can be returned");
        }
        // The slip shows the return as the ledger priced it: the same request against the same stored result.
        var previous = order!.Returns.TakeWhile(r => r.ReturnId != returnId)
            .SelectMany(r => r.Lines).GroupBy(l => l.Line, StringComparer.Ordinal)
            .Select(g => new ReturnLine(g.Key, g.Sum(l => l.Quantity))).ToList();
        var lines = returned.Return!.Lines.Select(l => new ReturnLine(l.Line, l.Quantity)).ToList();
        var slip = RefundSlip.Build(ResultDocument.Read(order.ResultJson), new ReturnRequest(previous, lines), null, session.Catalog,
            session.StoreId, session.PricedAt, session.Options.TillId);
        return (session.Named(slip), returned);
    }

    private static bool NeedsLedger(PricingResult result, LimitTable limits) =>
        result.Usage.Codes.Count > 0
        || result.Usage.Promotions.Any(p => limits.Promotions.ContainsKey(p.Id))
        || result.Usage.Coupons.Any(c => limits.Coupons.ContainsKey(c.CouponId));

    private static void RefuseOwnUsage(CartDefinition cart)
    {
        try
        {
            OrderFlow.RefuseOwnUsage(cart);
        }
        catch (PromoValidationException e)
        {
            throw new TillException("a till cart must not carry its own usage: only the ledger fills it", e.Errors, e);
        }
    }

    // STORE-TILL-yyyyMMddHHmmssfff-N: unique per till, readable on the receipt, in the ledger's id alphabet.
    private string NewOrderId(TillSession session)
    {
        int n = Interlocked.Increment(ref _sequence);
        string raw = $"{session.StoreId}-{session.Options.TillId ?? "T"}-{session.PricedAt.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}-{n}";
        var id = new StringBuilder(raw.Length);
        foreach (char c in raw) id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' ? c : '-');
        return id.Length > LedgerIds.MaxLength ? id.ToString(0, LedgerIds.MaxLength) : id.ToString();
    }
}

/// <summary>How a tender went.</summary>
public enum TenderStatus
{
    /// <summary>Reserved and committed: the receipt shows the order id.</summary>
    Committed,
    /// <summary>Nothing sold: the basket was priced again; tender the new total.</summary>
    PriceChanged,
    /// <summary>Sold without the ledger (it cannot be reached); nothing limited was given. The receipt says why.</summary>
    SoldWithoutLedger,
}

/// <summary>The answer to a tender.</summary>
/// <param name="Status">How it went.</param>
/// <param name="OrderId">The order id, when committed.</param>
/// <param name="Message">For the cashier, when not committed.</param>
public sealed record TenderOutcome(TenderStatus Status, string? OrderId, string? Message);
