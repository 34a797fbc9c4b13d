using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>
/// Issue #11: the endpoints that change or reveal state ask for an authorization policy (by default the API key of
/// PromoEngine:ApiKey in X-Api-Key), every /v1 endpoint is rate limited and has a request timeout, and pricing stops
/// when the request is given up.
/// </summary>
public sealed class SecurityTests
{
    private const string Key = "k3y-for-tests-9f8e7d";

    /// <summary>Every endpoint that changes or reveals state, with a body that would otherwise be accepted or refused on its merits.</summary>
    public static TheoryData<string, string, string?> Protected => new()
    {
        { "POST", "/v1/validate", TestData.Rules("v9") },
        { "GET", "/v1/ruleset", null },
        { "GET", "/v1/orders/web-1", null },
        { "POST", "/v1/orders/web-1/commit", null },
        { "POST", "/v1/orders/web-1/release", null },
        { "POST", "/v1/orders/web-1/cancel", null },
        { "POST", "/v1/orders/web-1/returns", """{ "returnId": "r-1", "now": [{ "line": "L1", "quantity": 1 }] }""" },
    };

    private static HttpRequestMessage Request(string method, string path, string? body, string? key = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task With_a_key_configured_an_endpoint_that_changes_or_reveals_state_asks_for_it(string method, string path, string? body)
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.ApiKey = Key);

        using var none = await app.Client.SendAsync(Request(method, path, body));
        using var wrong = await app.Client.SendAsync(Request(method, path, body, Key + "x"));
        using var right = await app.Client.SendAsync(Request(method, path, body, Key));

        var problem = await ProblemJson.ReadAsync(none, 401);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.Equal("ApiKey header=\"X-Api-Key\"", none.Headers.WwwAuthenticate.ToString());
        await ProblemJson.ReadAsync(wrong, 401);
        Assert.NotEqual(HttpStatusCode.Unauthorized, right.StatusCode);   // answered on its merits (200, 404, …)
        Assert.NotEqual(HttpStatusCode.Forbidden, right.StatusCode);
    }

    [Fact]
    public async Task With_a_key_configured_quotes_orders_returns_and_health_need_none()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.ApiKey = Key);

        using var quote = await app.QuoteAsync(TestData.Cart);
        using var health = await app.Client.GetAsync("/health");
        using var order = await app.Client.PostAsync("/v1/orders",
            new StringContent($$"""{ "orderId": "web-1", "cart": {{TestData.Cart}} }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 42);
    }

    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Without_a_key_nothing_is_asked_and_that_is_logged_once_at_start(string method, string path, string? body)
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var first = await app.Client.SendAsync(Request(method, path, body));
        using var second = await app.Client.SendAsync(Request(method, path, body));

        Assert.NotEqual(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, second.StatusCode);
        var note = Assert.Single(app.Logs.Entries, e => e.EventId.Id == 42);
        Assert.Equal(LogLevel.Warning, note.Level);
        Assert.Contains("PromoEngine:ApiKey", note.Message);
    }

    [Fact]
    public async Task The_policy_is_configurable()
    {
        // An application's own policy (here: a header a gateway adds) instead of the API key.
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.AuthorizationPolicy = "back-office",
            build: b => b.Services.AddAuthorization(a => a.AddPolicy("back-office",
                p => p.RequireAssertion(c => c.Resource is HttpContext http && http.Request.Headers["X-Gateway-Role"] == "back-office"))));

        using var refused = await app.Client.GetAsync("/v1/ruleset");
        using var allowed = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/ruleset") { Headers = { { "X-Gateway-Role", "back-office" } } });

        Assert.Contains(refused.StatusCode, (HttpStatusCode[])[HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden]);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == 42);   // the default policy is not in use
    }

    [Fact]
    public async Task A_policy_that_is_not_defined_stops_the_start()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestApp.StartAsync(TestData.Rules("v1"), o => o.AuthorizationPolicy = "nobody-defined-this"));

        Assert.Contains("nobody-defined-this", e.Message);
    }

    [Fact]
    public async Task Over_the_rate_limit_a_client_gets_429_with_problem_details_and_Retry_After()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.RateLimit = new() { PermitsPerSecond = 1, Burst = 2 });

        var answers = new List<HttpResponseMessage>();
        for (int k = 0; k < 4; k++) answers.Add(await app.QuoteAsync(TestData.Cart));
        using var health = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.OK, answers[1].StatusCode);
        var limited = answers.Last();
        var problem = await ProblemJson.ReadAsync(limited, 429);
        Assert.Equal("/v1/quote", problem.GetProperty("instance").GetString());
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);   // probes are never limited
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Without_a_rate_limit_configured_nothing_is_limited()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        var statuses = new List<HttpStatusCode>();
        for (int k = 0; k < 30; k++)
        {
            using var answer = await app.QuoteAsync(TestData.Cart);
            statuses.Add(answer.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Work_not_done_within_the_request_timeout_is_503_with_problem_details()
    {
        // An endpoint of the /v1 group that never finishes on its own: only the group's request timeout ends it.
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.RequestTimeout = TimeSpan.FromMilliseconds(300),
            group: v1 => v1.MapGet("/test-slow", async (HttpContext context) =>
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return TypedResults.Ok();
            }));

        using var answer = await app.Client.GetAsync("/v1/test-slow");

        var problem = await ProblemJson.ReadAsync(answer, 503);
        Assert.Equal("Request timeout", problem.GetProperty("title").GetString());
        Assert.Single(app.Logs.Entries, e => e.EventId.Id == 40);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Exception is not null && e.Level >= LogLevel.Information);
    }

    /// <summary>
    /// A coupon choice that takes seconds to walk (about 10 s on the shared 2-core machine): 120 amount and percent coupons
    /// in three layers, a 20-line cart presenting 100 of them, and a work budget of 5,000,000 choices. Only a cancelled
    /// token ends it early.
    /// </summary>
    private static (string Rules, string Cart) EndlessWallet()
    {
        string[] layers = ["store", "platform", "payment"];
        var random = new Random(42);
        var coupons = Enumerable.Range(0, 120).Select(k =>
        {
            int minSpend = 50 * random.Next(1, 20), off = random.Next(1, 30);
            string scope = k % 4 == 0 ? $$""", "scope": { "skus": ["S{{k % 20}}", "S{{(k + 7) % 20}}"] }""" : "";
            return $$"""{ "id": "c{{k:D3}}", "layer": "{{layers[k % 3]}}", "minSpend": {{minSpend}}, "{{(k % 2 == 0 ? "amountOff" : "percentOff")}}": {{off}}{{scope}} }""";
        });
        string rules = $$"""
            { "id": "wallet", "version": "1", "currency": "CNY", "couponSearch": { "maxChoices": 5000000 },
              "layers": [{{string.Join(",", layers.Select(l => $$"""{ "id": "{{l}}", "maxCoupons": 8 }"""))}}],
              "coupons": [{{string.Join(",", coupons)}}] }
            """;
        var lines = Enumerable.Range(0, 20).Select(i => $$"""{ "id": "L{{i:D2}}", "sku": "S{{i}}", "unitPrice": {{20 + 7 * i}}, "quantity": {{1 + i % 3}} }""");
        var instances = Enumerable.Range(0, 100).Select(k => $$"""{ "code": "K{{k:D4}}", "couponId": "c{{random.Next(120):D3}}" }""");
        string cart = $$"""
            { "currency": "CNY", "channel": "online", "at": "2026-06-18T20:00:00+08:00", "customer": { "id": "u" },
              "lines": [{{string.Join(",", lines)}}], "coupons": [{{string.Join(",", instances)}}] }
            """;
        return (rules, cart);
    }

    // Pricing honours the request's cancellation: a choice of seconds ends with a request timeout of half a second
    // (without the token it runs to its end, and the answer is a price).

    [Theory]
    [InlineData("none")]
    [InlineData(null)]   // the default SQLite ledger
    public async Task A_quote_that_outlives_the_request_timeout_stops_pricing_and_is_503(string? ledger)
    {
        var (rules, cart) = EndlessWallet();
        await using var app = await TestApp.StartAsync(rules, o => o.RequestTimeout = TimeSpan.FromMilliseconds(500),
            build: b => b.Configuration["PromoEngine:Ledger"] = ledger);

        using var answer = await app.QuoteAsync(cart);

        var problem = await ProblemJson.ReadAsync(answer, 503);
        Assert.Equal("Request timeout", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_order_that_outlives_the_request_timeout_stops_pricing_is_503_and_reserves_nothing()
    {
        var (rules, cart) = EndlessWallet();
        await using var app = await TestApp.StartAsync(rules, o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));

        using var answer = await app.Client.PostAsync("/v1/orders",
            new StringContent($$"""{ "orderId": "web-1", "cart": {{cart}} }""", Encoding.UTF8, "application/json"));
        using var order = await app.Client.GetAsync("/v1/orders/web-1");

        var problem = await ProblemJson.ReadAsync(answer, 503);
        Assert.Equal("Request timeout", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
    }

    [Fact]
    public async Task A_request_given_up_by_its_client_gets_nothing_and_logs_no_error()
    {
        var (rules, cart) = EndlessWallet();
        await using var app = await TestApp.StartAsync(rules, build: b => b.Configuration["PromoEngine:Ledger"] = "none", group: v1 =>
            v1.AddEndpointFilter(async (invocation, next) =>
            {
                // The client goes away once its body has arrived.
                var context = invocation.HttpContext;
                using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                context.RequestAborted = abort.Token;
                context.Request.Body = new CancelAtEnd(context.Request.Body, abort);
                return await next(invocation);
            }));

        using var answer = await app.QuoteAsync(cart);

        Assert.Equal(499, (int)answer.StatusCode);   // status 499 (client closed request), for the access log: nobody reads it
        Assert.DoesNotContain(app.Logs.Entries, e => e.Exception is not null && e.Level >= LogLevel.Information);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.EventId.Id != 42);
    }

    /// <summary>A body stream that cancels <paramref name="abort"/> when it reaches its end.</summary>
    private sealed class CancelAtEnd(Stream inner, CancellationTokenSource abort) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await inner.ReadAsync(buffer, cancellationToken);
            if (read == 0) await abort.CancelAsync();
            return read;
        }
    }
}
