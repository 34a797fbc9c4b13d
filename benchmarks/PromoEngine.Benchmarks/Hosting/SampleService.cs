using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace PromoEngine.Benchmarks.Hosting;

/// <summary>
/// The OnlineCheckout sample, started as its own process on a free loopback port with a given rule-set
/// file (<c>dotnet OnlineCheckout.dll --urls http://127.0.0.1:PORT --PromoEngine:RuleSetPath=FILE</c>).
/// Disposing it ends the process.
/// </summary>
public sealed class SampleService : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private SampleService(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
    }

    public Uri BaseAddress { get; }

    /// <summary>From starting the process to the first healthy answer of <c>/health</c> (the rule set is loaded).</summary>
    public TimeSpan StartedIn { get; private set; }

    public int ProcessId => _process.Id;

    /// <summary>CPU time the service has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// CPU time of the service's live threads in nanoseconds, from /proc/PID/task/*/schedstat (Linux; null
    /// elsewhere): precise enough to charge one request, where <see cref="CpuTime"/> counts in 10 ms ticks.
    /// </summary>
    public long? CpuNanos()
    {
        try
        {
            long sum = 0;
            foreach (string task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
            {
                try { sum += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture); }
                catch (IOException) { } // the thread ended meanwhile
            }
            return sum;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    /// <summary>What the service printed last (its log), for a failure message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>How many lines the service has printed so far that contain <paramref name="text"/>.</summary>
    public int CountOutputLines(string text) => _output.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>
    /// Starts the sample and waits until <c>/health</c> answers 200 (the rule set is loaded), polling every
    /// few milliseconds as a load balancer's health check would. <paramref name="client"/> does the polling,
    /// so its connection is open and warm when the caller sends its first quote.
    /// </summary>
    public static SampleService Start(string ruleSetPath, HttpClient client, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? pollInterval = null, string? assembly = null)
    {
        int port = Repository.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Polling stays the sample's 5 s; the file watcher sees every rewrite.
            ["Logging__LogLevel__Default"] = "Warning",
            // The sample limits each client address to 5,000 requests a second; every load client here is
            // 127.0.0.1, so the limiter would answer 429 for what the service itself could price.
            ["PromoEngine__RateLimit__PermitsPerSecond"] = "0",
            ["Logging__LogLevel__PromoEngine"] = "Information",
        };
        if (environment is not null) foreach (var (k, v) in environment) env[k] = v;
        string dll = assembly ?? Repository.OnlineCheckout;
        var clock = Stopwatch.StartNew();
        var queue = new ConcurrentQueue<string>();
        var process = ChildProcess.Start("dotnet", [dll, "--urls", baseAddress.ToString().TrimEnd('/'), $"--PromoEngine:RuleSetPath={ruleSetPath}"],
            Path.GetDirectoryName(dll), env, line => queue.Enqueue(line));
        var service = new SampleService(process, baseAddress, queue);
        try
        {
            var poll = pollInterval ?? TimeSpan.FromMilliseconds(2);
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"the sample service exited with {process.ExitCode}:\n{string.Join('\n', queue)}");
                if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"the sample service was not healthy within 60 s:\n{string.Join('\n', queue)}");
                try
                {
                    using var response = client.GetAsync(new Uri(baseAddress, "/health")).GetAwaiter().GetResult();
                    if (response.StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { } // not listening yet
                Thread.Sleep(poll);
            }
            service.StartedIn = clock.Elapsed;
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>An HTTP client for loopback measurements: no proxy, keep-alive, up to <paramref name="connections"/> connections.</summary>
    public static HttpClient Client(int connections = 64) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>POSTs a cart to <c>/v1/quote</c>; returns the status code and the body's length.</summary>
    public static async Task<(HttpStatusCode Status, int Length)> QuoteAsync(HttpClient client, Uri quoteUri, byte[] cartJson)
    {
        using var content = new ByteArrayContent(cartJson);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(quoteUri, content).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return (response.StatusCode, body.Length);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        ChildProcess.Stop(_process);
        _process.Dispose();
    }
}
