using System.Globalization;
using System.Text;

namespace PromoEngine.Pos;

/// <summary>
/// Prints a <see cref="Receipt"/> as a plain-text table: one row per line (name, quantity, list,
/// paid in cash), a row under it for each saving with its source, for points and for the cash rounding,
/// and for a line paid partly in points what it was paid in cash and in points;
/// then the totals, coupons used and refused, gifts and offers within reach. Lines end with
/// <c>\n</c>; wide (CJK) characters count as two columns.
/// </summary>
public static class ReceiptRenderer
{
    /// <summary>The default width in columns.</summary>
    public const int DefaultWidth = 72;

    /// <summary>The narrowest width accepted.</summary>
    public const int MinimumWidth = 60;

    private const int IdWidth = 4, QtyWidth = 5, MoneyWidth = 10;

    /// <summary>Renders <paramref name="receipt"/> <paramref name="width"/> columns wide.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="width">Columns (at least <see cref="MinimumWidth"/>).</param>
    /// <param name="title">A first line, e.g. <c>FINAL RECEIPT</c>; none when null.</param>
    public static string Render(Receipt receipt, int width = DefaultWidth, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinimumWidth);
        var sb = new StringBuilder();
        string rule = new('-', width), doubleRule = new('=', width);
        int nameWidth = width - IdWidth - QtyWidth - 3 * MoneyWidth - 5;
        int labelWidth = nameWidth + 1 + QtyWidth + 1 + MoneyWidth;
        string F(long minor) => receipt.Format(minor);

        void Line(string text) => sb.Append(text.TrimEnd()).Append('\n');
        void Split(string left, string right) => Line(Pad(Fit(left, width - Width(right) - 1), width - Width(right)) + right);
        void Row(string id, string name, string qty, string list, string saving, string paid) =>
            Line($"{Pad(id, IdWidth)} {Pad(Fit(name, nameWidth), nameWidth)} {Left(qty, QtyWidth)} {Left(list, MoneyWidth)} {Left(saving, MoneyWidth)} {Left(paid, MoneyWidth)}");
        void SubRow(string label, string saving) =>
            Line($"{new string(' ', IdWidth)} {Pad(Fit(label, labelWidth), labelWidth)} {Left(saving, MoneyWidth)}");

        Line(doubleRule);
        if (title is not null) Line(Center(title, width));
        Split($"Store {TillText.Printable(receipt.StoreId)}{(receipt.TillId is null ? "" : $"  till {TillText.Printable(receipt.TillId)}")}",
            receipt.At.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Line($"Rules {receipt.RuleSetId} {receipt.RuleSetVersion}{(receipt.RuleSetDigest is null ? "" : $" (snapshot {receipt.RuleSetDigest})")}");
        if (receipt.OrderId is not null) Line($"Order {receipt.OrderId}");
        if (receipt.LedgerNotice is not null) Line(Fit(receipt.LedgerNotice, width));
        Line(receipt.Member is { } m
            ? $"Member {TillText.Printable(m.Id)}{(m.Tier is null ? "" : $"  {TillText.Printable(m.Tier)}")}  {m.Points} points"
            : "Guest");
        Line(rule);
        Row("Line", "Item", "Qty", "List", "Saving", "Paid");
        Line(rule);
        if (receipt.Lines.Count == 0) Line("     (no items)");
        foreach (var l in receipt.Lines)
        {
            Row(l.LineId, l.Name, l.Quantity.ToString(CultureInfo.InvariantCulture), F(l.ListAmount), "", F(l.Paid));
            if (l.Quantity > 1) SubRow($"  {l.Quantity} x {F(l.UnitPrice)}  {l.Sku}", "");
            else SubRow($"  {l.Sku}", "");
            foreach (var s in l.Savings) SubRow($"  - {s.Label}", F(-s.Amount));
            if (l.PointsValue != 0) SubRow($"  - points ({l.PointsUsed})", F(-l.PointsValue));
            if (l.Rounding != 0) SubRow("  - cash rounding", Signed(l.Rounding, F));
            // Paid partly in points: say what each part was, as a return gives them back (spec §13).
            if (l.PointsUsed != 0) Line($"{new string(' ', IdWidth)}   paid {F(l.Paid)} in cash + {l.PointsUsed} points ({F(l.PointsValue)})");
        }
        Line(rule);
        Split("Subtotal", F(receipt.Subtotal));
        Split("Savings", F(-receipt.Discount));
        Split("Total", F(receipt.Total));
        if (receipt.PointsUsed != 0)
        {
            Split($"Points used ({receipt.PointsUsed})", F(-receipt.PointsValue));
            Split("Payable", F(receipt.Payable));
        }
        if (receipt.Rounding is { } r) Split(r.Description, Signed(r.Amount, F));
        Split("CASH DUE", F(receipt.CashDue));
        if (receipt.Member is not null) Split("Points earned", receipt.PointsEarned.ToString(CultureInfo.InvariantCulture));

        if (receipt.Coupons.Count > 0)
        {
            Line(rule);
            Line("Coupons");
            // The code the customer handed over and the coupon's name; why a coupon was not used, as a sentence.
            var shown = receipt.Coupons.Select(c => (Coupon: c, Code: TillText.Printable(c.Code))).ToList();
            int codeWidth = shown.Max(c => Width(c.Code)), couponNameWidth = shown.Max(c => Width(c.Coupon.Name));
            foreach (var (c, code) in shown)
            {
                string status = c.Applied ? "used" : c.Refusal is null ? "pending" : "not used";
                Split($"  {Pad(code, codeWidth)}  {Pad(c.Name, couponNameWidth)}  {status}", c.Applied ? F(-c.Amount) : "");
                if (c.Refusal is { } refusal) Line(Fit($"    {refusal}", width));
            }
        }
        if (receipt.Gifts.Count > 0)
        {
            Line(rule);
            Line("Gifts");
            foreach (var g in receipt.Gifts) Split($"  {g.Quantity} x {g.Name} ({g.Sku})", g.PromotionName);
        }
        if (receipt.Hints.Count > 0)
        {
            Line(rule);
            Line("Offers within reach");
            foreach (var h in receipt.Hints) Line(Fit($"  {h.Text}", width));
        }
        Line(doubleRule);
        return sb.ToString();
    }

    private static string Signed(long minor, Func<long, string> format) => minor > 0 ? "+" + format(minor) : format(minor);

    internal static string Center(string text, int width)
    {
        int w = Width(text);
        return w >= width ? Fit(text, width) : new string(' ', (width - w) / 2) + text;
    }

    internal static string Left(string text, int width) => new string(' ', Math.Max(0, width - Width(text))) + text;

    internal static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - Width(text)));

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> columns, ending in "..".</summary>
    internal static string Fit(string text, int width)
    {
        if (Width(text) <= width) return text;
        var sb = new StringBuilder();
        int used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            int w = Width(rune);
            if (used + w > width - 2) break;
            sb.Append(rune.ToString());
            used += w;
        }
        return sb.Append("..").ToString();
    }

    internal static int Width(string text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes()) width += Width(rune);
        return width;
    }

    private static int Width(Rune rune)
    {
        int c = rune.Value;
        if (c < 0x1100) return 1;
        bool wide = c <= 0x115F
            || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
            || (c >= 0xAC00 && c <= 0xD7A3)
            || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0xFE30 && c <= 0xFE4F)
            || (c >= 0xFF00 && c <= 0xFF60)
            || (c >= 0xFFE0 && c <= 0xFFE6)
            || (c >= 0x1F300 && c <= 0x1FAFF)
            || (c >= 0x20000 && c <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
