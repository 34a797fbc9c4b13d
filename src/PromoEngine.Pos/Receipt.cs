using PromoEngine.Money;
using PromoEngine.Results;

namespace PromoEngine.Pos;

/// <summary>
/// What the customer is given: the basket as the engine priced it (unchanged), with product names,
/// each line's savings by source, points, the till's cash rounding, coupons used and refused,
/// gifts and 凑单 hints. Money is in minor units of <see cref="Currency"/>; <see cref="ReceiptRenderer"/>
/// prints it as a table.
/// </summary>
public sealed record Receipt
{
    /// <summary>The store.</summary>
    public required string StoreId { get; init; }
    /// <summary>The till, when it has an id.</summary>
    public string? TillId { get; init; }
    /// <summary>The ledger's order id, once the sale is tendered on a ledger (returns name it).</summary>
    public string? OrderId { get; init; }
    /// <summary>Why the basket was priced without the ledger, when it was.</summary>
    public string? LedgerNotice { get; init; }
    /// <summary>When the basket was priced (the till clock's reading).</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>The rule set's id.</summary>
    public required string RuleSetId { get; init; }
    /// <summary>The rule set's version.</summary>
    public required string RuleSetVersion { get; init; }
    /// <summary>Short digest of the rule-set snapshot, when priced from one.</summary>
    public string? RuleSetDigest { get; init; }
    /// <summary>Currency code.</summary>
    public required string Currency { get; init; }
    /// <summary>Minor-unit digits of the currency.</summary>
    public required int MinorDigits { get; init; }
    /// <summary>The member; null for a guest.</summary>
    public TillMember? Member { get; init; }
    /// <summary>Lines, in scan order.</summary>
    public required IReadOnlyList<ReceiptLine> Lines { get; init; }
    /// <summary>Σ list amounts.</summary>
    public required long Subtotal { get; init; }
    /// <summary>Σ savings (promotions, member prices, coupons).</summary>
    public required long Discount { get; init; }
    /// <summary>Subtotal − discount.</summary>
    public required long Total { get; init; }
    /// <summary>Points used.</summary>
    public required long PointsUsed { get; init; }
    /// <summary>Their value.</summary>
    public required long PointsValue { get; init; }
    /// <summary>The engine's cash due: total − points value.</summary>
    public required long Payable { get; init; }
    /// <summary>The cash-rounding line; null when the till does not round.</summary>
    public ReceiptRounding? Rounding { get; init; }
    /// <summary>What is paid: payable + rounding. Σ line <see cref="ReceiptLine.Paid"/>.</summary>
    public required long CashDue { get; init; }
    /// <summary>Points earned (on the engine's payable).</summary>
    public required long PointsEarned { get; init; }
    /// <summary>Coupons presented, in the order given: used ones with their amount, refused ones with the reason.</summary>
    public required IReadOnlyList<ReceiptCoupon> Coupons { get; init; }
    /// <summary>Gifts to hand over.</summary>
    public required IReadOnlyList<ReceiptGift> Gifts { get; init; }
    /// <summary>Offers within reach (凑单 hints), in the engine's order.</summary>
    public required IReadOnlyList<ReceiptHint> Hints { get; init; }

    /// <summary>Formats <paramref name="minor"/> units of this receipt's currency, e.g. <c>-12.30</c>.</summary>
    public string Format(long minor) => MinorUnits.Format(minor, MinorDigits);

    internal static Receipt Build(TillSession session)
    {
        var result = session.Result;
        var rounding = session.Rounding;
        int digits = session.MinorDigits;
        var texts = session.Texts;
        string Name(string sku) => TillText.Printable(session.Catalog.FindSku(sku)?.Name ?? sku);
        ReceiptGift Gift(GiftResult g) => new(g.PromotionId, g.Sku, Name(g.Sku), g.Quantity) { PromotionName = texts.Promotion(g.PromotionId) };
        IReadOnlyList<CouponResult> resultCoupons = result?.Coupons ?? [];

        var lines = new List<ReceiptLine>();
        if (result is not null)
        {
            for (int i = 0; i < result.Lines.Count; i++)
            {
                var line = result.Lines[i];
                var tillLine = session.Lines[i];
                long share = rounding?.Lines[i].Adjustment ?? 0;
                lines.Add(new ReceiptLine(
                    line.Id, TillText.Printable(line.Sku), TillText.Printable(tillLine.Product.Name), line.Quantity,
                    line.Quantity == 0 ? 0 : line.ListAmount / line.Quantity, line.ListAmount,
                    line.Adjustments.Select(a => new ReceiptSaving(a.Source, a.Stage, a.Amount) { Label = texts.Saving(a, resultCoupons) }).ToArray(),
                    line.Amount, line.PointsUsed, line.PointsValue, share, line.Payable + share));
            }
        }

        var coupons = new List<ReceiptCoupon>();
        if (result is not null)
        {
            foreach (var c in result.Coupons)
            {
                coupons.Add(new ReceiptCoupon(c.Code, c.CouponId, c.Applied, c.Amount, c.Reason is { } r ? ResultJson.ReasonName(r) : null)
                {
                    Name = texts.Coupon(c.CouponId),
                    Refusal = c.Applied ? null : texts.Refusal(c),
                });
            }
        }
        else
        {
            foreach (var c in session.Coupons) coupons.Add(new ReceiptCoupon(c.Code, c.CouponId, false, 0, null) { Name = texts.Coupon(c.CouponId) });
        }

        var hints = new List<ReceiptHint>();
        if (result is not null)
        {
            foreach (var h in result.Hints)
            {
                var gift = h.Gift is { } g ? Gift(g) : null;
                var coupon = result.Coupons.FirstOrDefault(c => c.Reason == CouponReason.MinSpendNotMet && string.Equals(c.Code, h.Source, StringComparison.Ordinal));
                hints.Add(new ReceiptHint(h.Source, h.Shortfall, h.ShortfallIsQuantity, h.Saving, gift, texts.Hint(h, gift?.Name, coupon)));
            }
        }

        long payable = result?.Payable ?? 0;
        return new Receipt
        {
            StoreId = session.StoreId,
            TillId = session.Options.TillId,
            OrderId = session.OrderId,
            LedgerNotice = session.LedgerNotice,
            At = session.PricedAt,
            RuleSetId = session.Engine.RuleSetId,
            RuleSetVersion = session.Engine.RuleSetVersion,
            RuleSetDigest = session.Snapshot?.ShortDigest,
            Currency = session.Currency,
            MinorDigits = digits,
            Member = session.Member,
            Lines = lines,
            Subtotal = result?.Subtotal ?? 0,
            Discount = result?.Discount ?? 0,
            Total = result?.Total ?? 0,
            PointsUsed = result?.Points.Used ?? 0,
            PointsValue = result?.Points.Value ?? 0,
            Payable = payable,
            Rounding = session.CashRounding is { } rule
                ? new ReceiptRounding($"Cash rounding ({rule.Describe(digits)})", rounding?.Adjustment ?? 0)
                : null,
            CashDue = session.CashDue,
            PointsEarned = result?.Points.Earned ?? 0,
            Coupons = coupons,
            Gifts = result?.Gifts.Select(Gift).ToArray() ?? [],
            Hints = hints,
        };
    }
}

/// <summary>A receipt line.</summary>
/// <param name="LineId">Line id.</param>
/// <param name="Sku">SKU.</param>
/// <param name="Name">Product name.</param>
/// <param name="Quantity">Units.</param>
/// <param name="UnitPrice">List unit price.</param>
/// <param name="ListAmount">Unit price × quantity.</param>
/// <param name="Savings">Each saving with its source and what people read for it, in pass order.</param>
/// <param name="Amount">List amount − savings.</param>
/// <param name="PointsUsed">Points allocated to the line.</param>
/// <param name="PointsValue">Their value.</param>
/// <param name="Rounding">The line's share of the cash rounding (negative when rounded down).</param>
/// <param name="Paid">What the line is paid in cash: amount − points value + rounding.</param>
public sealed record ReceiptLine(
    string LineId, string Sku, string Name, long Quantity, long UnitPrice, long ListAmount,
    IReadOnlyList<ReceiptSaving> Savings, long Amount, long PointsUsed, long PointsValue, long Rounding, long Paid);

/// <summary>One saving on a line.</summary>
/// <param name="Source">Promotion id, <c>member:&lt;tier&gt;</c>, or the coupon's code.</param>
/// <param name="Stage">The pricing stage it comes from.</param>
/// <param name="Amount">How much it saves (positive).</param>
public sealed record ReceiptSaving(string Source, PricingStage Stage, long Amount)
{
    /// <summary>What the customer reads: the promotion's or coupon's name (its id or code when it has none), or <c>member price (gold)</c>.</summary>
    public string Label { get; init; } = Source;
}

/// <summary>The cash-rounding line (抹零).</summary>
/// <param name="Description">E.g. <c>Cash rounding (down to 0.10)</c>.</param>
/// <param name="Amount">Cash due − payable: negative when rounded down.</param>
public sealed record ReceiptRounding(string Description, long Amount);

/// <summary>A coupon presented.</summary>
/// <param name="Code">Its code.</param>
/// <param name="CouponId">Its definition.</param>
/// <param name="Applied">Whether it was used.</param>
/// <param name="Amount">What it saved, when used.</param>
/// <param name="Reason">Why it was refused (spec §5.1 name, e.g. <c>minSpendNotMet</c>); null when used, or while the basket is empty.</param>
public sealed record ReceiptCoupon(string Code, string CouponId, bool Applied, long Amount, string? Reason)
{
    /// <summary>The coupon's name (its id when it has none): what the customer reads instead of <see cref="CouponId"/>.</summary>
    public string Name { get; init; } = CouponId;

    /// <summary>Why it was not used, as a sentence (<c>coupon LM-P10-2 is for online orders only</c>); null when used or not yet priced.</summary>
    public string? Refusal { get; init; }
}

/// <summary>A gift to hand over.</summary>
/// <param name="PromotionId">The promotion giving it.</param>
/// <param name="Sku">The gift's SKU.</param>
/// <param name="Name">Its catalog name (the SKU when not in the catalog).</param>
/// <param name="Quantity">Units.</param>
public sealed record ReceiptGift(string PromotionId, string Sku, string Name, long Quantity)
{
    /// <summary>The giving promotion's name (its id when it has none).</summary>
    public string PromotionName { get; init; } = PromotionId;
}

/// <summary>An offer within reach.</summary>
/// <param name="Source">The promotion id, or the coupon code.</param>
/// <param name="Shortfall">What is missing: minor units, or units when <paramref name="ShortfallIsQuantity"/>.</param>
/// <param name="ShortfallIsQuantity">Whether the shortfall counts units.</param>
/// <param name="Saving">The extra saving on reaching it; null for a quantity basis.</param>
/// <param name="Gift">The gift on reaching it, if any.</param>
/// <param name="Text">E.g. <c>spend 12.00 more for 满399减40 to save 40.00</c>: names, never ids or codes.</param>
public sealed record ReceiptHint(string Source, long Shortfall, bool ShortfallIsQuantity, long? Saving, ReceiptGift? Gift, string Text);
