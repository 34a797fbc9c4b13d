using System.Net;
using System.Text;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

public sealed class QuoteEndpointTests
{
    public static TheoryData<string> SampleCarts => new() { "cart-online.json", "cart-store.json", "cart-guest.json" };

    [Theory]
    [MemberData(nameof(SampleCarts))]
    public async Task Quote_of_a_sample_cart_is_byte_for_byte_PriceJson(string cartFile)
    {
        string rules = File.ReadAllText(Path.Combine(TestData.SamplesData, "retail-rules.json"));
        string cart = File.ReadAllText(Path.Combine(TestData.SamplesData, cartFile));
        var engine = PricingEngine.FromJson(rules);
        await using var app = await TestApp.StartAsync(rules);

        using var response = await app.QuoteAsync(cart);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(Encoding.UTF8.GetBytes(engine.PriceJson(cart)), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Quote_of_every_cart_in_carts_jsonl_is_byte_for_byte_PriceJson()
    {
        string rules = File.ReadAllText(Path.Combine(TestData.SamplesData, "retail-rules.json"));
        var carts = File.ReadAllLines(Path.Combine(TestData.SamplesData, "carts.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(carts);
        var engine = PricingEngine.FromJson(rules);
        await using var app = await TestApp.StartAsync(rules);

        foreach (string cart in carts)
        {
            using var response = await app.QuoteAsync(cart);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Encoding.UTF8.GetBytes(engine.PriceJson(cart)), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Quote_with_the_test_rule_set_is_PriceJson_and_names_the_version()
    {
        string rules = TestData.Rules("v1");
        await using var app = await TestApp.StartAsync(rules);

        using var response = await app.QuoteAsync(TestData.Cart);

        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PricingEngine.FromJson(rules).PriceJson(TestData.Cart), body);
        Assert.StartsWith("""{"ruleSet":{"id":"aspnet-test","version":"v1"},""", body);
    }

    [Fact]
    public async Task A_body_without_content_type_is_read_as_JSON()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(TestData.Cart));

        using var response = await app.Client.PostAsync("/v1/quote", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));
        byte[] body = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(TestData.Cart)];

        using var response = await app.Client.PostAsync("/v1/quote", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_cart_is_400_problem_details_listing_every_error_with_its_path()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.QuoteAsync(TestData.InvalidCart);

        var problem = await ProblemJson.ReadAsync(response, 400);
        var errors = ProblemJson.Errors(problem);
        Assert.Equal(["$.currency", "$.lines[0].quantity", "$.lines[1].unitPrice"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal("cart", e.Document));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Equal("/v1/quote", problem.GetProperty("instance").GetString());
        Assert.False(problem.TryGetProperty("total", out _));   // no price, not even a partial one
    }

    [Theory]
    [InlineData("{\"currency\": \"CNY\", ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    public async Task Malformed_JSON_is_400_at_the_root(string body)
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.QuoteAsync(body);

        var problem = await ProblemJson.ReadAsync(response, 400);
        var errors = ProblemJson.Errors(problem);
        Assert.NotEmpty(errors);
        Assert.Equal("$", errors[0].Path);
        Assert.Equal("cart", errors[0].Document);
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_400()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.Client.PostAsync("/v1/quote", Json([0x7B, 0xFF, 0xFE, 0x7D]));

        var errors = ProblemJson.Errors(await ProblemJson.ReadAsync(response, 400));
        Assert.Equal(("cart", "$", "not valid UTF-8"), Assert.Single(errors));
    }

    [Fact]
    public async Task A_body_of_exactly_the_default_limit_is_priced_and_one_byte_more_is_413()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));
        byte[] cart = Encoding.UTF8.GetBytes(TestData.Cart);
        byte[] atLimit = Pad(cart, (int)PromoEngineOptions.DefaultMaxRequestBodySize);
        byte[] overLimit = Pad(cart, (int)PromoEngineOptions.DefaultMaxRequestBodySize + 1);

        using var ok = await app.Client.PostAsync("/v1/quote", Json(atLimit));
        using var tooLarge = await app.Client.PostAsync("/v1/quote", Json(overLimit));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var problem = await ProblemJson.ReadAsync(tooLarge, 413);
        Assert.Contains("1048576", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_oversized_body_without_Content_Length_is_413()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.MaxRequestBodySize = 1000);
        var content = new UnknownLengthContent(Pad(Encoding.UTF8.GetBytes(TestData.Cart), 5000));
        Assert.Null(content.Headers.ContentLength);

        using var response = await app.Client.PostAsync("/v1/quote", content);

        await ProblemJson.ReadAsync(response, 413);
    }

    [Fact]
    public async Task A_non_JSON_media_type_is_415()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.Client.PostAsync("/v1/quote", new StringContent(TestData.Cart, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Over_real_HTTP_on_Kestrel_quotes_match_and_oversized_bodies_are_413()
    {
        string rules = TestData.Rules("v1");
        await using var app = await TestApp.StartAsync(rules, o => o.MaxRequestBodySize = 2048, kestrel: true);
        Assert.StartsWith("http://127.0.0.1:", app.Client.BaseAddress!.ToString());

        using var quote = await app.QuoteAsync(TestData.Cart);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal(PricingEngine.FromJson(rules).PriceJson(TestData.Cart), await quote.Content.ReadAsStringAsync());

        byte[] big = Pad(Encoding.UTF8.GetBytes(TestData.Cart), 8192);
        using var withLength = await app.Client.PostAsync("/v1/quote", Json(big));
        await ProblemJson.ReadAsync(withLength, 413);

        using var withoutLength = await app.Client.PostAsync("/v1/quote", new UnknownLengthContent(big));
        await ProblemJson.ReadAsync(withoutLength, 413);
    }

    /// <summary>The JSON followed by spaces up to <paramref name="size"/> bytes.</summary>
    private static byte[] Pad(byte[] json, int size)
    {
        var padded = new byte[size];
        json.CopyTo(padded, 0);
        padded.AsSpan(json.Length).Fill((byte)' ');
        return padded;
    }

    /// <summary>A JSON body whose length is not known up front (sent chunked).</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _body;

        public UnknownLengthContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
