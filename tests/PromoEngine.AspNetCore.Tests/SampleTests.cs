using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>The OnlineCheckout sample, hosted in memory with its own configuration.</summary>
public sealed class SampleTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    // Each test class its own ledger: the sample's default ledger beside samples/data/retail-rules.json keeps
    // what earlier runs of the sample reserved, which would change these quotes.
    public SampleTests(WebApplicationFactory<Program> factory) => _factory = SampleLedger.Isolated(factory);

    [Fact]
    public async Task The_sample_serves_the_bundled_retail_rule_set_by_default()
    {
        using var client = _factory.CreateClient();
        string rulesPath = Path.Combine(TestData.SamplesData, "retail-rules.json");
        string cart = File.ReadAllText(Path.Combine(TestData.SamplesData, "cart-online.json"));

        var info = await client.GetFromJsonAsync<JsonElement>("/v1/ruleset");
        using var quote = await client.PostAsync("/v1/quote", new StringContent(cart, Encoding.UTF8, "application/json"));

        Assert.Equal(TestData.Sha256(File.ReadAllBytes(rulesPath)), info.GetProperty("sha256").GetString());
        Assert.Equal(PricingEngine.FromJson(File.ReadAllText(rulesPath)).PriceJson(cart), await quote.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_sample_ships_the_runtime_settings_its_measured_latency_depends_on()
    {
        // Copied beside the tests from the sample's build: what `dotnet run` and a publish of it use.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OnlineCheckout.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32()); // docs/benchmarks.md: p99 under load
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());         // docs/benchmarks.md: cold start
    }

    [Fact]
    public async Task The_sample_publishes_an_OpenAPI_document_of_the_endpoints()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var quote = paths.GetProperty("/v1/quote").GetProperty("post");
        Assert.True(quote.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal(["200", "400", "408", "413", "415", "429", "503"], quote.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.True(paths.GetProperty("/v1/validate").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/ruleset").TryGetProperty("get", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("RuleSetInfoResponse", out _));
    }

    [Fact]
    public async Task The_sample_takes_its_rule_set_path_from_configuration()
    {
        string file = Path.Combine(Path.GetTempPath(), $"promoengine-sample-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, TestData.Rules("configured"));
        try
        {
            await using var factory = _factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
                c.AddInMemoryCollection(new Dictionary<string, string?> { ["PromoEngine:RuleSetPath"] = file })));
            using var client = factory.CreateClient();

            var info = await client.GetFromJsonAsync<JsonElement>("/v1/ruleset");
            using var invalid = await client.PostAsync("/v1/quote", new StringContent("{}", Encoding.UTF8, "application/json"));

            Assert.Equal("configured", info.GetProperty("version").GetString());
            var problem = await ProblemJson.ReadAsync(invalid, 400);
            Assert.True(problem.TryGetProperty("traceId", out _));   // the sample's problem-details service
            Assert.Contains("$.lines", ProblemJson.Errors(problem).Select(e => e.Path));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_sample_redirects_the_root_to_the_OpenAPI_document()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/openapi/v1.json", response.Headers.Location?.ToString());
    }
}
