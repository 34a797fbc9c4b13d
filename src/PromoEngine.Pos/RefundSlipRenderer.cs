using System.Globalization;
using System.Text;

namespace PromoEngine.Pos;

/// <summary>
/// Prints a <see cref="RefundSlip"/> as a plain-text table in the receipt's style: one row per line
/// returned (units back, cash, points and their value), then the totals, the points clawed back, the
/// funding reversed per party, what the order keeps, and on a full return the coupons restored and the
/// gifts to collect. Lines end with <c>\n</c>.
/// </summary>
public static class RefundSlipRenderer
{
    private const int IdWidth = 4, QtyWidth = 8, MoneyWidth = 10, PointsWidth = 8;

    /// <summary>Renders <paramref name="slip"/> <paramref name="width"/> columns wide (at least <see cref="ReceiptRenderer.MinimumWidth"/>).</summary>
    public static string Render(RefundSlip slip, int width = ReceiptRenderer.DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(slip);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, ReceiptRenderer.MinimumWidth);
        var sb = new StringBuilder();
        var r = slip.Return;
        string rule = new('-', width), doubleRule = new('=', width);
        int nameWidth = width - IdWidth - QtyWidth - 2 * MoneyWidth - PointsWidth - 5;
        string F(long minor) => slip.Format(minor);
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);

        void Line(string text) => sb.Append(text.TrimEnd()).Append('\n');
        void Split(string left, string right) => Line(ReceiptRenderer.Pad(ReceiptRenderer.Fit(left, width - ReceiptRenderer.Width(right) - 1), width - ReceiptRenderer.Width(right)) + right);
        void Row(string id, string name, string qty, string cash, string points, string value) =>
            Line($"{ReceiptRenderer.Pad(id, IdWidth)} {ReceiptRenderer.Pad(ReceiptRenderer.Fit(name, nameWidth), nameWidth)} {ReceiptRenderer.Left(qty, QtyWidth)} {ReceiptRenderer.Left(cash, MoneyWidth)} {ReceiptRenderer.Left(points, PointsWidth)} {ReceiptRenderer.Left(value, MoneyWidth)}");

        Line(doubleRule);
        Line(ReceiptRenderer.Center(r.FullReturn ? "REFUND SLIP (FULL RETURN)" : "REFUND SLIP", width));
        Split($"Store {slip.StoreId}{(slip.TillId is null ? "" : $"  till {slip.TillId}")}",
            slip.At.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Line($"Order priced by {r.RuleSet.Id} {r.RuleSet.Version}: paid {F(slip.Order.Payable)} and {N(slip.Order.Points.Used)} points");
        Line(rule);
        Row("Line", "Item", "Back", "Cash", "Points", "Value");
        Line(rule);
        foreach (var l in slip.Lines)
        {
            Row(l.LineId, l.Name, $"{N(l.Returned)}/{N(l.Bought)}", F(l.CashBack), N(l.PointsRestored), F(l.PointsValue));
            Line($"{new string(' ', IdWidth)}   {l.Sku}, {N(l.Kept)} kept");
        }
        Line(rule);
        if (slip.SaleRounding is { } rounding && slip.CashBack != r.Refund)
        {
            Split("Refund", F(r.Refund));
            Split($"Cash rounding of the sale ({rounding.Describe(slip.MinorDigits)})", Signed(slip.CashBack - r.Refund, F));
        }
        Split("CASH BACK", F(slip.CashBack));
        Split("Points restored", $"{N(r.PointsRestored)} ({F(r.PointsValue)})");
        Split("Points earned clawed back", N(r.PointsClawedBack));
        if (r.Funding.Count > 0)
        {
            Line("Funding reversed");
            foreach (var f in r.Funding) Split($"  {f.Party}", F(f.Amount));
        }
        Line(rule);
        Split("Kept by the order", $"{F(r.Kept.Payable)} cash, {N(r.Kept.PointsUsed)} points used, {N(r.Kept.PointsEarned)} earned");
        if (r.FullReturn)
        {
            if (r.CouponsRestored.Count > 0) Split("Coupons restored", string.Join(", ", r.CouponsRestored));
            foreach (var g in slip.GiftsToCollect) Split($"Gift to collect: {N(g.Quantity)} x {g.Name} ({g.Sku})", g.PromotionName);
        }
        Line(doubleRule);
        return sb.ToString();
    }

    private static string Signed(long minor, Func<long, string> format) => minor > 0 ? "+" + format(minor) : format(minor);
}
