using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>
/// Issue #11: an OpenAPI document a client generator can use: full schemas of every body, every status an endpoint
/// can answer, /health, served only where configured; and the real documents the service sends fit its schemas.
/// </summary>
public sealed class OpenApiTests
{
    private const string Path = "/openapi/v1.json";

    private static Task<TestApp> StartAsync(string rules, Action<PromoEngineOptions>? configure = null) =>
        TestApp.StartAsync(rules, o =>
        {
            o.OpenApiPath = Path;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task The_document_is_served_only_where_configured()
    {
        await using var without = await TestApp.StartAsync(TestData.Rules("v1"));
        await using var with = await StartAsync(TestData.Rules("v1"));
        await using var yaml = await TestApp.StartAsync(TestData.Rules("v1"), o => o.OpenApiPath = "/api/promo.yaml");

        using var none = await without.Client.GetAsync(Path);
        using var json = await with.Client.GetAsync(Path);
        using var yamlAnswer = await yaml.Client.GetAsync("/api/promo.yaml");

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("openapi: '3.1", await yamlAnswer.Content.ReadAsStringAsync());
    }

    /// <summary>Every endpoint and the statuses it can answer.</summary>
    public static TheoryData<string, string, string> Statuses => new()
    {
        { "/v1/quote", "post", "200 400 408 413 415 429 503" },
        { "/v1/validate", "post", "200 400 401 408 413 415 429 503" },
        { "/v1/ruleset", "get", "200 401 429 503" },
        { "/v1/returns", "post", "200 400 408 413 415 429 503" },
        { "/v1/orders", "post", "201 400 408 409 413 415 422 429 503" },
        { "/v1/orders/{orderId}", "get", "200 400 401 404 429 503" },
        { "/v1/orders/{orderId}/commit", "post", "200 400 401 404 409 429 503" },
        { "/v1/orders/{orderId}/release", "post", "200 400 401 404 409 429 503" },
        { "/v1/orders/{orderId}/cancel", "post", "200 400 401 404 409 429 503" },
        { "/v1/orders/{orderId}/returns", "post", "200 400 401 404 408 409 413 415 422 429 503" },
        { "/health", "get", "200 503" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_endpoint_lists_every_status_it_can_answer_with_its_schema(string path, string method, string statuses)
    {
        await using var app = await StartAsync(TestData.Rules("v1"));
        var document = await app.Client.GetFromJsonAsync<JsonElement>(Path);

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");

        Assert.Equal(statuses.Split(' '), responses.EnumerateObject().Select(r => r.Name));
        foreach (var response in responses.EnumerateObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(response.Value.GetProperty("description").GetString()));
            if (response.Name is "415") continue;   // answered by routing, without a body
            var content = response.Value.GetProperty("content").EnumerateObject().Single();
            Assert.True(content.Value.TryGetProperty("schema", out var schema), $"{path} {response.Name} has no schema");
            if (path == "/v1/orders" && response.Name == "409")
            {
                Assert.Equal("#/components/schemas/OrderConflict", schema.GetProperty("$ref").GetString());   // the fresh quote, not a problem
            }
            else if (response.Name[0] is '4' or '5' && path != "/health")
            {
                Assert.Equal("application/problem+json", content.Name);
                Assert.Equal("#/components/schemas/Problem", schema.GetProperty("$ref").GetString());
            }
            else if (path != "/health")
            {
                Assert.True(schema.TryGetProperty("$ref", out _), $"{path} {response.Name}: a named schema");
            }
        }
        bool keyed = operation.TryGetProperty("security", out var security);
        Assert.Equal(statuses.Contains("401", StringComparison.Ordinal), keyed);
        if (keyed) Assert.True(security[0].TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task The_schemas_describe_the_cart_the_result_returns_orders_and_problems()
    {
        await using var app = await StartAsync(TestData.Rules("v1"));
        var document = await app.Client.GetFromJsonAsync<JsonElement>(Path);
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (string name in (string[])["Cart", "PricingResult", "ReturnRequest", "ReturnResult", "OrderRequest", "OrderReserved",
                     "OrderConflict", "Order", "OrderReturnRequest", "OrderTransition", "Problem", "ProblemError", "RuleSet"])
            Assert.True(schemas.TryGetProperty(name, out _), name);
        Assert.Equal(["currency", "channel", "at", "lines"], Required(schemas, "Cart"));
        Assert.Equal(["document", "path", "message", "code"], Required(schemas, "ProblemError"));
        Assert.Equal("#/components/schemas/ProblemError", schemas.GetProperty("Problem").GetProperty("properties").GetProperty("errors").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal(["exact", "bounded"], schemas.GetProperty("CouponChoice").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // Money is an exact decimal number, never a string; usePoints a whole number or "max".
        var unitPrice = schemas.GetProperty("CartLine").GetProperty("properties").GetProperty("unitPrice");
        Assert.Equal(("number", "decimal"), (unitPrice.GetProperty("type").GetString(), unitPrice.GetProperty("format").GetString()));
        Assert.Equal(2, schemas.GetProperty("PointsToUse").GetProperty("oneOf").GetArrayLength());
        Assert.Equal("apiKey", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("type").GetString());
    }

    private static string[] Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToArray();

    [Fact]
    public async Task What_the_service_sends_and_takes_fits_the_schemas()
    {
        string rules = File.ReadAllText(System.IO.Path.Combine(TestData.SamplesData, "retail-rules.json"));
        await using var app = await StartAsync(rules);
        var document = await app.Client.GetFromJsonAsync<JsonElement>(Path);
        var schema = new SchemaCheck(document);
        var failures = new List<string>();
        void Check(string schemaName, string json, string what) => failures.AddRange(schema.Check(schemaName, json).Select(f => $"{what}: {f}"));

        var carts = new List<string> { TestData.Cart };
        foreach (string file in (string[])["cart-online.json", "cart-store.json", "cart-guest.json"])
            carts.Add(File.ReadAllText(System.IO.Path.Combine(TestData.SamplesData, file)));
        carts.AddRange(File.ReadAllLines(System.IO.Path.Combine(TestData.SamplesData, "carts.jsonl")).Where(l => l.Trim().Length > 0));
        int n = 0;
        foreach (string cart in carts)
        {
            Check("Cart", cart, $"cart {n}");
            using var quote = await app.QuoteAsync(cart);
            string result = await quote.Content.ReadAsStringAsync();
            if (quote.StatusCode != HttpStatusCode.OK) { Check("Problem", result, $"problem {n}"); n++; continue; }
            Check("PricingResult", result, $"result {n}");

            // A full return of each order, placed, committed and returned through the ledger.
            string order = $$"""{ "orderId": "o-{{n}}", "cart": {{cart}} }""";
            Check("OrderRequest", order, $"order request {n}");
            using var placed = await app.Client.PostAsync("/v1/orders", new StringContent(order, Encoding.UTF8, "application/json"));
            string placedBody = await placed.Content.ReadAsStringAsync();
            Check(placed.StatusCode == HttpStatusCode.Created ? "OrderReserved" : "OrderConflict", placedBody, $"placed {n}");
            if (placed.StatusCode != HttpStatusCode.Created) { n++; continue; }
            using var commit = await app.Client.PostAsync($"/v1/orders/o-{n}/commit", null);
            Check("OrderTransition", await commit.Content.ReadAsStringAsync(), $"commit {n}");
            var lines = JsonDocument.Parse(result).RootElement.GetProperty("lines").EnumerateArray()
                .Select(l => $$"""{ "line": "{{l.GetProperty("id").GetString()}}", "quantity": {{l.GetProperty("quantity").GetInt64()}} }""");
            string returnRequest = $$"""{ "returnId": "r-{{n}}", "now": [{{string.Join(",", lines)}}] }""";
            Check("OrderReturnRequest", returnRequest, $"return request {n}");
            using var returned = await app.Client.PostAsync($"/v1/orders/o-{n}/returns", new StringContent(returnRequest, Encoding.UTF8, "application/json"));
            Check("ReturnResult", await returned.Content.ReadAsStringAsync(), $"return {n}");
            Check("Order", await app.Client.GetStringAsync($"/v1/orders/o-{n}"), $"order {n}");

            string stateless = $$"""{ "result": {{result}}, "returns": { "now": [{{string.Join(",", lines)}}] } }""";
            Check("ReturnRequest", stateless, $"stateless return request {n}");
            n++;
        }
        using var invalid = await app.QuoteAsync(TestData.InvalidCart);
        Check("Problem", await invalid.Content.ReadAsStringAsync(), "invalid cart");
        Check("RuleSetInfoResponse", await app.Client.GetStringAsync("/v1/ruleset"), "ruleset");

        Assert.True(n >= 10, $"only {n} carts");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_checker_finds_what_does_not_fit()
    {
        await using var app = await StartAsync(TestData.Rules("v1"));
        var schema = new SchemaCheck(await app.Client.GetFromJsonAsync<JsonElement>(Path));

        var failures = schema.Check("Cart", """{ "currency": "CNY", "channel": "web", "at": "x", "lines": [{ "id": "L1", "sku": "A", "unitPrice": "1", "quantity": 1, "colour": "red" }] }""");

        Assert.Contains(failures, f => f.Contains("$.channel", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("$.lines[0].unitPrice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("$.lines[0].colour", StringComparison.Ordinal));
        Assert.Contains(schema.Check("Cart", """{ "currency": "CNY" }"""), f => f.Contains("lines", StringComparison.Ordinal));
    }

    /// <summary>
    /// Enough of JSON Schema to check documents against the OpenAPI document's: $ref, type, enum, oneOf, properties
    /// (no others unless additionalProperties), required, items, additionalProperties.
    /// </summary>
    private sealed class SchemaCheck(JsonElement document)
    {
        private readonly JsonElement _schemas = document.GetProperty("components").GetProperty("schemas");

        public List<string> Check(string name, string json)
        {
            var failures = new List<string>();
            Check(_schemas.GetProperty(name), JsonDocument.Parse(json).RootElement, "$", failures);
            return failures;
        }

        private void Check(JsonElement schema, JsonElement value, string path, List<string> failures)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = _schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
            }
            if (schema.TryGetProperty("oneOf", out var oneOf))
            {
                int fits = oneOf.EnumerateArray().Count(option =>
                {
                    var trial = new List<string>();
                    Check(option, value, path, trial);
                    return trial.Count == 0;
                });
                if (fits != 1) failures.Add($"{path}: fits {fits} of the oneOf options");
                return;
            }
            if (schema.TryGetProperty("type", out var type))
            {
                var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
                if (!types.Any(t => Fits(t, value))) { failures.Add($"{path}: {value.ValueKind} is not {string.Join("|", types)}"); return; }
            }
            if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
                failures.Add($"{path}: {value} is not one of {values}");
            if (value.ValueKind == JsonValueKind.Object)
            {
                bool others = schema.TryGetProperty("additionalProperties", out var additional);
                schema.TryGetProperty("properties", out var properties);
                foreach (var property in value.EnumerateObject())
                {
                    string at = $"{path}.{property.Name}";
                    if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                        Check(propertySchema, property.Value, at, failures);
                    else if (others && additional.ValueKind == JsonValueKind.Object) Check(additional, property.Value, at, failures);
                    else if (!(others && additional.ValueKind == JsonValueKind.True)) failures.Add($"{at}: not in the schema");
                }
                if (schema.TryGetProperty("required", out var required))
                    foreach (var name in required.EnumerateArray())
                        if (!value.TryGetProperty(name.GetString()!, out _)) failures.Add($"{path}: {name.GetString()} is required");
            }
            if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            {
                int i = 0;
                foreach (var item in value.EnumerateArray()) Check(items, item, $"{path}[{i++}]", failures);
            }
        }

        private static bool Fits(string type, JsonElement value) => type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => false,
        };
    }
}
