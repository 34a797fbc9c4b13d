using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>
/// Issue #11: a body that arrives too slowly or never completes (Content-Length: 1000, then one byte) is answered
/// 408 with problem details and logged in one line, never a 500 with a stack trace. Real Kestrel, raw sockets.
/// </summary>
public sealed class SlowBodyTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("/v1/quote")]
    [InlineData("/v1/validate")]
    [InlineData("/v1/returns")]
    [InlineData("/v1/orders")]
    [InlineData("/v1/orders/web-1/returns")]
    public async Task A_body_below_Kestrels_minimum_data_rate_is_408_in_one_log_line(string path)
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), kestrel: true,
            build: b => b.WebHost.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2))));

        var answer = await RawHttp.SendTruncatedAsync(app.Client.BaseAddress!, "POST", path, 1000, "{", ClientTimeout);

        AssertRequestTimeout(answer, path);
        AssertOneLineEach(app.Logs, 1);
    }

    [Fact]
    public async Task A_body_that_does_not_complete_within_the_request_timeout_is_408_in_one_log_line()
    {
        // Kestrel's data rate off: only the request timeout (PromoEngine:RequestTimeout) can end the wait.
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), o => o.RequestTimeout = TimeSpan.FromSeconds(1), kestrel: true,
            build: b => b.WebHost.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = null));

        var answer = await RawHttp.SendTruncatedAsync(app.Client.BaseAddress!, "POST", "/v1/quote", 1000, "{", ClientTimeout);

        AssertRequestTimeout(answer, "/v1/quote");
        Assert.Contains("request timeout", JsonDocument.Parse(answer.Body).RootElement.GetProperty("detail").GetString());
        AssertOneLineEach(app.Logs, 1);
    }

    [Fact]
    public async Task Many_slow_clients_at_once_get_408_each_and_one_log_line_each()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"), kestrel: true,
            build: b => b.WebHost.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2))));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            RawHttp.SendTruncatedAsync(app.Client.BaseAddress!, "POST", "/v1/quote", 1000, "{", ClientTimeout)));

        Assert.All(answers, a => AssertRequestTimeout(a, "/v1/quote"));
        AssertOneLineEach(app.Logs, 20);
    }

    [Fact]
    public async Task The_sample_on_Kestrel_answers_a_slow_body_408_not_500()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = SampleLedger.Isolated(new WebApplicationFactory<Program>()).WithWebHostBuilder(b => b
            .ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2)))
            .ConfigureLogging(l => l.AddProvider(logs)));
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

        var answer = await RawHttp.SendTruncatedAsync(address, "POST", "/v1/quote", 1000, "{", ClientTimeout);

        AssertRequestTimeout(answer, "/v1/quote");
        Assert.True(JsonDocument.Parse(answer.Body).RootElement.TryGetProperty("traceId", out _));   // the sample's problem-details service
        AssertOneLineEach(logs, 1);
    }

    private static void AssertRequestTimeout(RawHttp.Answer answer, string path)
    {
        Assert.Equal(408, answer.Status);
        Assert.StartsWith("application/problem+json", answer.Headers["content-type"]);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(408, problem.GetProperty("status").GetInt32());
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    /// <summary>
    /// One line per slow request from the adapter (event 40) and nothing else about it at Information or above: no
    /// exception logged by anyone, no warning or error.
    /// </summary>
    private static void AssertOneLineEach(CapturingLoggerProvider logs, int requests)
    {
        var entries = logs.Entries.ToArray();
        Assert.Equal(requests, entries.Count(e => e.EventId.Id == 40 && e.Category.StartsWith("PromoEngine", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Exception is not null && e.Level >= LogLevel.Information);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning && e.EventId.Id != 42);   // 42: the start-up note that no API key is set
    }
}
