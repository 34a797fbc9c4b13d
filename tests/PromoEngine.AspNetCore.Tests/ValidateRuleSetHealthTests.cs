using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

public sealed class ValidateRuleSetHealthTests
{
    [Fact]
    public async Task Validate_a_valid_rule_set_is_ok_with_id_and_version_and_does_not_serve_it()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.Client.PostAsync("/v1/validate", Json(TestData.Rules("v2")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok","id":"aspnet-test","version":"v2"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("v1", await app.RuleSetVersionAsync());
    }

    [Fact]
    public async Task Validate_an_invalid_rule_set_is_400_listing_every_error_with_its_path()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.Client.PostAsync("/v1/validate", Json(TestData.InvalidRules));

        var problem = await ProblemJson.ReadAsync(response, 400);
        var errors = ProblemJson.Errors(problem);
        Assert.Equal(["$.version", "$.promotions[0].percentOff", "$.promotions[1].id"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal("rules", e.Document));
        Assert.Equal("Invalid rule set", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Validate_malformed_JSON_is_400_and_an_oversized_rule_set_is_413()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.MaxRequestBodySize = 100);

        using var malformed = await app.Client.PostAsync("/v1/validate", Json("{"));
        using var oversized = await app.Client.PostAsync("/v1/validate", Json(TestData.Rules("v2")));

        Assert.Equal("$", ProblemJson.Errors(await ProblemJson.ReadAsync(malformed, 400))[0].Path);
        await ProblemJson.ReadAsync(oversized, 413);
    }

    [Fact]
    public async Task Validate_works_while_no_rule_set_is_served()
    {
        await using var app = await TestApp.StartAsync(null);

        using var response = await app.Client.PostAsync("/v1/validate", Json(TestData.Rules("v9")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ruleset_reports_id_version_file_hash_and_load_time()
    {
        var before = DateTimeOffset.UtcNow;
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));
        var after = DateTimeOffset.UtcNow;

        using var response = await app.Client.GetAsync("/v1/ruleset");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["id", "version", "sha256", "loadedAt", "lastError"], info.EnumerateObject().Select(p => p.Name));
        Assert.Equal("aspnet-test", info.GetProperty("id").GetString());
        Assert.Equal("v1", info.GetProperty("version").GetString());
        Assert.Equal(TestData.Sha256(File.ReadAllBytes(app.RulesPath)), info.GetProperty("sha256").GetString());
        var loadedAt = info.GetProperty("loadedAt").GetDateTimeOffset();
        Assert.InRange(loadedAt, before, after);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task Health_is_healthy_with_a_valid_rule_set()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));

        using var response = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_valid_rule_set_health_is_unhealthy_and_nothing_is_priced_until_one_is_written()
    {
        await using var app = await TestApp.StartAsync(TestData.InvalidRules);

        using (var health = await app.Client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        }
        using (var quote = await app.QuoteAsync(TestData.Cart))
        {
            var problem = await ProblemJson.ReadAsync(quote, 503);
            Assert.Contains("$.promotions[0].percentOff", ProblemJson.Errors(problem).Select(e => e.Path));
        }
        using (var ruleset = await app.Client.GetAsync("/v1/ruleset"))
        {
            await ProblemJson.ReadAsync(ruleset, 503);
        }
        Assert.Contains(app.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);

        await app.WriteRulesAsync(TestData.Rules("v1"));
        await app.WaitForVersionAsync("v1");

        using var healthy = await app.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        using var priced = await app.QuoteAsync(TestData.Cart);
        Assert.Equal(HttpStatusCode.OK, priced.StatusCode);
    }

    [Fact]
    public async Task A_missing_rule_set_file_is_unhealthy_until_it_appears()
    {
        await using var app = await TestApp.StartAsync(null);

        using (var health = await app.Client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("the rule-set file does not exist", Assert.Single(app.Manager.LastError!.Errors).Message);

        await app.WriteRulesAsync(TestData.Rules("v1"));
        await app.WaitForVersionAsync("v1");
        Assert.Null(app.Manager.LastError);
    }

    [Fact]
    public async Task Without_a_rule_set_path_the_application_does_not_start()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestApp.StartAsync(TestData.Rules("v1"), build: b => b.Configuration["PromoEngine:RuleSetPath"] = ""));

        Assert.Contains("PromoEngine:RuleSetPath", e.Message);
    }

    [Fact]
    public async Task The_rule_set_path_can_come_from_the_command_line()
    {
        string file = Path.Combine(Path.GetTempPath(), $"promoengine-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, TestData.Rules("from-args"));
        try
        {
            await using var app = await TestApp.StartAsync(null, args: [$"--PromoEngine:RuleSetPath={file}"]);
            Assert.Equal("from-args", await app.RuleSetVersionAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
