using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromoEngine.AspNetCore;

namespace PromoEngine.Parity.Tests;

/// <summary>
/// The online adapter as a shop runs it: <c>AddPromoEngine</c> + <c>MapPromoEngine</c> on Kestrel at
/// 127.0.0.1 (port 0), serving the rule set in a file of its own temporary directory. A new rule set is
/// swapped in through that watched file, and <see cref="UseRulesAsync"/> returns once
/// <c>GET /v1/ruleset</c> reports the new file's SHA-256.
/// </summary>
internal sealed class QuoteServer : IAsyncDisposable
{
    private const string RulesFileName = "rules.json";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly HttpClient _client;

    private QuoteServer(WebApplication app, string directory, HttpClient client)
    {
        _app = app;
        _directory = directory;
        _client = client;
    }

    private string RulesPath => Path.Combine(_directory, RulesFileName);

    /// <summary>Starts a server whose rule-set file holds <paramref name="rulesJson"/>; its logs go to <paramref name="logs"/> when given.</summary>
    public static async Task<QuoteServer> StartAsync(string rulesJson, ILoggerProvider? logs = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "promoengine-parity-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, RulesFileName), rulesJson);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = directory, Args = [] });
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddPromoEngine(o =>
        {
            o.RuleSetPath = Path.Combine(directory, RulesFileName);
            o.PollInterval = TimeSpan.FromMilliseconds(50);   // in case a watcher event is missed
            o.ChangeDelay = TimeSpan.FromMilliseconds(5);
        });
        var app = builder.Build();
        app.MapPromoEngine();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        var server = new QuoteServer(app, directory, client);
        await server.WaitForAsync(Sha256(rulesJson));
        return server;
    }

    /// <summary>Replaces the rule-set file (write a sibling, then rename over it) and waits until it is served.</summary>
    public async Task UseRulesAsync(string rulesJson)
    {
        string staging = Path.Combine(_directory, "rules.next");
        await File.WriteAllTextAsync(staging, rulesJson);
        File.Move(staging, RulesPath, overwrite: true);
        await WaitForAsync(Sha256(rulesJson));
    }

    /// <summary>POSTs <paramref name="cartJson"/> to <c>/v1/quote</c>; the status and the body's bytes.</summary>
    public async Task<(int Status, byte[] Body)> QuoteAsync(string cartJson)
    {
        using var content = new StringContent(cartJson, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/v1/quote", content);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>POSTs <paramref name="body"/>'s bytes, as they are, as JSON to <paramref name="path"/>; the status and the body.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task WaitForAsync(string sha256)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string last = "";
        while (true)
        {
            using (var response = await _client.GetAsync("/v1/ruleset"))
            {
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(last);
                    if (doc.RootElement.GetProperty("sha256").GetString() == sha256) return;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the server never served the rule set with SHA-256 {sha256}; GET /v1/ruleset: {last}");
            await Task.Delay(10);
        }
    }

    private static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
