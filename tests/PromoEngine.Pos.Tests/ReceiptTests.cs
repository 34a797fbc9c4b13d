using PromoEngine.Pos;

namespace PromoEngine.Pos.Tests;

public class ReceiptTests
{
    /// <summary>
    /// A silver member with tea, a gift box of Longjing and two milks, four coupons and 1000 points.
    /// Worked by hand: item stage TEA 90.00, MILK 2nd half −6.25; 满减 ≥300 gives 40.00 (10.06 + 29.94)
    /// and a tote bag; coupon C-10 10.00 (2.37 + 7.07 + 0.56); points 10.00 the same way; 316.75 due.
    /// </summary>
    internal static TillSession RichSession(CashRounding? rounding = null)
    {
        var s = TestData.Session(rounding: rounding);
        s.IdentifyMember("M1", "silver", 5000);
        s.Scan("TEA");
        s.Scan("6900000000080"); // LJ
        s.Scan("MILK", 2);
        s.AddCoupon("C-10", "c10");
        s.AddCoupon("WEB-5", "c-online");
        s.AddCoupon("BIG", "c-big");
        s.AddCoupon("X-1", "no-such-coupon");
        s.UsePoints(1000);
        return s;
    }

    [Fact]
    public void The_receipt_has_every_line_saving_total_coupon_gift_and_hint()
    {
        var receipt = RichSession(CashRounding.Down(10)).BuildReceipt();

        Assert.Equal("S1", receipt.StoreId);
        Assert.Equal(TestData.D11, receipt.At);
        Assert.Equal(("till-test", "1.0"), (receipt.RuleSetId, receipt.RuleSetVersion));
        Assert.Equal(TestData.Snapshot.ShortDigest, receipt.RuleSetDigest);
        Assert.Equal(new TillMember("M1", "silver", 5000), receipt.Member);

        Assert.Collection(receipt.Lines,
            l =>
            {
                Assert.Equal(("L1", "TEA", "Green Tea 250 g", 1L, 100_00L, 100_00L), (l.LineId, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.ListAmount));
                Assert.Equal(new[] { ("member:silver", 10_00L), ("grocery-200-20", 10_06L), ("C-10", 2_37L) }, l.Savings.Select(x => (x.Source, x.Amount)));
                // What people read: names where the rule set gives them, never member:… or a bare code.
                Assert.Equal(["member price (silver)", "满200减20", "coupon C-10"], l.Savings.Select(x => x.Label));
                Assert.Equal((237L, 2_37L, -1L, 75_19L), (l.PointsUsed, l.PointsValue, l.Rounding, l.Paid));
            },
            l =>
            {
                Assert.Equal(("L2", "LJ", 268_00L), (l.LineId, l.Sku, l.ListAmount));
                Assert.Equal(new[] { ("grocery-200-20", 29_94L), ("C-10", 7_07L) }, l.Savings.Select(x => (x.Source, x.Amount)));
                Assert.Equal((707L, 7_07L, -4L, 223_88L), (l.PointsUsed, l.PointsValue, l.Rounding, l.Paid));
            },
            l =>
            {
                Assert.Equal(("L3", "Milk 1 L", 2L, 12_50L, 25_00L), (l.LineId, l.Name, l.Quantity, l.UnitPrice, l.ListAmount));
                Assert.Equal(new[] { ("milk-2nd-half", PricingStage.Multibuy, 6_25L), ("C-10", PricingStage.Coupon, 56L) },
                    l.Savings.Select(x => (x.Source, x.Stage, x.Amount)));
                Assert.Equal((56L, 56L, 0L, 17_63L), (l.PointsUsed, l.PointsValue, l.Rounding, l.Paid));
            });

        Assert.Equal(393_00, receipt.Subtotal);
        Assert.Equal(66_25, receipt.Discount);
        Assert.Equal(326_75, receipt.Total);
        Assert.Equal((1000L, 10_00L), (receipt.PointsUsed, receipt.PointsValue));
        Assert.Equal(316_75, receipt.Payable);
        Assert.Equal(new ReceiptRounding("Cash rounding (down to 0.10)", -5), receipt.Rounding);
        Assert.Equal(316_70, receipt.CashDue);
        Assert.Equal(receipt.CashDue, receipt.Lines.Sum(l => l.Paid));
        Assert.Equal(316, receipt.PointsEarned);

        Assert.Equal(new[]
        {
            new ReceiptCoupon("C-10", "c10", true, 10_00, null),
            new ReceiptCoupon("WEB-5", "c-online", false, 0, "channelNotAllowed") { Name = "线上5元券", Refusal = "coupon WEB-5 is for online orders only" },
            new ReceiptCoupon("BIG", "c-big", false, 0, "minSpendNotMet") { Refusal = "coupon BIG needs a spend of 1000.00 on its items" },
            new ReceiptCoupon("X-1", "no-such-coupon", false, 0, "unknownCoupon") { Refusal = "coupon X-1 is not one of the current offers" },
        }, receipt.Coupons);
        Assert.Equal(new ReceiptGift("grocery-200-20", "BAG", "Tote Bag", 1) { PromotionName = "满200减20" }, Assert.Single(receipt.Gifts));
        var hint = Assert.Single(receipt.Hints);
        Assert.Equal(("BIG", 663_25L, false, (long?)100_00), (hint.Source, hint.Shortfall, hint.ShortfallIsQuantity, hint.Saving));
        Assert.Equal("spend 663.25 more to use coupon BIG to save 100.00", hint.Text);
    }

    [Fact]
    public void Hints_read_as_what_to_buy_for_what()
    {
        var s = TestData.Session();
        s.Scan("TEA");
        Assert.Equal("spend 100.00 more for 满200减20 to save 20.00", Assert.Single(s.BuildReceipt().Hints).Text);
        s.Scan("TEA"); // 200.00 reaches the first tier; the next one adds 20.00 and a gift
        var hint = Assert.Single(s.BuildReceipt().Hints);
        Assert.Equal("spend 100.00 more for 满200减20 to save 20.00 and get 1 x Tote Bag", hint.Text);
        Assert.Equal("BAG", hint.Gift!.Sku);
    }

    [Fact]
    public void A_quantity_hint_counts_items()
    {
        string data = TestData.SamplesData;
        var s = new TillSession(RuleSetSnapshot.Load(Path.Combine(data, "retail-rules.json")), Catalog.Load(Path.Combine(data, "catalog.json")),
            new TillOptions { StoreId = "SH-001" }, new FixedClock(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.FromHours(8))));
        s.Scan("HH-TISSUE-24"); // household-3-items: 15 % off from 3 items
        var hint = s.BuildReceipt().Hints.Single(h => h.Source == "household-3-items");
        Assert.Equal("buy 2 more items for 家清满3件85折", hint.Text);
    }

    [Fact]
    public void The_rendered_receipt_is_a_table()
    {
        var s = RichSession(CashRounding.Down(10));
        string text = ReceiptRenderer.Render(s.BuildReceipt(), title: "RECEIPT");
        string[] lines = text.Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.All(lines, l => Assert.True(DisplayWidth(l) <= ReceiptRenderer.DefaultWidth, $"too wide: '{l}'"));
        Assert.Contains(lines, l => l.Trim() == "RECEIPT");
        Assert.Contains("Line Item                           Qty       List     Saving       Paid", lines);
        Assert.Contains("L1   Green Tea 250 g                  1     100.00                 75.19", lines);
        Assert.Contains("       - member price (silver)                         -10.00", lines);
        Assert.Contains("       - 满200减20                                     -10.06", lines);
        Assert.Contains("       - milk-2nd-half                                  -6.25", lines); // no name: its id
        Assert.Contains("       - points (237)                                   -2.37", lines);
        Assert.Contains("       - cash rounding                                  -0.01", lines);
        Assert.Contains(lines, l => l.StartsWith("L2   西湖龙井明前特级绿茶礼盒装.. ", StringComparison.Ordinal) && l.EndsWith(" 268.00                223.88", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("L3   Milk 1 L", StringComparison.Ordinal) && l.EndsWith("  2      25.00                 17.63", StringComparison.Ordinal));
        Assert.Contains("       2 x 12.50  MILK", lines);
        Assert.Contains(Row("Subtotal", "393.00"), lines);
        Assert.Contains(Row("Savings", "-66.25"), lines);
        Assert.Contains(Row("Total", "326.75"), lines);
        Assert.Contains(Row("Points used (1000)", "-10.00"), lines);
        Assert.Contains(Row("Payable", "316.75"), lines);
        Assert.Contains(Row("Cash rounding (down to 0.10)", "-0.05"), lines);
        Assert.Contains(Row("CASH DUE", "316.70"), lines);
        Assert.Contains(Row("Points earned", "316"), lines);
        Assert.Contains(Row("  C-10   c10             used", "-10.00"), lines);
        Assert.Contains("  WEB-5  线上5元券       not used", lines);
        Assert.Contains("    coupon WEB-5 is for online orders only", lines);
        Assert.Contains("  BIG    c-big           not used", lines);
        Assert.Contains("    coupon BIG needs a spend of 1000.00 on its items", lines);
        Assert.Contains("  X-1    no-such-coupon  not used", lines);
        Assert.Contains("    coupon X-1 is not one of the current offers", lines);
        Assert.Contains(Row("  1 x Tote Bag (BAG)", "满200减20"), lines);
        Assert.Contains("  spend 663.25 more to use coupon BIG to save 100.00", lines);
        // No reason code and no internal id the rule set names is shown.
        Assert.DoesNotContain(lines, l => l.Contains("channelNotAllowed", StringComparison.Ordinal) || l.Contains("member:", StringComparison.Ordinal)
            || l.Contains("grocery-200-20", StringComparison.Ordinal) || l.Contains("c-online", StringComparison.Ordinal));
        Assert.Contains($"Rules till-test 1.0 (snapshot {TestData.Snapshot.ShortDigest})", lines);
        Assert.Contains(lines, l => l.StartsWith("Store S1", StringComparison.Ordinal) && l.EndsWith("2026-11-11 10:00:00 +08:00", StringComparison.Ordinal));
        Assert.Contains("Member M1  silver  5000 points", lines);
    }

    [Fact]
    public void An_empty_basket_renders_without_a_price()
    {
        var s = TestData.Session(rounding: CashRounding.Nearest(5));
        s.AddCoupon("C-10", "c10");
        var receipt = s.BuildReceipt();
        Assert.Empty(receipt.Lines);
        Assert.Equal(0, receipt.CashDue);
        Assert.Equal(new ReceiptCoupon("C-10", "c10", false, 0, null), Assert.Single(receipt.Coupons));
        string text = ReceiptRenderer.Render(receipt, 60);
        Assert.Contains("     (no items)\n", text);
        Assert.Contains("Guest\n", text);
        Assert.Contains("  C-10  c10  pending\n", text);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiptRenderer.Render(receipt, 40));
    }

    [Fact]
    public void Rounding_up_shows_a_plus_sign()
    {
        var s = TestData.Session(rounding: CashRounding.Nearest(5));
        s.Scan("CANDY"); // 0.33 -> 0.35
        var receipt = s.BuildReceipt();
        Assert.Equal(new ReceiptRounding("Cash rounding (to nearest 0.05)", 2), receipt.Rounding);
        string text = ReceiptRenderer.Render(receipt);
        Assert.Contains(Row("Cash rounding (to nearest 0.05)", "+0.02") + "\n", text);
        Assert.Contains(Row("CASH DUE", "0.35") + "\n", text);
        Assert.Contains("       - cash rounding                                  +0.02\n", text);
    }

    private static string Row(string left, string right) =>
        left + new string(' ', ReceiptRenderer.DefaultWidth - DisplayWidth(left) - DisplayWidth(right)) + right;

    private static int DisplayWidth(string text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += rune.Value >= 0x2E80 && rune.Value <= 0x9FFF ? 2 : 1;
        return width;
    }
}
