using PromoEngine.Money;
using PromoEngine.Returns;

namespace PromoEngine.Pos;

/// <summary>
/// What a customer returning units is given (售后退款单): per line the units back, the cash and the points
/// refunded; in all the refund, the points restored and the earned points clawed back, each funder's
/// funding reversed and what the order keeps; on a full return the coupons restored and the gifts to
/// collect. The amounts are the engine's return (spec §13) of the order's result, so the slip shows
/// what the web shop would refund. When the sale's cash was rounded (抹零), the cash handed back is the
/// same §13 rule applied to each line's rounded cash, so all the returns of an order hand back exactly
/// the cash that was paid. Money is in minor units of <see cref="Currency"/>.
/// </summary>
public sealed record RefundSlip
{
    /// <summary>The store.</summary>
    public required string StoreId { get; init; }
    /// <summary>The till, when it has an id.</summary>
    public string? TillId { get; init; }
    /// <summary>When the slip was made (the till clock's reading).</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>Currency code.</summary>
    public required string Currency { get; init; }
    /// <summary>Minor-unit digits of the currency.</summary>
    public required int MinorDigits { get; init; }
    /// <summary>The order's result: what was sold and how it was priced.</summary>
    public required PricingResult Order { get; init; }
    /// <summary>The engine's return (spec §13).</summary>
    public required ReturnResult Return { get; init; }
    /// <summary>The sale's cash rounding, whose share of each line is handed back with it; null when the sale was not rounded.</summary>
    public CashRounding? SaleRounding { get; init; }
    /// <summary>The lines returned now, in the order's line order.</summary>
    public required IReadOnlyList<RefundSlipLine> Lines { get; init; }
    /// <summary>Cash handed back: Σ line <see cref="RefundSlipLine.CashBack"/>.</summary>
    public required long CashBack { get; init; }
    /// <summary>Gifts to collect (full return only), with catalog names.</summary>
    public required IReadOnlyList<ReceiptGift> GiftsToCollect { get; init; }

    /// <summary>Formats <paramref name="minor"/> units of this slip's currency.</summary>
    public string Format(long minor) => MinorUnits.Format(minor, MinorDigits);

    /// <summary>
    /// The slip for returning <paramref name="request"/> of the order priced as <paramref name="order"/>.
    /// </summary>
    /// <param name="order">The order's result (e.g. read back with <see cref="ResultDocument.Read(string)"/> from what the till saved).</param>
    /// <param name="request">Units returned before and now.</param>
    /// <param name="saleRounding">The cash rounding the till applied to the sale; null for none.</param>
    /// <param name="catalog">Product names; SKUs are shown when null or not found.</param>
    /// <param name="storeId">The store making the refund.</param>
    /// <param name="at">When.</param>
    /// <param name="tillId">The till, if it has an id.</param>
    /// <exception cref="PromoValidationException">The result or the request is invalid (spec §14).</exception>
    public static RefundSlip Build(PricingResult order, ReturnRequest request, CashRounding? saleRounding, Catalog? catalog,
        string storeId, DateTimeOffset at, string? tillId = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(storeId);
        var returned = ReturnPricing.Price(order, request); // validates the result and the request first
        string Name(string sku) => catalog?.FindSku(sku)?.Name ?? sku;

        var rounding = saleRounding?.Apply(order);
        var before = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in request.Previous ?? []) before[line.Line] = line.Quantity;
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Lines.Count; i++) byId[order.Lines[i].Id] = i;

        var lines = new List<RefundSlipLine>();
        long cashBack = 0;
        foreach (var back in returned.Lines)
        {
            int i = byId[back.Id];
            var line = order.Lines[i];
            long cash = rounding?.Lines[i].CashDue ?? line.Payable; // what the line was paid in cash, ≥ 0
            long kept = line.Quantity - before.GetValueOrDefault(back.Id);
            long lineCash = Kept(cash, kept, line.Quantity) - Kept(cash, kept - back.Returned, line.Quantity);
            cashBack += lineCash;
            lines.Add(new RefundSlipLine(back.Id, line.Sku, Name(line.Sku), back.Returned, line.Quantity, kept - back.Returned,
                back.Refund, lineCash, back.PointsRestored, back.PointsValue));
        }
        return new RefundSlip
        {
            StoreId = storeId,
            TillId = tillId,
            At = at,
            Currency = order.Currency,
            MinorDigits = order.MinorDigits,
            Order = order,
            Return = returned,
            SaleRounding = rounding is null ? null : saleRounding,
            Lines = lines,
            CashBack = cashBack,
            GiftsToCollect = returned.GiftsReturned.Select(g => new ReceiptGift(g.PromotionId, g.Sku, Name(g.Sku), g.Quantity)).ToArray(),
        };
    }

    // floor(x × k / q), as spec §13 keeps amounts.
    private static long Kept(long x, long k, long q) => (long)((Int128)x * k / q);
}

/// <summary>One line of a refund slip.</summary>
/// <param name="LineId">The order's line id.</param>
/// <param name="Sku">SKU.</param>
/// <param name="Name">Product name (the SKU when not in the catalog).</param>
/// <param name="Returned">Units back now.</param>
/// <param name="Bought">Units of the line in the order.</param>
/// <param name="Kept">Units the customer still has after this return.</param>
/// <param name="Refund">The engine's cash refund for them (spec §13).</param>
/// <param name="CashBack">Cash handed back: <paramref name="Refund"/>, with the line's share of the sale's cash rounding given back too.</param>
/// <param name="PointsRestored">Points given back.</param>
/// <param name="PointsValue">Their value.</param>
public sealed record RefundSlipLine(string LineId, string Sku, string Name, long Returned, long Bought, long Kept,
    long Refund, long CashBack, long PointsRestored, long PointsValue);
