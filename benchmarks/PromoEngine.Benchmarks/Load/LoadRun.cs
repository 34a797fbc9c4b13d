using System.Diagnostics;
using System.Net;
using PromoEngine.Benchmarks.Hosting;
using PromoEngine.Json;
using static PromoEngine.Benchmarks.Hosting.Machine;
using W = PromoEngine.Benchmarks.Workloads.Workloads;

namespace PromoEngine.Benchmarks.Load;

/// <summary>
/// <c>--load</c>: the OnlineCheckout sample under load (issue #13, part 2). Starts the sample on a free loopback
/// port with W1's rule set and drives <c>/v1/quote</c> with the W1 cart and W6's 64 varied carts in turn, at 1,
/// 4 and 16 concurrent clients (each a loop: send, wait for the answer, send the next), for a bounded time and
/// number of requests per step (<c>--load-seconds</c>, default 10; <c>--load-requests</c>, default 300,000);
/// then the same while the rule-set file is rewritten every second (each rewrite a new version, so the
/// service reloads it). Prints throughput, p50 / p90 / p99 latency, failed requests and where the CPU went
/// (this client, the service, other processes), and the in-process <c>PriceJson</c> throughput on the same
/// cores that the 16-client throughput is compared with.
/// </summary>
public static class LoadRun
{
    private static readonly int[] Clients = [1, 4, 16];

    private sealed record Step(string Name, int Clients, bool Reloading, long Requests, long Failed, double Seconds, double P50Us, double P90Us, double P99Us,
        double MaxUs, double ClientCpuShare, double ServiceCpuShare, double OtherCpuShare, int Reloads)
    {
        public double Throughput => Requests / Seconds;
    }

    public static int Run(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : null;
        double seconds = double.Parse(Option("--load-seconds") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        long maxRequests = long.Parse(Option("--load-requests") ?? "300000", System.Globalization.CultureInfo.InvariantCulture);

        Console.WriteLine($"PromoEngine online service under load — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Describe()}; client and service share these cores");
        Console.WriteLine($"workload: W1's rule set (1,000 promotions); the W1 cart and W6's 64 varied carts in turn; each step {seconds:0} s or {maxRequests:N0} requests, whichever comes first");
        Console.WriteLine();

        string folder = Repository.TempFolder("promoengine-load-");
        try
        {
            string rulesJson = DefinitionJson.Write(W.W1Rules);
            string reloaded = DefinitionJson.Write(W.W1Rules with { Version = W.W1Rules.Version + "-reloaded" });
            string rulesPath = Path.Combine(folder, "w1-rules.json");
            File.WriteAllText(rulesPath, rulesJson);
            var carts = new[] { W.W1Cart }.Concat(W.W6Batch).Select(c => DefinitionJson.Write(c)).ToArray();
            var bodies = carts.Select(SampleService.Utf8).ToArray();

            double before = InProcess(rulesJson, carts);
            Console.WriteLine($"in process: PriceJson on the same carts, {Environment.ProcessorCount} threads: {before:N0} carts/s (one thread: {InProcess(rulesJson, carts, 1):N0} carts/s)");

            var steps = new List<Step>();
            // --stateless: the service without its redemption ledger, so that quotes measure pricing over HTTP only
            // (with the sample's default SQLite ledger, a cart that presents a code reads the ledger on every quote).
            var environment = args.Contains("--stateless") ? new Dictionary<string, string> { ["PromoEngine__Ledger"] = "none" } : null;
            Console.WriteLine(environment is null ? "ledger: the sample's default (SQLite beside the rule set)" : "ledger: none (--stateless)");
            using (var client = SampleService.Client(Clients.Max()))
            using (var service = SampleService.Start(rulesPath, client, environment))
            {
                var quote = new Uri(service.BaseAddress, "/v1/quote");
                Console.WriteLine($"service: OnlineCheckout (pid {service.ProcessId}) on {service.BaseAddress}, healthy after {Ms(service.StartedIn.TotalMilliseconds)}; warming up 3 s at 4 clients");
                Drive(client, quote, bodies, service, 4, TimeSpan.FromSeconds(3), long.MaxValue, null, "warm-up");
                foreach (int n in Clients)
                {
                    var step = Drive(client, quote, bodies, service, n, TimeSpan.FromSeconds(seconds), maxRequests, null, "steady");
                    Print(step);
                    steps.Add(step);
                }
                foreach (int n in Clients)
                {
                    var step = Drive(client, quote, bodies, service, n, TimeSpan.FromSeconds(seconds), maxRequests, (rulesPath, rulesJson, reloaded), "reloading");
                    Print(step);
                    steps.Add(step);
                }
            }
            // Measured again after the steps, so that load from other processes during the run falls on both sides of the comparison.
            double after = InProcess(rulesJson, carts);
            double inProcess = (before + after) / 2;
            Console.WriteLine($"in process, again after the steps: {after:N0} carts/s with {Environment.ProcessorCount} threads; compared with the mean, {inProcess:N0} carts/s");
            Console.WriteLine();
            Table(steps, inProcess);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One step: <paramref name="clients"/> loops until the time or the request budget runs out; optionally rewriting the rule set every second.</summary>
    private static Step Drive(HttpClient client, Uri quote, byte[][] bodies, SampleService service, int clients, TimeSpan duration, long maxRequests,
        (string Path, string A, string B)? reload, string name)
    {
        var latencies = new List<double>[clients];
        long issued = 0, failed = 0;
        var stop = new CancellationTokenSource();
        int loadedBefore = CountLoads(service);
        var selfCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serviceCpu = service.CpuTime;
        var busy = BusyCpu();
        var clock = Stopwatch.StartNew();

        var rewriter = reload is { } r ? Task.Run(async () =>
        {
            for (int k = 1; !stop.IsCancellationRequested; k++)
            {
                try { await Task.Delay(1000, stop.Token); }
                catch (OperationCanceledException) { return; }
                File.WriteAllText(r.Path, k % 2 == 1 ? r.B : r.A); // rewritten in place, as an editor or a deploy script does
            }
        }) : Task.CompletedTask;

        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(capacity: 1 << 16);
            int next = c;
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= maxRequests)
            {
                byte[] body = bodies[next++ % bodies.Length];
                long start = Stopwatch.GetTimestamp();
                try
                {
                    var (status, length) = await SampleService.QuoteAsync(client, quote, body).ConfigureAwait(false);
                    if (status != HttpStatusCode.OK || length == 0) Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
                catch (TaskCanceledException) { Interlocked.Increment(ref failed); }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        })).ToArray();

        if (!Task.WaitAll(loops, duration)) stop.Cancel();
        Task.WaitAll(loops);
        double elapsed = clock.Elapsed.TotalSeconds;
        stop.Cancel();
        rewriter.Wait();
        if (reload is { } back)
        {
            File.WriteAllText(back.Path, back.A);
            Thread.Sleep(1500); // let the last reload finish before the next step
        }

        double cores = Environment.ProcessorCount * elapsed;
        double clientShare = (Process.GetCurrentProcess().TotalProcessorTime - selfCpu).TotalSeconds / cores;
        double serviceShare = (service.CpuTime - serviceCpu).TotalSeconds / cores;
        double otherShare = BusyCpu() is { } b && busy is { } b0 ? Math.Max(0, (b - b0).TotalSeconds / cores - clientShare - serviceShare) : double.NaN;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        return new Step(name, clients, reload is not null, all.Length, failed, elapsed, Percentile(all, 50), Percentile(all, 90), Percentile(all, 99),
            all.Length == 0 ? 0 : all.Max(), clientShare, serviceShare, otherShare, CountLoads(service) - loadedBefore);
    }

    /// <summary>PriceJson throughput in this process over the same carts: <paramref name="threads"/> threads, 2 s of warm-up, then 3 s.</summary>
    private static double InProcess(string rulesJson, string[] carts, int threads = 0)
    {
        threads = threads == 0 ? Environment.ProcessorCount : threads;
        var engine = PricingEngine.FromJson(rulesJson);
        double Once(TimeSpan span)
        {
            long total = 0;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                long n = 0, sink = 0;
                for (int i = t; clock.Elapsed < span; i++, n++) sink += engine.PriceJson(carts[i % carts.Length]).Length;
                Interlocked.Add(ref total, n + (sink == -1 ? 1 : 0));
            });
            return total / clock.Elapsed.TotalSeconds;
        }
        Once(TimeSpan.FromSeconds(2));
        return Once(TimeSpan.FromSeconds(3));
    }

    // The sample logs one line per rule set it loads (RuleSetManager, event 1).
    private static int CountLoads(SampleService service) => service.CountOutputLines("Loaded rule set");

    private static void Print(Step s) =>
        Console.WriteLine($"{s.Name,-9} {s.Clients,2} clients: {s.Throughput,8:N0} quotes/s, p50 {Us(s.P50Us)}, p90 {Us(s.P90Us)}, p99 {Us(s.P99Us)}, max {Us(s.MaxUs)}; " +
                          $"{s.Requests:N0} requests, {s.Failed} failed{(s.Reloading ? $", {s.Reloads} reloads" : "")}; CPU: client {s.ClientCpuShare:P0}, service {s.ServiceCpuShare:P0}, other processes {s.OtherCpuShare:P0}");

    private static void Table(List<Step> steps, double inProcess)
    {
        Console.WriteLine("| clients | rule set | quotes/s | p50 | p90 | p99 | failed | CPU: client / service / others |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var s in steps)
            Console.WriteLine($"| {s.Clients} | {(s.Reloading ? $"rewritten every second ({s.Reloads} reloads)" : "unchanged")} | {s.Throughput:N0} | {Us(s.P50Us)} | {Us(s.P90Us)} | {Us(s.P99Us)} | " +
                              $"{s.Failed} of {s.Requests:N0} | {s.ClientCpuShare:P0} / {s.ServiceCpuShare:P0} / {s.OtherCpuShare:P0} |");
        Console.WriteLine();
        var four = steps.First(s => s.Clients == 4 && !s.Reloading);
        var sixteen = steps.First(s => s.Clients == 16 && !s.Reloading);
        var reloading = steps.Where(s => s.Reloading).ToList();
        Console.WriteLine("targets (issue #13, a 2-core machine shared by client and service):");
        Console.WriteLine($"  p99 ≤ 1 ms at 4 clients, no reload: {Us(four.P99Us)} → {(four.P99Us <= 1000 ? "met" : "not met")}");
        Console.WriteLine($"  while reloading, no failed request: {reloading.Sum(s => s.Failed)} failed → {(reloading.Sum(s => s.Failed) == 0 ? "met" : "not met")}; " +
                          $"p99 ≤ 5 ms: {string.Join(", ", reloading.Select(s => $"{s.Clients} clients {Us(s.P99Us)}"))} → {(reloading.All(s => s.P99Us <= 5000) ? "met" : "not met")}");
        Console.WriteLine($"  16 clients ≥ 60 % of in-process PriceJson ({inProcess:N0}/s): {sixteen.Throughput:N0}/s = {sixteen.Throughput / inProcess:P0} → {(sixteen.Throughput >= 0.6 * inProcess ? "met" : "not met")}");
    }
}
