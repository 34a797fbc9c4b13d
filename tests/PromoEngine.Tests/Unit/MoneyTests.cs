using PromoEngine.Money;

namespace PromoEngine.Tests.Unit;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(150, "15", RoundingMode.HalfEven, 22)]   // 22.5 → 22
    [InlineData(250, "15", RoundingMode.HalfEven, 38)]   // 37.5 → 38
    [InlineData(150, "15", RoundingMode.HalfUp, 23)]
    [InlineData(250, "15", RoundingMode.HalfUp, 38)]
    [InlineData(150, "15", RoundingMode.Down, 22)]
    [InlineData(199, "12.5", RoundingMode.HalfUp, 25)]   // 24.875
    [InlineData(199, "12.5", RoundingMode.Down, 24)]
    [InlineData(1, "50", RoundingMode.HalfEven, 0)]      // 0.5 → 0
    [InlineData(3, "50", RoundingMode.HalfEven, 2)]      // 1.5 → 2
    [InlineData(8000, "100", RoundingMode.HalfUp, 8000)]
    public void Percentages_round_with_the_rule_sets_mode(long amount, string percent, RoundingMode mode, long expected)
    {
        var p = Percentage.FromDecimal(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, p.Of(amount, mode));
    }

    [Fact]
    public void Percentages_compare_by_value() =>
        Assert.Equal(Percentage.FromDecimal(15m), Percentage.FromDecimal(15.000m));

    [Theory]
    [InlineData("99.000", 2, true, 9900)]
    [InlineData("12.345", 2, false, 0)]
    [InlineData("12345", 0, true, 12345)]
    [InlineData("10.5", 0, false, 0)]
    [InlineData("92233720368547758.07", 2, true, long.MaxValue)]
    [InlineData("92233720368547758.08", 2, false, 0)]
    public void Major_units_convert_exactly_or_not_at_all(string major, int digits, bool ok, long minor)
    {
        decimal value = decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ok, MinorUnits.TryFromMajor(value, digits, out long converted));
        if (ok) Assert.Equal(minor, converted);
    }

    [Theory]
    [InlineData(26800, 2, "268.00")]
    [InlineData(5, 2, "0.05")]
    [InlineData(0, 2, "0.00")]
    [InlineData(12345, 0, "12345")]
    [InlineData(-150, 2, "-1.50")]
    [InlineData(long.MaxValue, 2, "92233720368547758.07")]
    public void Minor_units_format_with_the_currencys_digits(long minor, int digits, string text) =>
        Assert.Equal(text, MinorUnits.Format(minor, digits));

    [Fact]
    public void Known_currencies_have_their_digits()
    {
        Assert.True(Currencies.TryGetMinorDigits("CNY", out int cny));
        Assert.Equal(2, cny);
        Assert.True(Currencies.TryGetMinorDigits("JPY", out int jpy));
        Assert.Equal(0, jpy);
        Assert.False(Currencies.TryGetMinorDigits("XAU", out _));
    }
}
