using System.Text;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>Every error in problem details carries its stable code (docs/errors.md), for programs to match.</summary>
public sealed class ErrorCodeTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Cart_and_rule_set_errors_carry_their_codes()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var cart = await app.QuoteAsync(TestData.InvalidCart);
        using var encoding = await app.Client.PostAsync("/v1/quote", new ByteArrayContent([0x7B, 0xFF, 0x7D]) { Headers = { ContentType = new("application/json") } });
        using var rules = await app.Client.PostAsync("/v1/validate", Json("""{ "id": "x", "version": "1", "currency": "CNY", "colour": 1 }"""));

        Assert.Equal(["currencyMismatch", "tooSmall", "tooManyDecimals"], ProblemJson.Codes(await ProblemJson.ReadAsync(cart, 400)));
        Assert.Equal(["invalidEncoding"], ProblemJson.Codes(await ProblemJson.ReadAsync(encoding, 400)));
        Assert.Equal(["unknownProperty"], ProblemJson.Codes(await ProblemJson.ReadAsync(rules, 400)));
    }

    [Fact]
    public async Task Order_and_return_envelope_errors_carry_their_codes()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var order = await app.Client.PostAsync("/v1/orders",
            Json("""{ "orderId": "web 1", "expectedPayable": -1, "extra": 1, "cart": [] }"""));
        using var noId = await app.Client.PostAsync("/v1/orders", Json("""{ "orderId": 7, "cart": {}, "expectedPayable": 1.001 }"""));
        using var notJson = await app.Client.PostAsync("/v1/orders", Json("{"));
        using var ret = await app.Client.PostAsync("/v1/orders/web-1/returns", Json("""{ "returnId": "", "returnId": "r", "x": 1 }"""));
        using var route = await app.Client.PostAsync("/v1/orders/web%201/commit", null);
        using var usage = await app.QuoteAsync(TestData.Cart.TrimEnd().TrimEnd('}') + """, "usage": {} }""");

        var orderProblem = await ProblemJson.ReadAsync(order, 400);
        Assert.Equal(["$.orderId", "$.expectedPayable", "$.extra", "$.cart"], ProblemJson.Errors(orderProblem).Select(e => e.Path));
        Assert.Equal(["outOfRange", "negative", "unknownProperty", "expectedObject"], ProblemJson.Codes(orderProblem));
        var noIdCodes = ProblemJson.Codes(await ProblemJson.ReadAsync(noId, 400));
        Assert.Contains("expectedString", noIdCodes);
        Assert.Contains("tooManyDecimals", noIdCodes);
        Assert.Equal(["malformedJson"], ProblemJson.Codes(await ProblemJson.ReadAsync(notJson, 400)));
        var retCodes = ProblemJson.Codes(await ProblemJson.ReadAsync(ret, 400));
        Assert.Contains("empty", retCodes);
        Assert.Contains("duplicateProperty", retCodes);
        Assert.Contains("unknownProperty", retCodes);
        Assert.Equal(["outOfRange"], ProblemJson.Codes(await ProblemJson.ReadAsync(route, 400)));
        Assert.Equal(["notAllowed"], ProblemJson.Codes(await ProblemJson.ReadAsync(usage, 400)));
    }
}
