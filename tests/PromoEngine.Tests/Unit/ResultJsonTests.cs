using System.Globalization;
using System.Text.Json;
using PromoEngine.Money;
using PromoEngine.Results;

namespace PromoEngine.Tests.Unit;

public sealed class ResultJsonTests
{
    [Theory]
    [InlineData(0L, 2)]
    [InlineData(-1L, 2)]
    [InlineData(-50L, 2)]
    [InlineData(26800L, 2)]
    [InlineData(7L, 0)]
    [InlineData(-7L, 0)]
    [InlineData(1234L, 3)]
    [InlineData(5L, 18)]
    [InlineData(long.MaxValue, 2)]
    [InlineData(long.MinValue, 2)]
    [InlineData(long.MaxValue, 18)]
    [InlineData(long.MinValue, 0)]
    public void Money_is_written_as_a_decimal_of_that_scale_prints(long minor, int digits)
    {
        // The writer lays the digits out itself; the text must be what the decimal of that scale prints.
        string expected = MinorUnits.ToMajor(minor, digits).ToString(CultureInfo.InvariantCulture);
        foreach (bool indented in new[] { false, true })
        {
            using var document = JsonDocument.Parse(ResultJson.Write(Result(minor, digits), indented));
            Assert.Equal(expected, document.RootElement.GetProperty("subtotal").GetRawText());
            Assert.Equal(expected, document.RootElement.GetProperty("hints")[0].GetProperty("saving").GetRawText());
        }
    }

    private static PricingResult Result(long minor, int digits) => new()
    {
        RuleSet = new RuleSetRef("r", "1"),
        Currency = "XXX",
        MinorDigits = digits,
        Subtotal = minor,
        Discount = 0,
        Total = 0,
        Points = new PointsResult(0, 0, 0),
        Payable = 0,
        Lines = [],
        Applied = [],
        Coupons = [],
        Gifts = [],
        Hints = [new HintResult("p", 1, false, minor, null)],
    };
}
