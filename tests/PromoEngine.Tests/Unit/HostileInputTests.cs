namespace PromoEngine.Tests.Unit;

/// <summary>
/// Regressions of the hostile corpus (issue #11, tests/PromoEngine.Parity.Tests/Hostile): inputs that got an
/// exception other than <see cref="PromoValidationException"/>, or a price they should not have.
/// </summary>
public sealed class HostileInputTests
{
    private const string Rules = """{"id":"r","version":"1","currency":"CNY","coupons":[{"id":"c","amountOff":1.50}]}""";

    private static string Cart(string lineFields = "\"unitPrice\":45.00,\"quantity\":1", string extra = "") =>
        "{\"currency\":\"CNY\",\"channel\":\"store\",\"at\":\"2026-11-11T15:40:00+08:00\",\"customer\":{\"id\":\"M\",\"points\":5000},"
        + "\"lines\":[{\"id\":\"L1\",\"sku\":\"A\"," + lineFields + "}]" + extra + "}";

    private static string Refusal(Action act) =>
        string.Join("; ", Assert.Throws<PromoValidationException>(act).Errors.Select(e => $"{e.Path} {e.Code}: {e.Message}"));

    [Fact]
    public void UsePoints_escaping_a_lone_surrogate_is_a_located_error_not_a_crash()
    {
        var engine = PricingEngine.FromJson(Rules);
        Assert.Equal("$.usePoints invalidString: a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text",
            Refusal(() => engine.PriceJson(Cart(extra: ",\"usePoints\":\"\\ud800\""))));
        Assert.Equal("$.usePoints expectedPoints: expected a whole number of points or \"max\", got a string",
            Refusal(() => engine.PriceJson(Cart(extra: ",\"usePoints\":\"all\""))));
        Assert.Contains("\"payable\":100.00", engine.PriceJson(Cart("\"unitPrice\":100.00,\"quantity\":1", ",\"usePoints\":\"max\"")));
    }

    [Theory]
    [InlineData("45.0000000000000000000000000000001")]    // 33 significant digits: a decimal would round it to 45.00
    [InlineData("45.00000000000000000000000000001")]
    [InlineData("4.50000000000000000000000000000001e1")]
    [InlineData("1.5e-28")]                                 // a decimal would round it to 0.0000000000000000000000000002
    public void A_number_a_decimal_cannot_hold_exactly_is_refused_not_rounded(string price)
    {
        var engine = PricingEngine.FromJson(Rules);
        Assert.Equal($"$.lines[0].unitPrice outOfRange: number {price} has more digits than can be represented exactly",
            Refusal(() => engine.PriceJson(Cart($"\"unitPrice\":{price},\"quantity\":1"))));
        Assert.Equal($"$.coupons[0].amountOff outOfRange: number {price} has more digits than can be represented exactly",
            Refusal(() => PricingEngine.FromJson(Rules.Replace("1.50", price))));
    }

    [Theory]
    [InlineData("45.000000000000000000000000000000", "45.00")]   // long, but only zeros after the point
    [InlineData("4.5e1", "45.00")]
    [InlineData("0.45E+2", "45.00")]
    [InlineData("45000000000000000e-15", "45.00")]
    public void Long_or_exponent_numbers_that_are_exact_are_read(string price, string expected)
    {
        var engine = PricingEngine.FromJson(Rules);
        Assert.Contains($"\"subtotal\":{expected}", engine.PriceJson(Cart($"\"unitPrice\":{price},\"quantity\":1")));
        Assert.Contains("\"quantity\":3", engine.PriceJson(Cart("\"unitPrice\":1,\"quantity\":3.0000000000000000000000000000000")));
    }
}
