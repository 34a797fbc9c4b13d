using System.Net;
using System.Text.Json.Nodes;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>A request can ask for only so much work: carts with huge wallets are refused before pricing (issue #9).</summary>
public sealed class CouponWalletEndpointTests
{
    private static string CartWithCoupons(int count)
    {
        var cart = JsonNode.Parse(TestData.Cart)!.AsObject();
        var coupons = new JsonArray();
        for (int k = 0; k < count; k++) coupons.Add(new JsonObject { ["code"] = $"W-{k:D5}", ["couponId"] = "nope" });
        cart["coupons"] = coupons;
        return cart.ToJsonString();
    }

    [Fact]
    public async Task A_cart_of_5000_coupons_is_refused_at_its_coupons()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.QuoteAsync(CartWithCoupons(5_000));

        var errors = ProblemJson.Errors(await ProblemJson.ReadAsync(response, 400));
        var error = Assert.Single(errors);
        Assert.Equal(("cart", "$.coupons"), (error.Document, error.Path));
        Assert.Equal("the cart presents 5000 coupons; at most 100 are accepted (present fewer, or let the engine choose from fewer)", error.Message);
    }

    [Fact]
    public async Task The_limit_is_configurable_and_a_cart_at_it_is_priced()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.MaxCouponCandidates = 3);

        using var atLimit = await app.QuoteAsync(CartWithCoupons(3));
        using var over = await app.QuoteAsync(CartWithCoupons(4));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal("$.coupons", Assert.Single(ProblemJson.Errors(await ProblemJson.ReadAsync(over, 400))).Path);
    }
}
