using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Once the server listens, sends the rule set's warm-up carts (<see cref="PricingEngine.WarmUpCartsJson"/>) to
/// the service's own <c>/v1/quote</c> through its own server, and one malformed cart, before the host reports
/// that it has started. The engine is already warm (<see cref="RuleSetManager"/> warms every rule set it loads);
/// what this warms is everything else a first quote runs for the first time — the connection, Kestrel's HTTP
/// parsing, routing, the middleware, the endpoint, the ledger read and the problem details of a refusal — so that
/// the first shopper after a deploy or a scale-out does not pay for compiling it. The health check answers
/// "warming up" (503) meanwhile, so a load balancer sends no traffic before it is done.
/// </summary>
/// <remarks>
/// Only a real request through the real server warms all of that, hence a request to itself. Nothing is sent
/// when the server reports no address (the in-memory test server), listens only on Unix sockets or named pipes
/// (said once in the log), or no rule set is loaded at start; a failure is logged and never stops the service.
/// </remarks>
internal sealed partial class ServiceWarmUp(IServer server, RuleSetManager manager, LinkGenerator links,
    IOptions<PromoEngineOptions> options, ILogger<ServiceWarmUp> logger) : IHostedLifecycleService
{
    /// <summary>How many times each warm-up cart is sent.</summary>
    private const int Rounds = 2;

    /// <summary>The warm-up gives up after this long; the service starts either way.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private volatile bool _warming = options.Value.WarmUpOnStart;

    /// <summary>Whether the warm-up has not finished yet (the health check reports it).</summary>
    public bool Warming => _warming;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_warming || manager.Current is not { } snapshot) return;
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (addresses.Count == 0) return; // a server without addresses (the in-memory test server) cannot be called
            if (QuoteAddress(addresses) is { } quote) await WarmUpAsync(snapshot.Engine, quote, cancellationToken).ConfigureAwait(false);
            else LogNoAddress(logger, string.Join(", ", addresses));
        }
        finally
        {
            _warming = false;
        }
    }

    private async Task WarmUpAsync(PricingEngine engine, Uri quote, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        // The service talks to itself with made-up carts and throws the answers away: its own certificate needs no check.
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true } });
        int sent = 0;
        try
        {
            var carts = engine.WarmUpCartsJson();
            for (int round = 0; round < Rounds; round++)
            {
                foreach (string cart in carts)
                {
                    await SendAsync(client, quote, cart, HttpStatusCode.OK, timeout.Token).ConfigureAwait(false);
                    sent++;
                }
            }
            await SendAsync(client, quote, "{", HttpStatusCode.BadRequest, timeout.Token).ConfigureAwait(false);
            sent++;
            LogWarmedUp(logger, sent, quote, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or UnexpectedStatusException
                                  && !cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(logger, quote, sent, e.Message);
        }
    }

    private static async Task SendAsync(HttpClient client, Uri quote, string body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(quote, content, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != expected)
            throw new UnexpectedStatusException($"{body.Length}-character cart answered {(int)response.StatusCode}, not {(int)expected}");
    }

    /// <summary>
    /// The quote endpoint at the first TCP address the server listens on (http preferred), reachable from this
    /// machine; none for Unix sockets and named pipes, which an HTTP client cannot call by URL.
    /// </summary>
    private Uri? QuoteAddress(ICollection<string> addresses)
    {
        string? path = links.GetPathByName(PromoEngineEndpointRouteBuilderExtensions.QuoteEndpointName);
        if (path is null) return null;
        Uri? best = null;
        foreach (string address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) continue;
            if (address.Contains("://unix:", StringComparison.Ordinal) || address.Contains("://pipe:", StringComparison.Ordinal)) continue;
            if (best is null || (uri.Scheme == "http" && best.Scheme == "https")) best = uri;
        }
        if (best is null) return null;
        // A server listening on every interface is reached on loopback.
        string host = best.Host switch
        {
            "0.0.0.0" or "*" or "+" => "127.0.0.1",
            "[::]" => "[::1]",
            var h => h,
        };
        return new UriBuilder(best.Scheme, host, best.Port, path).Uri;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class UnexpectedStatusException(string message) : Exception(message);

    [LoggerMessage(EventId = 34, Level = LogLevel.Information,
        Message = "Warmed up: {Count} quotes sent to {Address} in {Milliseconds:F0} ms")]
    private static partial void LogWarmedUp(ILogger logger, int count, Uri address, double milliseconds);

    [LoggerMessage(EventId = 36, Level = LogLevel.Information,
        Message = "No warm-up: the server listens on no TCP address ({Addresses}); the first quotes will be slower")]
    private static partial void LogNoAddress(ILogger logger, string addresses);

    [LoggerMessage(EventId = 35, Level = LogLevel.Warning,
        Message = "The warm-up through {Address} stopped after {Count} quotes ({Reason}); the service starts anyway, and its first quotes will be slower")]
    private static partial void LogWarmUpFailed(ILogger logger, Uri address, int count, string reason);
}
