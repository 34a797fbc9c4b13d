using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using PromoEngine.Benchmarks.Hosting;
using PromoEngine.Json;
using static PromoEngine.Benchmarks.Hosting.Machine;
using W = PromoEngine.Benchmarks.Workloads.Workloads;

namespace PromoEngine.Benchmarks.ColdStart;

/// <summary>
/// <c>--cold</c>: the first carts of a fresh process (issue #13, part 3), on W1's rule set with the W1 cart and
/// W6's 64 varied carts in turn: through the library (<see cref="LibraryProbe"/> in new processes), through
/// <c>promo price --carts</c> and through the OnlineCheckout sample's <c>/v1/quote</c> (first quote after
/// <c>/health</c> says the rule set is loaded). Each as built (JIT) and published ReadyToRun (the run publishes
/// the tool and the sample into a temporary folder), under the runtime's defaults and the tiering settings
/// that matter. <c>--cold-runs N</c> fresh processes per setting (default 3; the medians are printed);
/// <c>--cold-only library,cli,service</c> some of the three.
/// </summary>
public static class ColdRun
{
    // The library probe runs in this program, whose runtimeconfig has the runtime's defaults.
    private static readonly (string Name, Dictionary<string, string> Env)[] Settings =
    [
        ("defaults (tiered, dynamic PGO)", new()),
        ("DOTNET_TieredPGO=0", new() { ["DOTNET_TieredPGO"] = "0" }),
        ("DOTNET_TieredCompilation=0", new() { ["DOTNET_TieredCompilation"] = "0" }),
    ];

    // promo and the samples ship with TieredPGO off in their runtimeconfig (their csproj); the environment overrides it.
    private static readonly (string Name, Dictionary<string, string> Env)[] AppSettings =
    [
        ("as shipped (TieredPGO off)", new()),
        ("DOTNET_TieredPGO=1 (the runtime's default)", new() { ["DOTNET_TieredPGO"] = "1" }),
        ("DOTNET_TieredCompilation=0", new() { ["DOTNET_TieredCompilation"] = "0" }),
    ];

    public static int Run(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : null;
        int runs = int.Parse(Option("--cold-runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var only = Option("--cold-only")?.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Wants(string part) => only is null || only.Contains(part);

        Console.WriteLine($"PromoEngine cold start — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Describe()}");
        Console.WriteLine($"workload: W1's rule set (1,000 promotions); the W1 cart and W6's 64 varied carts in turn; {runs} fresh processes per setting, medians");
        Console.WriteLine();

        string folder = Repository.TempFolder("promoengine-cold-");
        try
        {
            string rules = Path.Combine(folder, "w1-rules.json");
            File.WriteAllText(rules, DefinitionJson.Write(W.W1Rules));
            var carts = new[] { W.W1Cart }.Concat(W.W6Batch).Select(c => DefinitionJson.Write(c)).ToArray();
            string cartsFile = Path.Combine(folder, "carts.jsonl");
            File.WriteAllLines(cartsFile, carts);

            if (Wants("library")) Library(rules, cartsFile, runs);
            string? r2rTool = null, r2rSample = null;
            if (Wants("cli") || Wants("service"))
            {
                Console.WriteLine("publishing ReadyToRun builds of promo and OnlineCheckout (dotnet publish -r RID -p:PublishReadyToRun=true) …");
                if (Wants("cli")) r2rTool = Publish(Path.Combine("src", "PromoEngine.Cli", "PromoEngine.Cli.csproj"), Path.Combine(folder, "promo-r2r"), "promo");
                if (Wants("service")) r2rSample = Publish(Path.Combine("samples", "OnlineCheckout", "OnlineCheckout.csproj"), Path.Combine(folder, "sample-r2r"), "OnlineCheckout.dll");
                Console.WriteLine();
            }
            if (Wants("cli")) Cli(rules, carts, folder, runs, r2rTool!);
            if (Wants("service")) Service(rules, carts, runs, r2rSample!);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Library(string rules, string carts, int runs)
    {
        Console.WriteLine("library: a fresh process loads the rule set (FromJson) and prices 20,000 carts with PriceJson, each timed (wall; in brackets the pricing thread's CPU time)");
        Console.WriteLine("| setting | load | first cart | median of the first 1,000 | steady state (median of carts 19,001–20,000) | first 1,000 / steady |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var noDelay = new Dictionary<string, string> { ["DOTNET_TC_CallCountingDelayMs"] = "0" };
        var noPgoNoDelay = new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0", ["DOTNET_TC_CallCountingDelayMs"] = "0" };
        var variants = Settings.Select(s => (s.Name, s.Env, Warm: 0))
            .Append(("DOTNET_TC_CallCountingDelayMs=0", noDelay, 0))
            .Append(("DOTNET_TieredPGO=0 and DOTNET_TC_CallCountingDelayMs=0", noPgoNoDelay, 0))
            .Append(("defaults; the first cart priced 100 times right after loading (a warm-up on load)", new Dictionary<string, string>(), 100))
            .Append(("DOTNET_TieredPGO=0; the same warm-up", new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }, 100));
        foreach (var (name, env, warm) in variants)
        {
            var r = Enumerable.Range(0, runs).Select(_ => Probe(rules, carts, env, warm)).ToList();
            string Both(Func<ProbeResult, double> wall, Func<ProbeResult, double?> cpu) =>
                r.All(x => cpu(x) is not null) ? $"{Us(Median(r.Select(wall)))} ({Us(Median(r.Select(x => cpu(x)!.Value)))})" : Us(Median(r.Select(wall)));
            Console.WriteLine($"| {name} | {Ms(Median(r.Select(x => x.LoadMs)))}{(warm > 0 ? $" + warm-up {Ms(Median(r.Select(x => x.WarmMs)))}" : "")} | " +
                              $"{Both(x => x.FirstUs, x => x.FirstCpuUs)} | {Both(x => x.First1000MedianUs, x => x.First1000MedianCpuUs)} | " +
                              $"{Both(x => x.SteadyMedianUs, x => x.SteadyMedianCpuUs)} | {F(Median(r.Select(x => x.Ratio)), "0.0")}×" +
                              $"{(r.All(x => x.CpuRatio is not null) ? $" ({F(Median(r.Select(x => x.CpuRatio!.Value)), "0.0")}×)" : "")} |");
        }
        Console.WriteLine();
    }

    private static ProbeResult Probe(string rules, string carts, Dictionary<string, string> env, int warm)
    {
        string self = Path.Combine(AppContext.BaseDirectory, "PromoEngine.Benchmarks.dll");
        var run = ChildProcess.Run("dotnet", [self, "--cold-probe", "--rules", rules, "--carts", carts, "--warm", warm.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            environment: env).EnsureSuccess("the library probe");
        return JsonSerializer.Deserialize<ProbeResult>(run.Stdout.Split('\n').First(l => l.StartsWith('{')))!;
    }

    /// <summary><c>promo price --carts</c> over 0, 1 and 1,000 carts: the first cart and the mean of the first 1,000, process start subtracted.</summary>
    private static void Cli(string rules, string[] carts, string folder, int runs, string r2rTool)
    {
        Console.WriteLine("promo price --carts over 0, 1 and 1,000 carts (the 65 carts in turn); first cart = t(1) − t(0), first 1,000 = (t(1,000) − t(0)) / 1,000; " +
                          "wall time, in brackets the process's CPU time (all threads)");
        Console.WriteLine("| build | setting | start (no carts) | first cart | mean of the first 1,000 |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        string none = Path.Combine(folder, "cli-0.jsonl"), one = Path.Combine(folder, "cli-1.jsonl"), thousand = Path.Combine(folder, "cli-1000.jsonl");
        File.WriteAllText(none, "");
        File.WriteAllText(one, carts[0] + "\n");
        File.WriteAllLines(thousand, Enumerable.Range(0, 1000).Select(i => carts[i % carts.Length]));
        foreach (var (build, tool) in new[] { ("as built (JIT)", Repository.PromoTool), ("ReadyToRun", r2rTool) })
        {
            foreach (var (name, env) in AppSettings)
            {
                ChildResult Time(string file) => ChildProcess.Run(tool, ["price", "--rules", rules, "--carts", file], folder, env, discardStdout: true)
                    .EnsureSuccess("promo price");
                Time(none);
                var (t0, t1, t1000) = (new List<ChildResult>(), new List<ChildResult>(), new List<ChildResult>());
                for (int r = 0; r < Math.Max(runs, 5); r++)
                {
                    t0.Add(Time(none));
                    t1.Add(Time(one));
                    t1000.Add(Time(thousand));
                }
                double Wall(List<ChildResult> x) => Median(x.Select(c => c.Elapsed.TotalMilliseconds));
                double Cpu(List<ChildResult> x) => Median(x.Select(c => c.Cpu?.TotalMilliseconds ?? double.NaN));
                // ms over 1,000 carts = µs a cart
                Console.WriteLine($"| {build} | {name} | {Ms(Wall(t0))} ({Ms(Cpu(t0))}) | {Ms(Wall(t1) - Wall(t0))} ({Ms(Cpu(t1) - Cpu(t0))}) | " +
                                  $"{Us(Wall(t1000) - Wall(t0))} ({Us(Cpu(t1000) - Cpu(t0))}) |");
            }
        }
        Console.WriteLine();
    }

    /// <summary>The sample service: started fresh, <c>/health</c> polled until the rule set is loaded, then quotes one after another.</summary>
    private static void Service(string rules, string[] carts, int runs, string r2rSample)
    {
        Console.WriteLine("service: the OnlineCheckout sample started fresh; /health polled every 2 ms until 200; then 6,000 quotes one after another (the 65 carts in turn)");
        Console.WriteLine("| build | setting | started (to healthy) | first quote (the service's CPU time for it) | median of the first 1,000 | steady (median of quotes 5,001–6,000) | first 1,000 / steady |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        ClientWarmUp.Run();
        var bodies = carts.Select(SampleService.Utf8).ToArray();
        var tooLarge = new byte[1024 * 1024 + 1]; // over the sample's MaxRequestBodySize: answered 413 before the engine sees it
        var variants = new[] { ("as built (JIT)", Repository.OnlineCheckout), ("ReadyToRun", r2rSample) }
            .SelectMany(b => AppSettings.Take(2).Select(s => (Build: b.Item1, Dll: b.Item2, s.Name, s.Env, EndpointFirst: false)))
            .Append(("ReadyToRun", r2rSample, "as shipped; one 413 quote first (the endpoint warm, the engine not)", new Dictionary<string, string>(), true));
        foreach (var (build, dll, name, env, endpointFirst) in variants)
        {
            var results = new List<(double Start, double First, double FirstCpu, double Median1000, double Steady)>();
            for (int r = 0; r < runs; r++)
            {
                using var client = SampleService.Client(1);
                using var service = SampleService.Start(rules, client, env, assembly: dll);
                var quote = new Uri(service.BaseAddress, "/v1/quote");
                if (endpointFirst && SampleService.QuoteAsync(client, quote, tooLarge).GetAwaiter().GetResult().Status != HttpStatusCode.RequestEntityTooLarge)
                    throw new InvalidOperationException("the oversized quote was not answered 413");
                var times = new double[6_000];
                double firstCpuUs = double.NaN;
                for (int i = 0; i < times.Length; i++)
                {
                    long? cpu = i == 0 ? service.CpuNanos() : null;
                    long t = Stopwatch.GetTimestamp();
                    var (status, _) = SampleService.QuoteAsync(client, quote, bodies[i % bodies.Length]).GetAwaiter().GetResult();
                    times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                    if (i == 0 && cpu is not null && service.CpuNanos() is { } after) firstCpuUs = (after - cpu.Value) / 1000.0;
                    if (status != HttpStatusCode.OK) throw new InvalidOperationException($"/v1/quote answered {(int)status}:\n{service.Output}");
                }
                results.Add((service.StartedIn.TotalMilliseconds, times[0], firstCpuUs, Median(times.Take(1000)), Median(times.Skip(5000))));
            }
            double steady = Median(results.Select(x => x.Steady));
            Console.WriteLine($"| {build} | {name} | {Ms(Median(results.Select(x => x.Start)))} | {Us(Median(results.Select(x => x.First)))} ({Us(Median(results.Select(x => x.FirstCpu)))}) | " +
                              $"{Us(Median(results.Select(x => x.Median1000)))} | {Us(steady)} | {F(Median(results.Select(x => x.Median1000 / x.Steady)), "0.0")}× |");
        }
        Console.WriteLine();
    }

    /// <summary>Publishes a project ReadyToRun for this machine's runtime identifier into <paramref name="output"/>; returns the path of <paramref name="entry"/> there.</summary>
    private static string Publish(string project, string output, string entry)
    {
        ChildProcess.Run("dotnet", ["publish", Path.Combine(Repository.Root, project), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output], Repository.Root, timeout: TimeSpan.FromMinutes(10))
            .EnsureSuccess($"dotnet publish {project}");
        return Path.Combine(output, entry);
    }
}
