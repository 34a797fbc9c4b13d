using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PromoEngine.AspNetCore.Tests.Support;
using PromoEngine.Returns;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>/v1/orders and /v1/quote over the default SQLite ledger (a file beside the test's rule set).</summary>
public sealed class OrderEndpointsTests
{
    private const string Rules = """
        { "id": "shop", "version": "1", "currency": "CNY",
          "promotions": [
            { "id": "flash", "kind": "specialPrice", "scope": { "skus": ["P1"] }, "price": 59.00, "limits": { "units": 3 } },
            { "id": "full-200", "kind": "threshold", "tiers": [{ "atLeast": 200, "amountOff": 30 }] } ],
          "coupons": [{ "id": "welcome", "amountOff": 10 }] }
        """;

    private static string Cart(int p1 = 2, string? code = "W-1", string customer = "u1") => $$"""
        { "currency": "CNY", "channel": "online", "at": "2026-06-18T20:00:00+08:00", "customer": { "id": "{{customer}}" },
          "lines": [{ "id": "L1", "sku": "P1", "unitPrice": 99.00, "quantity": {{p1}} },
                    { "id": "L2", "sku": "P2", "unitPrice": 60.00, "quantity": 1 }]
          {{(code is null ? "" : $$""", "coupons": [{ "code": "{{code}}", "couponId": "welcome" }]""")}} }
        """;

    private static string Order(string id, string cart, string? expected = null) =>
        $$"""{ "orderId": "{{id}}", "cart": {{cart}}{{(expected is null ? "" : $", \"expectedPayable\": {expected}")}} }""";

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(TestApp app, string path, string body)
    {
        using var response = await app.Client.PostAsync(path, Json(body));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task The_ledger_is_opened_when_the_service_starts_not_by_the_first_quote()
    {
        await using var app = await TestApp.StartAsync(Rules);
        string file = Path.Combine(app.Directory, Path.GetFileNameWithoutExtension(TestApp.RulesFileName) + ".ledger.db");

        // The sweep's first tick is 30 s away, so only the start-up warm-up can have created the file.
        await Wait.UntilAsync(() => File.Exists(file), "the SQLite ledger, before any request");
        using var quote = await app.QuoteAsync(Cart());

        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
    }

    [Fact]
    public async Task A_ledger_that_cannot_be_opened_at_start_is_logged_and_quotes_that_need_it_answer_503()
    {
        string blocker = Path.Combine(Path.GetTempPath(), "promoengine-blocked-ledger-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(blocker, "a file where the ledger's folder should be");
        try
        {
            await using var app = await TestApp.StartAsync(Rules, build: b => b.Configuration["PromoEngine:Ledger"] = "sqlite:" + Path.Combine(blocker, "ledger.db"));

            await Wait.UntilAsync(() => app.Logs.Entries.Any(e => e.EventId.Id == 33), "the warning that the ledger could not be opened");
            using var health = await app.Client.GetAsync("/health");
            using var withCode = await app.QuoteAsync(Cart());

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            await ProblemJson.ReadAsync(withCode, 503);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task An_order_is_reserved_once_repeated_with_the_same_answer_and_refused_under_another_body()
    {
        await using var app = await TestApp.StartAsync(Rules);

        var (status, body) = await PostAsync(app, "/v1/orders", Order("web-1", Cart()));
        var (again, againBody) = await PostAsync(app, "/v1/orders", Order("web-1", Cart()).Replace("\n", " ").Replace("  ", " "));
        using var other = await app.Client.PostAsync("/v1/orders", Json(Order("web-1", Cart(p1: 1))));

        Assert.Equal(HttpStatusCode.Created, status);
        var placed = Parse(body);
        Assert.Equal(("web-1", "reserved"), (placed.GetProperty("orderId").GetString(), placed.GetProperty("status").GetString()));
        Assert.True(placed.TryGetProperty("expiresAt", out _));
        var result = placed.GetProperty("result");
        Assert.Equal(2, result.GetProperty("usage").GetProperty("promotions").GetProperty("flash").GetProperty("units").GetInt32());
        Assert.Equal(["W-1"], result.GetProperty("usage").GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal((HttpStatusCode.Created, body), (again, againBody));
        await ProblemJson.ReadAsync(other, 422);

        // The quote now sees what web-1 holds: one flash unit left, the code taken.
        using var quote = await app.QuoteAsync(Cart(customer: "u2"));
        var quoted = await quote.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, quoted.GetProperty("usage").GetProperty("promotions").GetProperty("flash").GetProperty("units").GetInt32());
        Assert.Equal("codeUsed", quoted.GetProperty("coupons")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_payable_that_changed_is_a_conflict_with_the_fresh_quote_and_nothing_reserved()
    {
        await using var app = await TestApp.StartAsync(Rules);
        await PostAsync(app, "/v1/orders", Order("web-1", Cart(p1: 3, code: null)));   // takes all three flash units

        var (status, body) = await PostAsync(app, "/v1/orders", Order("web-2", Cart(p1: 1, code: null), expected: "149.00"));
        using var order = await app.Client.GetAsync("/v1/orders/web-2");

        Assert.Equal(HttpStatusCode.Conflict, status);
        var conflict = Parse(body);
        Assert.Equal("conflict", conflict.GetProperty("status").GetString());
        Assert.True(conflict.GetProperty("payableChanged").GetBoolean());
        Assert.Equal("149.00", conflict.GetProperty("expectedPayable").GetRawText());
        Assert.Equal(0, conflict.GetProperty("limits").GetArrayLength());
        Assert.Equal("159.00", conflict.GetProperty("result").GetProperty("payable").GetRawText());
        await ProblemJson.ReadAsync(order, 404);

        var (accepted, _) = await PostAsync(app, "/v1/orders", Order("web-2", Cart(p1: 1, code: null), expected: "159.00"));
        Assert.Equal(HttpStatusCode.Created, accepted);
    }

    [Fact]
    public async Task Many_orders_at_once_never_take_more_flash_units_than_the_limit()
    {
        await using var app = await TestApp.StartAsync(Rules, kestrel: true);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            PostAsync(app, "/v1/orders", Order($"web-{i}", Cart(p1: 1 + i % 2, code: $"C-{i}", customer: $"u{i}")))));

        Assert.All(answers, a => Assert.Contains(a.Status, (HttpStatusCode[])[HttpStatusCode.Created, HttpStatusCode.Conflict]));
        long units = answers.Where(a => a.Status == HttpStatusCode.Created)
            .Sum(a => Parse(a.Body).GetProperty("result").GetProperty("usage").GetProperty("promotions") is var p
                && p.TryGetProperty("flash", out var flash) ? flash.GetProperty("units").GetInt64() : 0);
        Assert.Equal(3, units);   // the first orders took all three; every later one was priced without them
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict),
            a => Assert.Equal("units", Parse(a.Body).GetProperty("limits")[0].GetProperty("limit").GetString()));
    }

    [Fact]
    public async Task Commit_release_and_cancel_follow_the_order_status()
    {
        await using var app = await TestApp.StartAsync(Rules);
        await PostAsync(app, "/v1/orders", Order("web-1", Cart()));
        await PostAsync(app, "/v1/orders", Order("web-2", Cart(code: "W-2", customer: "u2")));

        var commit = await PostAsync(app, "/v1/orders/web-1/commit", "");
        var commitAgain = await PostAsync(app, "/v1/orders/web-1/commit", "");
        using var release = await app.Client.PostAsync("/v1/orders/web-1/release", null);
        var releaseOther = await PostAsync(app, "/v1/orders/web-2/release", "");
        using var commitReleased = await app.Client.PostAsync("/v1/orders/web-2/commit", null);
        var cancel = await PostAsync(app, "/v1/orders/web-1/cancel", "");
        using var unknown = await app.Client.PostAsync("/v1/orders/web-9/commit", null);
        using var badId = await app.Client.PostAsync("/v1/orders/web%201/commit", null);

        Assert.Equal((HttpStatusCode.OK, """{"orderId":"web-1","status":"committed","repeated":false}"""), commit);
        Assert.Equal((HttpStatusCode.OK, """{"orderId":"web-1","status":"committed","repeated":true}"""), commitAgain);
        Assert.Equal("committed", (await ProblemJson.ReadAsync(release, 409)).GetProperty("orderStatus").GetString());
        Assert.Equal((HttpStatusCode.OK, """{"orderId":"web-2","status":"released","repeated":false}"""), releaseOther);
        Assert.Equal("released", (await ProblemJson.ReadAsync(commitReleased, 409)).GetProperty("orderStatus").GetString());
        Assert.Equal((HttpStatusCode.OK, """{"orderId":"web-1","status":"revoked","repeated":false}"""), cancel);
        await ProblemJson.ReadAsync(unknown, 404);
        Assert.Equal("$.orderId", ProblemJson.Errors(await ProblemJson.ReadAsync(badId, 400)).Single().Path);

        // Cancelled: its flash units and its code are free again.
        using var quote = await app.QuoteAsync(Cart(p1: 3));
        var quoted = await quote.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, quoted.GetProperty("usage").GetProperty("promotions").GetProperty("flash").GetProperty("units").GetInt32());
        Assert.Equal("applied", quoted.GetProperty("coupons")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Returns_are_priced_from_the_stored_order_as_the_stateless_endpoint_would_and_a_full_return_frees_the_usage()
    {
        await using var app = await TestApp.StartAsync(Rules);
        var (_, placedBody) = await PostAsync(app, "/v1/orders", Order("web-1", Cart(p1: 3)));
        string result = Parse(placedBody).GetProperty("result").GetRawText();
        using var early = await app.Client.PostAsync("/v1/orders/web-1/returns", Json("""{ "returnId": "r-1", "now": [{ "line": "L1", "quantity": 1 }] }"""));
        await ProblemJson.ReadAsync(early, 409);
        await PostAsync(app, "/v1/orders/web-1/commit", "");

        var first = await PostAsync(app, "/v1/orders/web-1/returns", """{ "returnId": "r-1", "now": [{ "line": "L1", "quantity": 1 }] }""");
        var repeat = await PostAsync(app, "/v1/orders/web-1/returns", """{"now":[{"quantity":1,"line":"L1"}],"returnId":"r-1"}""");
        using var reused = await app.Client.PostAsync("/v1/orders/web-1/returns", Json("""{ "returnId": "r-1", "now": [{ "line": "L2", "quantity": 1 }] }"""));
        using var tooMany = await app.Client.PostAsync("/v1/orders/web-1/returns", Json("""{ "returnId": "r-2", "now": [{ "line": "L1", "quantity": 3 }] }"""));
        var rest = await PostAsync(app, "/v1/orders/web-1/returns", """{ "returnId": "r-2", "now": [{ "line": "L1", "quantity": 2 }, { "line": "L2", "quantity": 1 }] }""");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(ReturnPricing.PriceJson(result, """{ "now": [{ "line": "L1", "quantity": 1 }] }"""), first.Body);
        Assert.Equal(first, repeat);
        await ProblemJson.ReadAsync(reused, 422);
        Assert.Contains("$.now[0].quantity", ProblemJson.Errors(await ProblemJson.ReadAsync(tooMany, 400)).Select(e => e.Path));
        Assert.Equal(ReturnPricing.PriceJson(result,
            """{ "previous": [{ "line": "L1", "quantity": 1 }], "now": [{ "line": "L1", "quantity": 2 }, { "line": "L2", "quantity": 1 }] }"""), rest.Body);
        Assert.True(Parse(rest.Body).GetProperty("fullReturn").GetBoolean());

        var order = await app.Client.GetFromJsonAsync<JsonElement>("/v1/orders/web-1");
        Assert.Equal("revoked", order.GetProperty("status").GetString());
        Assert.Equal(result, order.GetProperty("result").GetRawText());
        Assert.Equal(["r-1", "r-2"], order.GetProperty("returns").EnumerateArray().Select(r => r.GetProperty("returnId").GetString()));
        using var quote = await app.QuoteAsync(Cart(p1: 3));
        Assert.Equal(3, (await quote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage").GetProperty("promotions").GetProperty("flash").GetProperty("units").GetInt32());
    }

    [Fact]
    public async Task Only_the_ledger_fills_usage_and_bad_order_requests_are_located()
    {
        await using var app = await TestApp.StartAsync(Rules);
        string withUsage = Cart().TrimEnd().TrimEnd('}') + """, "usage": { "codes": { "W-1": 0 } } }""";

        using var quote = await app.QuoteAsync(withUsage);
        using var order = await app.Client.PostAsync("/v1/orders", Json(Order("web-1", withUsage)));
        using var bad = await app.Client.PostAsync("/v1/orders", Json("""{ "orderId": "web 1", "expectedPayable": 1.001, "extra": 1, "cart": { "lines": [] } }"""));

        Assert.Equal([("cart", "$.usage")], ProblemJson.Errors(await ProblemJson.ReadAsync(quote, 400)).Select(e => (e.Document, e.Path)));
        Assert.Contains(("cart", "$.usage"), ProblemJson.Errors(await ProblemJson.ReadAsync(order, 400)).Select(e => (e.Document, e.Path)));
        var errors = ProblemJson.Errors(await ProblemJson.ReadAsync(bad, 400)).Select(e => (e.Document, e.Path)).ToList();
        Assert.Contains(("request", "$.orderId"), errors);
        Assert.Contains(("request", "$.expectedPayable"), errors);
        Assert.Contains(("request", "$.extra"), errors);
        Assert.Contains(errors, e => e.Document == "cart");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/v1/orders/web-1")).StatusCode);
    }

    [Fact]
    public async Task A_ledger_that_is_down_gives_503_on_orders_and_on_quotes_that_need_it_never_a_price_that_ignores_limits()
    {
        // A Redis ledger on a loopback port where nothing listens.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var app = await TestApp.StartAsync(Rules,
            build: b => b.Configuration["PromoEngine:Ledger"] = $"redis:127.0.0.1:{port},connectTimeout=300,syncTimeout=500,asyncTimeout=500");

        using var order = await app.Client.PostAsync("/v1/orders", Json(Order("web-1", Cart())));
        using var quote = await app.QuoteAsync(Cart());
        using var get = await app.Client.GetAsync("/v1/orders/web-1");

        var problem = await ProblemJson.ReadAsync(order, 503);
        Assert.Contains("ledger", problem.GetProperty("detail").GetString());
        await ProblemJson.ReadAsync(quote, 503);
        await ProblemJson.ReadAsync(get, 503);
    }
}
