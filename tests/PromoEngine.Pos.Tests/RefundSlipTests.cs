using PosConsole;
using PromoEngine.Pos;
using PromoEngine.Results;
using PromoEngine.Returns;

namespace PromoEngine.Pos.Tests;

public class RefundSlipTests
{
    /// <summary>The rich basket of <see cref="ReceiptTests"/>, saved as the till saves it and read back.</summary>
    private static (TillSession Session, PricingResult Order) Sold(CashRounding? rounding)
    {
        var session = ReceiptTests.RichSession(rounding);
        return (session, ResultDocument.Read(ResultJson.Write(session.Result!, indented: true)));
    }

    private static ReturnRequest Request((string Line, long Units)[] before, params (string Line, long Units)[] now) =>
        new(before.Select(b => new ReturnLine(b.Line, b.Units)).ToArray(), now.Select(n => new ReturnLine(n.Line, n.Units)).ToArray());

    [Fact]
    public void One_milk_back_refunds_its_share_of_cash_and_points()
    {
        // L3: 2 milks paid 17.63 cash + 56 points (0.56); 1 back keeps floor(1763 / 2) = 881 -> 8.82 and 28 points.
        var (session, order) = Sold(null);
        var slip = session.BuildRefundSlip(order, Request([], ("L3", 1)));

        var line = Assert.Single(slip.Lines);
        Assert.Equal(new RefundSlipLine("L3", "MILK", "Milk 1 L", 1, 2, 1, 8_82, 8_82, 28, 28), line);
        Assert.Equal((8_82L, 8_82L, 28L, 28L), (slip.Return.Refund, slip.CashBack, slip.Return.PointsRestored, slip.Return.PointsValue));
        // 316 points earned on 316.75; kept floor(316 × 307.93 / 316.75) = 307, so 9 come back.
        Assert.Equal(9, slip.Return.PointsClawedBack);
        Assert.False(slip.Return.FullReturn);
        Assert.Empty(slip.GiftsToCollect);
        Assert.Equal(("S1", TestData.D11), (slip.StoreId, slip.At));
    }

    [Theory]
    [InlineData(CashRoundingMode.Down, 10)]
    [InlineData(CashRoundingMode.Nearest, 5)]
    [InlineData(CashRoundingMode.Nearest, 50)]
    public void A_rounded_sale_hands_back_exactly_the_cash_paid_over_all_its_returns(CashRoundingMode mode, long increment)
    {
        var (session, order) = Sold(new CashRounding(mode, increment));
        var steps = new[]
        {
            Request([], ("L3", 1)),
            Request([("L3", 1)], ("L1", 1)),
            Request([("L3", 1), ("L1", 1)], ("L2", 1), ("L3", 1)),
        };
        var slips = steps.Select(s => session.BuildRefundSlip(order, s)).ToArray();

        Assert.Equal(session.CashDue, slips.Sum(s => s.CashBack));
        Assert.Equal(order.Payable, slips.Sum(s => s.Return.Refund));
        Assert.Equal(order.Points.Used, slips.Sum(s => s.Return.PointsRestored));
        Assert.Equal(order.Points.Earned, slips.Sum(s => s.Return.PointsClawedBack));
        Assert.All(slips, s => Assert.All(s.Lines, l => Assert.True(l.CashBack >= 0)));
        Assert.Equal([false, false, true], slips.Select(s => s.Return.FullReturn));
        var gift = Assert.Single(slips[2].GiftsToCollect);
        Assert.Equal(("BAG", "Tote Bag"), (gift.Sku, gift.Name));
        Assert.Equal(["C-10"], slips[2].Return.CouponsRestored);
    }

    [Fact]
    public void The_slip_prints_cash_points_and_what_goes_back_per_line()
    {
        var (session, order) = Sold(CashRounding.Down(10));
        var slip = session.BuildRefundSlip(order, Request([("L3", 1)], ("L1", 1), ("L2", 1), ("L3", 1)));

        Assert.Equal("""
            ========================================================================
                                   REFUND SLIP (FULL RETURN)
            Store S1                                      2026-11-11 10:00:00 +08:00
            Order priced by till-test 1.0: paid 316.75 and 1000 points
            ------------------------------------------------------------------------
            Line Item                            Back       Cash   Points      Value
            ------------------------------------------------------------------------
            L1   Green Tea 250 g                  1/1      75.19      237       2.37
                   TEA, 0 kept
            L2   西湖龙井明前特级绿茶礼盒..       1/1     223.88      707       7.07
                   LJ, 0 kept
            L3   Milk 1 L                         1/2       8.81       28       0.28
                   MILK, 0 kept
            ------------------------------------------------------------------------
            Refund                                                            307.93
            Cash rounding of the sale (down to 0.10)                           -0.05
            CASH BACK                                                         307.88
            Points restored                                               972 (9.72)
            Points earned clawed back                                            307
            Funding reversed
              merchant                                                         72.56
            ------------------------------------------------------------------------
            Kept by the order                     0.00 cash, 0 points used, 0 earned
            Coupons restored                                                    C-10
            Gift to collect: 1 x Tote Bag (BAG)                            满200减20
            ========================================================================

            """, RefundSlipRenderer.Render(slip));
    }

    [Fact]
    public void Without_rounding_the_cash_back_is_the_engines_refund_and_no_rounding_row_is_printed()
    {
        var (session, order) = Sold(null);
        var slip = session.BuildRefundSlip(order, Request([], ("L1", 1)));
        Assert.Equal(slip.Return.Refund, slip.CashBack);
        string text = RefundSlipRenderer.Render(slip, 60);
        Assert.DoesNotContain("Cash rounding", text);
        Assert.Equal(75_20, slip.CashBack); // the line's payable; with rounding down it was paid 75.19
        Assert.Contains("\nCASH BACK" + new string(' ', 60 - "CASH BACK".Length - "75.20".Length) + "75.20\n", text);
    }

    [Fact]
    public void An_impossible_return_is_refused_with_its_errors()
    {
        var (session, order) = Sold(null);
        var e = Assert.Throws<PromoValidationException>(() => session.BuildRefundSlip(order, Request([("L1", 1)], ("L1", 1))));
        Assert.Equal("$.now[0].quantity", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void The_receipt_says_what_each_line_paid_in_cash_and_in_points()
    {
        string text = ReceiptRenderer.Render(ReceiptTests.RichSession(CashRounding.Down(10)).BuildReceipt());
        Assert.Contains("       paid 75.19 in cash + 237 points (2.37)\n", text);
        Assert.Contains("       paid 17.63 in cash + 56 points (0.56)\n", text);
        var s = TestData.Session();
        s.Scan("TEA");
        Assert.DoesNotContain(" in cash + ", ReceiptRenderer.Render(s.BuildReceipt())); // no points, nothing to split
    }

    [Fact]
    public void The_till_saves_a_result_and_prints_refund_slips_against_it()
    {
        string order = Path.Combine(Path.GetTempPath(), $"pos-test-{Guid.NewGuid():N}.json");
        try
        {
            string script = $"""
                member M1 silver 5000
                scan TEA
                6900000000080
                MILK 2
                coupon C-10 c10
                coupon WEB-5 c-online
                coupon BIG c-big
                coupon X-1 no-such-coupon
                points 1000
                round down 0.10
                save {order}
                return {order} l3 1
                return {order} L9 1
                return {order} L1 1 L2 1 L3 1 before L3 1
                total
                """;
            using var file = TestData.Temp(script, ".till");
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            int code = PosConsoleApp.Run(["--rules", TestData.RulesPath, "--catalog", TestData.CatalogPath, "--store", "S1",
                "--at", "2026-11-11T10:00:00+08:00", "--script", file.Path], TextReader.Null, stdout, stderr);

            Assert.Equal(PosConsoleApp.Invalid, code); // line 10 was refused
            Assert.Equal("line 13: the return cannot be priced: $.now[0].line (returns): unknown line \"L9\"; the result's lines are L1, L2, L3\n",
                stderr.ToString());
            var (session, sold) = Sold(CashRounding.Down(10));
            Assert.Equal(ResultJson.Write(session.Result!, indented: true) + "\n", File.ReadAllText(order));
            string expected =
                RefundSlipRenderer.Render(session.BuildRefundSlip(sold, Request([], ("L3", 1)))) +
                RefundSlipRenderer.Render(session.BuildRefundSlip(sold, Request([("L3", 1)], ("L1", 1), ("L2", 1), ("L3", 1)))) +
                ReceiptRenderer.Render(session.BuildReceipt(), title: "RECEIPT");
            Assert.Equal(expected, stdout.ToString());
        }
        finally
        {
            File.Delete(order);
        }
    }

    [Fact]
    public void A_script_of_returns_only_prints_slips_and_no_empty_receipt()
    {
        var (session, _) = Sold(null);
        using var order = TestData.Temp(ResultJson.Write(session.Result!));
        using var script = TestData.Temp($"return {order.Path} L2 1\n", ".till");
        var stdout = new StringWriter { NewLine = "\n" };
        int code = PosConsoleApp.Run(["--rules", TestData.RulesPath, "--catalog", TestData.CatalogPath, "--store", "S1",
            "--at", "2026-11-11T10:00:00+08:00", "--script", script.Path], TextReader.Null, stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.StartsWith("========", stdout.ToString());
        Assert.Contains("REFUND SLIP", stdout.ToString());
        Assert.DoesNotContain("RECEIPT", stdout.ToString());
    }

    [Theory]
    [InlineData("save /no/such/dir/order.json", "cannot write '/no/such/dir/order.json'")]
    [InlineData("return /no/such/file.json L1 1", "cannot read '/no/such/file.json'")]
    [InlineData("return order.json L1", "usage: return <file>")]
    [InlineData("return order.json L1 x", "bad quantity 'x'")]
    public void Bad_save_and_return_commands_are_refused(string command, string error)
    {
        var s = TestData.Session();
        s.Scan("TEA");
        var result = new TillCommands(s).Execute(command);
        Assert.Equal(CommandKind.Error, result.Kind);
        Assert.StartsWith(error, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_basket_has_no_result_to_save()
    {
        var result = new TillCommands(TestData.Session()).Execute("save order.json");
        Assert.Equal((CommandKind.Error, "the basket is empty: there is no result to save"), (result.Kind, result.Message));
    }
}
