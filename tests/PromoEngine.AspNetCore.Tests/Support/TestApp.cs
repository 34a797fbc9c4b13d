using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PromoEngine.AspNetCore.Tests.Support;

/// <summary>
/// A web application with the PromoEngine endpoints, served by the in-memory test server or by Kestrel
/// on 127.0.0.1 (port 0), with its rule set in a file of its own temporary directory.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string RulesFileName = "rules.json";

    private readonly WebApplication _app;

    private TestApp(WebApplication app, string directory, HttpClient client, CapturingLoggerProvider logs)
    {
        _app = app;
        Directory = directory;
        Client = client;
        Logs = logs;
    }

    /// <summary>The content root, holding <see cref="RulesFileName"/>.</summary>
    public string Directory { get; }

    public string RulesPath => Path.Combine(Directory, RulesFileName);

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public RuleSetManager Manager => _app.Services.GetRequiredService<RuleSetManager>();

    /// <summary>Starts an application whose rule-set file initially holds <paramref name="rulesJson"/> (none when null).</summary>
    public static async Task<TestApp> StartAsync(string? rulesJson, Action<PromoEngineOptions>? configure = null,
        bool kestrel = false, Action<WebApplicationBuilder>? build = null, string[]? args = null, Action<Microsoft.AspNetCore.Routing.RouteGroupBuilder>? group = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "promoengine-aspnet-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (rulesJson is not null) await File.WriteAllTextAsync(Path.Combine(directory, RulesFileName), rulesJson);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = directory, Args = args ?? [] });
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (kestrel) builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseTestServer();
        if (args is null) builder.Configuration["PromoEngine:RuleSetPath"] = RulesFileName;   // relative: to the content root

        builder.Services.AddPromoEngine(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.ChangeDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });
        build?.Invoke(builder);

        var app = builder.Build();
        try
        {
            app.UsePromoEngine();
            var v1 = app.MapPromoEngine();
            group?.Invoke(v1);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        HttpClient client;
        if (kestrel)
        {
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        }
        else
        {
            client = app.GetTestClient();
            client.Timeout = TimeSpan.FromSeconds(30);
        }
        return new TestApp(app, directory, client, logs);
    }

    /// <summary>Replaces the rule-set file (plain overwrite, as an editor would).</summary>
    public Task WriteRulesAsync(string json) => File.WriteAllTextAsync(RulesPath, json);

    public async Task<string> RuleSetVersionAsync()
    {
        using var response = await Client.GetAsync("/v1/ruleset");
        if (!response.IsSuccessStatusCode) return "";
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("version").GetString()!;
    }

    public Task<HttpResponseMessage> QuoteAsync(string cartJson) =>
        Client.PostAsync("/v1/quote", new StringContent(cartJson, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Polls until the served version is <paramref name="version"/>.</summary>
    public Task WaitForVersionAsync(string version) =>
        Wait.UntilAsync(async () => await RuleSetVersionAsync() == version, $"rule set version {version} to be served");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds; fails after <see cref="Timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);
}

internal static class ProblemJson
{
    /// <summary>Reads a problem-details response, checking its media type and status.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The <c>code</c> of each member of <c>errors</c>.</summary>
    public static List<string> Codes(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    /// <summary>The <c>errors</c> member as (document, path, message) triples.</summary>
    public static List<(string Document, string Path, string Message)> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("document").GetString()!, e.GetProperty("path").GetString()!, e.GetProperty("message").GetString()!))
            .ToList();
}
