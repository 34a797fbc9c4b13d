using PromoEngine.Money;
using PromoEngine.Pos;

namespace PromoEngine.Pos.Tests;

public class CashRoundingTests
{
    [Theory]
    [InlineData(CashRoundingMode.Down, 10, 12345, 12340)]
    [InlineData(CashRoundingMode.Down, 10, 12340, 12340)]
    [InlineData(CashRoundingMode.Down, 10, 12349, 12340)]
    [InlineData(CashRoundingMode.Down, 10, 7, 0)]
    [InlineData(CashRoundingMode.Down, 100, 0, 0)]
    [InlineData(CashRoundingMode.Nearest, 5, 12342, 12340)]
    [InlineData(CashRoundingMode.Nearest, 5, 12343, 12345)]
    [InlineData(CashRoundingMode.Nearest, 5, 12347, 12345)]
    [InlineData(CashRoundingMode.Nearest, 5, 12348, 12350)]
    [InlineData(CashRoundingMode.Nearest, 10, 12344, 12340)]
    [InlineData(CashRoundingMode.Nearest, 10, 12345, 12350)] // a half rounds up
    [InlineData(CashRoundingMode.Nearest, 10, 12346, 12350)]
    [InlineData(CashRoundingMode.Nearest, 100, 49, 0)]
    public void Rounds_the_cash_due(CashRoundingMode mode, long increment, long payable, long cash) =>
        Assert.Equal(cash, new CashRounding(mode, increment).Round(payable));

    [Fact]
    public void The_increment_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRounding.Down(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRounding.Nearest(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CashRounding((CashRoundingMode)7, 10));
        Assert.Equal("down to 0.10", CashRounding.Down(10).Describe(2));
        Assert.Equal("to nearest 0.05", CashRounding.Nearest(5).Describe(2));
    }

    [Fact]
    public void Rounding_down_is_allocated_over_line_payables()
    {
        // TEA 75.20, LJ 223.92, MILK 17.63 after savings and points: 316.75 due, 316.70 in cash.
        var s = ReceiptTests.RichSession(CashRounding.Down(10));
        var r = s.Rounding!;
        Assert.Equal(316_75, r.Payable);
        Assert.Equal(316_70, r.CashDue);
        Assert.Equal(-5, r.Adjustment);
        Assert.Equal(new long[] { -1, -4, 0 }, r.Lines.Select(l => l.Adjustment));
        Assert.Equal(new long[] { 75_19, 223_88, 17_63 }, r.Lines.Select(l => l.CashDue));
        Assert.Equal(r.CashDue, r.Lines.Sum(l => l.CashDue));
        Assert.Equal(316_75, s.Result!.Payable); // the engine's result is untouched
        Assert.Equal(316_70, s.CashDue);
    }

    [Fact]
    public void Rounding_to_the_nearest_can_round_up_and_is_allocated_too()
    {
        var s = ReceiptTests.RichSession(CashRounding.Nearest(10));
        var r = s.Rounding!;
        Assert.Equal(316_80, r.CashDue);
        Assert.Equal(5, r.Adjustment);
        Assert.Equal(new long[] { 75_21, 223_96, 17_63 }, r.Lines.Select(l => l.CashDue));

        s.SetCashRounding(CashRounding.Nearest(5)); // 316.75 is a multiple of 0.05
        Assert.Equal(0, s.Rounding!.Adjustment);
        Assert.All(s.Rounding.Lines, l => Assert.Equal(0, l.Adjustment));

        s.SetCashRounding(null);
        Assert.Null(s.Rounding);
        Assert.Equal(316_75, s.CashDue);
    }

    [Fact]
    public void Ties_go_to_the_smaller_line_id()
    {
        var s = TestData.Session(rounding: CashRounding.Down(50));
        s.Scan("CANDY");
        s.Scan("GUM");
        s.Scan("MINT"); // 0.99 due, 0.50 in cash: 0.49 over three equal lines
        Assert.Equal(new long[] { -17, -16, -16 }, s.Rounding!.Lines.Select(l => l.Adjustment));
        Assert.Equal(50, s.CashDue);
    }

    [Fact]
    public void Line_ids_rank_ordinally_not_by_position()
    {
        // "L10" sorts before "L2" (ordinal), so with equal weights and remainders L10 gets the leftover unit.
        var result = Result(("L2", 33), ("L10", 33));
        var r = CashRounding.Down(5).Apply(result); // 66 -> 65
        Assert.Equal(new long[] { 0, -1 }, r.Lines.Select(l => l.Adjustment));
    }

    [Fact]
    public void Allocation_is_the_spec_routine_and_sums_exactly()
    {
        var random = new Random(20261111);
        for (int round = 0; round < 500; round++)
        {
            int n = random.Next(1, 8);
            var lines = Enumerable.Range(0, n).Select(i => ($"L{random.Next(1, 30)}-{i}", random.Next(10) == 0 ? 0L : random.NextInt64(0, 1_000_000))).ToArray();
            var result = Result(lines);
            foreach (var rounding in new[] { CashRounding.Down(10), CashRounding.Down(100), CashRounding.Nearest(5), CashRounding.Nearest(50) })
            {
                var r = rounding.Apply(result);
                Assert.Equal(rounding.Round(result.Payable), r.CashDue);
                Assert.Equal(r.CashDue - result.Payable, r.Adjustment);
                Assert.Equal(r.CashDue, r.Lines.Sum(l => l.CashDue));
                Assert.Equal(r.Adjustment, r.Lines.Sum(l => l.Adjustment));
                Assert.All(r.Lines, l => Assert.True(l.CashDue >= 0));

                var weights = lines.Select(l => l.Item2).ToArray();
                var ranks = new int[n];
                var sorted = Enumerable.Range(0, n).OrderBy(i => lines[i].Item1, StringComparer.Ordinal).ToArray();
                for (int k = 0; k < n; k++) ranks[sorted[k]] = k;
                var shares = new long[n];
                Allocation.Split(Math.Abs(r.Adjustment), weights, ranks, shares);
                Assert.Equal(shares.Select(x => Math.Sign(r.Adjustment) * x), r.Lines.Select(l => l.Adjustment));
            }
        }
    }

    private static PricingResult Result(params (string Id, long Payable)[] lines) => new()
    {
        RuleSet = new RuleSetRef("t", "1"),
        Currency = "CNY",
        MinorDigits = 2,
        Subtotal = lines.Sum(l => l.Payable),
        Discount = 0,
        Total = lines.Sum(l => l.Payable),
        Points = new PointsResult(0, 0, 0),
        Payable = lines.Sum(l => l.Payable),
        Lines = lines.Select(l => new LineResult
        {
            Id = l.Id, Sku = "X", Quantity = 1, ListAmount = l.Payable, Adjustments = [], Amount = l.Payable,
            PointsUsed = 0, PointsValue = 0, Payable = l.Payable,
        }).ToArray(),
        Applied = [],
        Coupons = [],
        Gifts = [],
        Hints = [],
    };
}
