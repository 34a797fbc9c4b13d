using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using PromoEngine.AspNetCore.Tests.Support;
using PromoEngine.Returns;

namespace PromoEngine.AspNetCore.Tests;

public sealed class ReturnsEndpointTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    // Each test class its own ledger: the sample's default ledger beside samples/data/retail-rules.json keeps
    // what earlier runs of the sample reserved, which would change these quotes.
    public ReturnsEndpointTests(WebApplicationFactory<Program> factory) => _factory = SampleLedger.Isolated(factory);

    private static string Rules => File.ReadAllText(Path.Combine(TestData.SamplesData, "retail-rules.json"));

    private static string OnlineCart => File.ReadAllText(Path.Combine(TestData.SamplesData, "cart-online.json"));

    private static Task<HttpResponseMessage> PostAsync(TestApp app, string body, string mediaType = "application/json") =>
        app.Client.PostAsync("/v1/returns", new StringContent(body, Encoding.UTF8, mediaType));

    private static string Body(string result, string returns) => $$"""{ "result": {{result}}, "returns": {{returns}} }""";

    [Fact]
    public async Task A_quoted_order_returns_exactly_what_the_library_gives()
    {
        await using var app = await TestApp.StartAsync(Rules);
        using var quote = await app.QuoteAsync(OnlineCart);
        string result = await quote.Content.ReadAsStringAsync();
        const string returns = """{ "previous": [{ "line": "L4", "quantity": 1 }], "now": [{ "line": "L2", "quantity": 1 }, { "line": "L4", "quantity": 1 }] }""";

        using var response = await PostAsync(app, Body(result, returns));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(ReturnPricing.PriceJson(result, returns), body);
        var node = JsonNode.Parse(body)!;
        Assert.Equal(["L2", "L4"], node["lines"]!.AsArray().Select(l => (string)l!["id"]!));
        Assert.True((decimal)node["refund"]! > 0);
        Assert.False((bool)node["fullReturn"]!);
    }

    [Fact]
    public async Task Returning_every_line_is_a_full_return_that_gives_back_the_coupons_and_usage()
    {
        await using var app = await TestApp.StartAsync(Rules);
        using var quote = await app.QuoteAsync(OnlineCart);
        string result = await quote.Content.ReadAsStringAsync();
        var lines = JsonNode.Parse(result)!["lines"]!.AsArray();
        string returns = new JsonObject
        {
            ["now"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject { ["line"] = (string)l!["id"]!, ["quantity"] = (long)l["quantity"]! }).ToArray()),
        }.ToJsonString();

        using var response = await PostAsync(app, Body(result, returns));

        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)node["fullReturn"]!);
        Assert.Equal((decimal)JsonNode.Parse(result)!["payable"]!, (decimal)node["refund"]!);
        Assert.Equal(JsonNode.Parse(result)!["usage"]!.ToJsonString(), node["usageReleased"]!.ToJsonString());
        Assert.NotEmpty(node["couponsRestored"]!.AsArray());
    }

    [Fact]
    public async Task Returns_are_stateless_and_priced_while_no_rule_set_is_loaded()
    {
        string result = PricingEngine.FromJson(Rules).PriceJson(OnlineCart);
        await using var app = await TestApp.StartAsync(rulesJson: null);
        using var quote = await app.QuoteAsync(OnlineCart);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, quote.StatusCode);

        using var response = await PostAsync(app, Body(result, """{ "now": [{ "line": "L1", "quantity": 1 }] }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_returns_are_400_with_every_error_at_its_path()
    {
        string result = PricingEngine.FromJson(Rules).PriceJson(OnlineCart);
        await using var app = await TestApp.StartAsync(Rules);

        using var response = await PostAsync(app, Body(result, """{ "previous": [{ "line": "L9", "quantity": 1 }], "now": [{ "line": "L1", "quantity": 0 }, { "line": "L1", "quantity": 1 }], "why": "x" }"""));

        var problem = await ProblemJson.ReadAsync(response, 400);
        var errors = ProblemJson.Errors(problem);
        Assert.Equal(["$.why", "$.previous[0].line", "$.now[0].quantity", "$.now[1].line"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal("returns", e.Document));
        Assert.Equal("/v1/returns", problem.GetProperty("instance").GetString());
        Assert.Equal("Invalid return", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("refund", out _));
    }

    [Fact]
    public async Task A_broken_result_is_400_at_the_root_of_the_result_and_the_returns_are_not_checked()
    {
        var result = JsonNode.Parse(PricingEngine.FromJson(Rules).PriceJson(OnlineCart))!.AsObject();
        result.Remove("funding");
        result["payable"] = 1;
        await using var app = await TestApp.StartAsync(Rules);

        using var response = await PostAsync(app, Body(result.ToJsonString(), """{ "now": [] }"""));

        var errors = ProblemJson.Errors(await ProblemJson.ReadAsync(response, 400));
        Assert.All(errors, e => Assert.Equal(("result", "$"), (e.Document, e.Path)));
        Assert.Contains(errors, e => e.Message.StartsWith("$.funding: missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("$.payable: 1.00 is not", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "returns": { "now": [] } }""", "$.result")]
    [InlineData("""{ "result": {} }""", "$.returns")]
    [InlineData("""{ "result": {}, "returns": {}, "order": 1 }""", "$.order")]
    [InlineData("""{ "result": {}, "returns": {}, "result": {} }""", "$.result")]
    [InlineData("""[]""", "$")]
    [InlineData("""{ "result": """, "$")]
    [InlineData("", "$")]
    public async Task The_envelope_is_checked_before_anything_inside_it(string body, string path)
    {
        await using var app = await TestApp.StartAsync(Rules);

        using var response = await PostAsync(app, body);

        var errors = ProblemJson.Errors(await ProblemJson.ReadAsync(response, 400));
        Assert.Contains(errors, e => e.Document == "request" && e.Path == path);
        Assert.All(errors, e => Assert.Equal("request", e.Document));
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_400()
    {
        await using var app = await TestApp.StartAsync(Rules);
        var content = new ByteArrayContent([0x7B, 0xFF, 0x7D]);
        content.Headers.ContentType = new("application/json");

        using var response = await app.Client.PostAsync("/v1/returns", content);

        Assert.Equal(("request", "$", "not valid UTF-8"), Assert.Single(ProblemJson.Errors(await ProblemJson.ReadAsync(response, 400))));
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_a_non_JSON_media_type_415()
    {
        await using var app = await TestApp.StartAsync(Rules, o => o.MaxRequestBodySize = 1000);
        string result = PricingEngine.FromJson(Rules).PriceJson(OnlineCart);

        using var large = await PostAsync(app, Body(result, """{ "now": [{ "line": "L1", "quantity": 1 }] }"""));
        using var text = await PostAsync(app, "{}", "text/plain");

        await ProblemJson.ReadAsync(large, 413);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_returns_endpoint()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var returns = document.GetProperty("paths").GetProperty("/v1/returns").GetProperty("post");
        Assert.Equal("PromoEngineReturn", returns.GetProperty("operationId").GetString());
        Assert.Contains("§13", returns.GetProperty("description").GetString());
        Assert.True(returns.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal(["200", "400", "408", "413", "415", "429", "503"], returns.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Equal("#/components/schemas/ReturnRequest", returns.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }
}
