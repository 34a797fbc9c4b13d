using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>The service sends its first quotes to itself before it reports that it has started.</summary>
public sealed class WarmUpTests
{
    private const int WarmedUpEvent = 34;

    [Fact]
    public async Task A_service_on_Kestrel_quotes_itself_through_its_own_server_before_it_has_started()
    {
        var seen = new List<(HealthStatus Health, string? Description)>();
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), kestrel: true,
            group: v1 => v1.AddEndpointFilter(async (context, next) =>
            {
                // A request that arrives while the service starts: what does the health check say then?
                var report = await context.HttpContext.RequestServices.GetRequiredService<HealthCheckService>().CheckHealthAsync();
                var answer = await next(context);
                lock (seen) seen.Add((report.Status, report.Entries.Values.Single().Description));
                return answer;
            }));

        // Two rounds of the two warm-up carts, then one malformed cart; all before StartAsync returned.
        Assert.Equal(5, seen.Count);
        Assert.All(seen, s => Assert.Equal(HealthStatus.Unhealthy, s.Health));
        Assert.All(seen, s => Assert.StartsWith("Warming up", s.Description));
        var warmed = Assert.Single(app.Logs.Entries, e => e.EventId.Id == WarmedUpEvent);
        Assert.Equal(LogLevel.Information, warmed.Level);
        Assert.StartsWith("Warmed up: 5 quotes sent to http://127.0.0.1:", warmed.Message);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.Contains("ServiceWarmUp", StringComparison.Ordinal));

        using var health = await app.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_warm_up_quotes_price_and_the_malformed_one_is_refused()
    {
        var statuses = new List<int>();
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), kestrel: true,
            group: v1 => v1.AddEndpointFilter(async (context, next) =>
            {
                var answer = await next(context);
                lock (statuses) statuses.Add(answer is IStatusCodeHttpResult result ? result.StatusCode ?? 200 : 0);
                return answer;
            }));

        Assert.Equal([200, 200, 200, 200, 400], statuses);
    }

    [Fact]
    public async Task Switched_off_or_on_the_in_memory_server_nothing_is_sent_and_the_service_is_healthy()
    {
        await using var off = await TestApp.StartAsync(TestData.Rules("v1"), o => o.WarmUpOnStart = false, kestrel: true);
        await using var inMemory = await TestApp.StartAsync(TestData.Rules("v1"));

        foreach (var app in new[] { off, inMemory })
        {
            Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == WarmedUpEvent);
            using var health = await app.Client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task A_service_on_a_Unix_socket_only_starts_without_a_warm_up_and_says_so()
    {
        string directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pe-unix-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.json"), TestData.Rules("v1"));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = directory });
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.WebHost.UseKestrel(o => o.ListenUnixSocket(Path.Combine(directory, "s.sock")));
        builder.Configuration["PromoEngine:RuleSetPath"] = "rules.json";
        builder.Services.AddPromoEngine();
        var app = builder.Build();
        app.UsePromoEngine();
        app.MapPromoEngine();
        try
        {
            await app.StartAsync();

            // An HTTP client cannot call a Unix socket by URL ("http://unix:/…" would be looked up as a host named unix).
            var said = Assert.Single(logs.Entries, e => e.EventId.Id == 36);
            Assert.Contains("http://unix:", said.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, e => e.EventId.Id is WarmedUpEvent or 35);
            var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Status);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_rule_set_at_start_nothing_is_sent_and_the_health_check_says_why()
    {
        await using var app = await TestApp.StartAsync(null, kestrel: true);

        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Id == WarmedUpEvent);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal("No valid rule set is loaded.", report.Entries.Values.Single().Description);
    }
}
