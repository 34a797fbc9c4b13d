using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PromoEngine.Benchmarks.Peer;
using PromoEngine.Benchmarks.Workloads;
using PromoEngine.Definitions;
using PromoEngine.Json;
using W = PromoEngine.Benchmarks.Workloads.Workloads;

namespace PromoEngine.Benchmarks.Quick;

/// <summary>
/// <c>--quick</c>: every workload briefly with <see cref="Measure"/>, no BenchmarkDotNet jobs; one line per
/// workload, then the W3 scaling, the W6 scaling and the issue's targets. <c>--only W1,W3</c> runs a subset.
/// </summary>
public static class QuickRunner
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var clock = Stopwatch.StartNew();
        int onlyAt = Array.IndexOf(args, "--only");
        var only = onlyAt >= 0 && onlyAt + 1 < args.Length
            ? args[onlyAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;
        bool Wants(string w) => only is null || only.Contains(w);

        Console.WriteLine($"PromoEngine quick benchmarks — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores ({Hosting.Machine.CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
                          $"server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"load average at start: {Hosting.Machine.LoadAverage()} (other processes share these cores; ratios below are measured interleaved)");
        Console.WriteLine("method: 3 s of JIT settling, then per workload warm-up ≥ 400 ms until stable, then 7 batches of ≈150 ms (W2, W4, W6: 5 of 200–300 ms; W5: 3 single loads); median ns per op; bytes = allocated-bytes delta / ops, median");
        Console.WriteLine();

        // Startup checks: the data is valid (Compile validates strictly) and exercises what it should.
        var w1Coverage = Coverage.Of(W.W1Rules, W.W1Cart, W.W1Engine.Price(W.W1Cart));
        w1Coverage.RequireEverything("W1");
        Console.WriteLine($"W1 data: {W.W1Rules.Promotions!.Count:N0} promotions, {W.W1Rules.Coupons!.Count} coupons, {W.W1Rules.MemberPrices!.Count} member prices; {w1Coverage}");
        Console.WriteLine(PeerCheck.Verify());
        Console.WriteLine();

        // Let the tiered JIT settle on the engine's code (W1 and W6's carts reach nearly all of it).
        var (settleEngine, settleCart, settleBatch) = (W.W1Engine, W.W1Cart, W.W6Batch);
        Measure.Settle(() => PricingCall.Price(settleEngine, settleCart) + W.PriceBatch(settleEngine, settleBatch, 1), 3_000);

        var summary = new Summary();
        if (Wants("W1"))
        {
            // Everything a measured lambda uses is hoisted into locals: the lambdas must not allocate themselves.
            var (w1, cart, ours1, peer1) = (W.W1Engine, W.W1Cart, PeerCheck.Ours, PeerCheck.Peer);
            var m = Measure.Run(() => PricingCall.Price(w1, cart));
            var pair = Measure.Interleaved([() => PricingCall.Price(ours1, cart), () => peer1.Total(cart)]);
            var (ours, peer) = (pair[0], pair[1]);
            summary.W1 = m;
            summary.PeerRatio = peer.NsPerOp / ours.NsPerOp;
            Row("W1", "20 lines × 1,000 promotions, 20 coupons, 3 candidates, points", m, "cart", $"RulesEngine ratio {summary.PeerRatio:0.0}× (subset below)");
            Row("W1-peer", $"subset ({PeerCheck.Subset.Promotions!.Count} 满减 thresholds, {PeerCheck.Subset.Coupons!.Count} amount coupons): PromoEngine", ours, "cart", "");
            Row("", "                                 same subset and cart: RulesEngine", peer, "cart", $"RulesEngine / PromoEngine = {summary.PeerRatio:0.0}×");
            // Where W1's time goes, with the public API only: the coupon choice, points, member prices, JSON.
            var noCoupons = cart with { Coupons = null };
            var bare = cart with { Coupons = null, Customer = null, UsePoints = null };
            string cartJson = DefinitionJson.Write(cart);
            Row("W1-r", "  variant: Price(cart) returning a PricingResult", Measure.Run(() => PricingCall.PriceToResult(w1, cart)), "cart", "");
            var other = cart with { Lines = cart.Lines!.Select(l => l with { Quantity = l.Quantity + 1 }).ToList() };
            var alternating = Measure.Run(() => PricingCall.Price(w1, cart) + PricingCall.Price(w1, other), opsPerCall: 2);
            summary.W1Alternating = alternating;
            Row("W1-x", "  variant: alternating with the same cart, one more unit a line", alternating, "cart", "");
            Row("W1-a", "  variant: no coupons", Measure.Run(() => PricingCall.Price(w1, noCoupons)), "cart", "");
            Row("W1-b", "  variant: guest, no coupons, no points", Measure.Run(() => PricingCall.Price(w1, bare)), "cart", "");
            Row("W1-c", "  variant: PriceJson (cart JSON in, result JSON out)", Measure.Run(() => w1.PriceJson(cartJson).Length), "cart", "");
            // The floor under W1: the same cart against W1's rule set without promotions or member prices.
            // Reading the cart and writing 20 result lines, plus the coupon choice and points, cost this
            // much before any promotion touches a line.
            var empty = W.W1EmptyEngine;
            Row("W1-e", "  floor: W1 cart, no promotions or member prices (coupons, points)", Measure.Run(() => PricingCall.Price(empty, cart)), "cart", "");
            Row("W1-f", "  floor: same rules, guest, no coupons, no points", Measure.Run(() => PricingCall.Price(empty, bare)), "cart", "");
            // Issue #10: every member price, promotion, coupon and the points funded by two or three parties.
            var funded = W.W1FundedEngine;
            Row("W1-g", "  variant: funding on every rule (§10), 2–3 parties each", Measure.Run(() => PricingCall.Price(funded, cart)), "cart", "");
        }
        if (Wants("W2"))
        {
            var (engine, cart) = (W.W2Engine, W.W2Cart);
            Console.WriteLine($"W2 data: {Coverage.Of(W.W2Rules, cart, engine.Price(cart))}");
            summary.W2 = Measure.Run(() => PricingCall.Price(engine, cart), batchMs: 300, batches: 5);
            Row("W2", "200 lines × 10,000 promotions", summary.W2, "cart", "");
        }
        if (Wants("W3"))
        {
            var buildMs = new Dictionary<int, double>();
            var engines = W.W3Sizes.Select(size =>
            {
                var build = Stopwatch.StartNew();
                var engine = W.W3Engine(size);
                buildMs[size] = build.Elapsed.TotalMilliseconds;
                return engine;
            }).ToArray();
            var cart = W.W1Cart;
            var ms = Measure.Interleaved(engines.Select(e => (Func<long>)(() => PricingCall.Price(e, cart))).ToArray());
            for (int k = 0; k < W.W3Sizes.Length; k++)
            {
                int size = W.W3Sizes[k];
                summary.W3[size] = ms[k];
                Row("W3", $"W1 cart × {size,7:N0} promotions ({Math.Min(size, W.W3Core)} near the cart)", ms[k], "cart", $"(generate + compile {buildMs[size]:N0} ms)");
            }
        }
        if (Wants("W4"))
        {
            var (engine, cart) = (W.W4Engine, W.W4Cart);
            summary.W4 = Measure.Run(() => PricingCall.Price(engine, cart), batchMs: 200, batches: 5);
            var used = engine.Price(cart).Coupons.Count(c => c.Applied);
            Row("W4", $"coupon choice: 20 candidates, 3 layers (max 1/2/1); {used} used", summary.W4, "cart", "");
        }
        if (Wants("W5"))
        {
            string json = W.W5Json;
            summary.W5 = Measure.Run(() => PricingEngine.FromJson(json).RuleSetVersion.Length, batchMs: 1, batches: 3, warmupMs: 0, allThreads: true, minWarmupCalls: 1);
            Row("W5", $"load + compile 100,000 promotions ({json.Length / 1e6:0.0} MB of JSON)", summary.W5, "load", "");
            // Its two halves through the public API: reading (parse + structural and semantic checks), and
            // Compile of the definition (which validates again, then compiles).
            var definition = PricingEngine.ReadRuleSet(json);
            Row("W5-a", "  of which: ReadRuleSet (JSON → definition, validated)",
                Measure.Run(() => PricingEngine.ReadRuleSet(json).Promotions!.Count, batchMs: 1, batches: 3, warmupMs: 0, allThreads: true, minWarmupCalls: 1), "load", "");
            Row("W5-b", "  of which: Compile (definition → engine, validated again)",
                Measure.Run(() => PricingEngine.Compile(definition).RuleSetVersion.Length, batchMs: 1, batches: 3, warmupMs: 0, allThreads: true, minWarmupCalls: 1), "load", "");
        }
        if (Wants("W6"))
        {
            var batch = W.W6Batch;
            var engine = W.W1Engine;
            int cores = Environment.ProcessorCount;
            var w6 = Measure.Interleaved([() => W.PriceBatch(engine, batch, 1), () => W.PriceBatch(engine, batch, cores)],
                opsPerCall: batch.Length, batchMs: 300, batches: 5, allThreads: true);
            (summary.W6One, summary.W6All) = (w6[0], w6[1]);
            Row("W6", $"throughput, 1 thread ({batch.Length} varied carts, W1 rules)", summary.W6One, "cart", $"{1e9 / summary.W6One.NsPerOp:N0} carts/s");
            Row("W6", $"throughput, {cores} threads (Parallel.For, one shared engine)", summary.W6All, "cart",
                $"{1e9 / summary.W6All.NsPerOp:N0} carts/s, ×{summary.W6One.NsPerOp / summary.W6All.NsPerOp:0.00} of 1 thread");
        }

        if (Wants("W6"))
        {
            // Allocation of a warm engine: each cart priced right after itself, and each after the previous cart of the batch.
            var engine = W.W1Engine;
            var batch = W.W6Batch;
            int repeatAllocating = 0;
            foreach (var cart in batch)
            {
                for (int k = 0; k < 3; k++) PricingCall.Price(engine, cart);
                long before = GC.GetAllocatedBytesForCurrentThread();
                PricingCall.Price(engine, cart);
                if (GC.GetAllocatedBytesForCurrentThread() > before) repeatAllocating++;
            }
            for (int pass = 0; pass < 3; pass++) W.PriceBatch(engine, batch, 1);
            int streamAllocating = 0;
            long streamBytes = 0, lines = 0;
            foreach (var cart in batch)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                PricingCall.Price(engine, cart);
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                streamAllocating += bytes > 0 ? 1 : 0;
                streamBytes += bytes;
                lines += cart.Lines!.Count;
            }
            Console.WriteLine($"W6 allocation, warm engine: a cart priced right after itself allocates in {repeatAllocating} of {batch.Length} cases; " +
                $"after the previous cart of the batch in {streamAllocating} of {batch.Length} ({streamBytes / (double)batch.Length:N0} B a cart, {streamBytes / (double)lines:N0} B a line)");
        }

        Console.WriteLine();
        if (summary.W3.Count == W.W3Sizes.Length)
        {
            Console.WriteLine("W3 scaling (time per cart relative to 100 promotions):");
            foreach (var (size, m) in summary.W3)
                Console.WriteLine($"  {size,7:N0} promotions  {Human(m.NsPerOp),12}  ×{m.NsPerOp / summary.W3[100].NsPerOp:0.00}");
            Console.WriteLine($"W3 scaling: time at 100,000 / time at 100 = {summary.W3Growth:0.00}×");
            Console.WriteLine();
        }
        summary.PrintTargets();
        Console.WriteLine();
        Console.WriteLine($"quick mode took {clock.Elapsed.TotalSeconds:0} s (checksum {Measure.Sink & 0xFFFF})");
        return 0;
    }

    /// <summary><c>--loop W1 20</c>: one workload over and over for that many seconds, to attach a profiler (dotnet-trace, dotnet-counters).</summary>
    public static int Loop(string workload, int seconds)
    {
        Func<long> call = workload.ToUpperInvariant() switch
        {
            "W1" => Hoisted(W.W1Engine, W.W1Cart),
            "W1-NOCOUPONS" => Hoisted(W.W1Engine, W.W1Cart with { Coupons = null }),
            "W2" => Hoisted(W.W2Engine, W.W2Cart),
            "W3" => Hoisted(W.W3Engine(100_000), W.W1Cart),
            "W4" => Hoisted(W.W4Engine, W.W4Cart),
            "W5" => FromJson(W.W5Json),
            "W6" => Batch(W.W1Engine, W.W6Batch),
            "PEER" => Peer(PeerCheck.Peer, W.W1Cart),
            _ => throw new ArgumentException($"unknown workload {workload}: W1, W1-nocoupons, W2, W3, W4, W5, W6 or peer"),
        };
        Measure.Sink += call(); // build the data before the clock starts
        Console.WriteLine($"looping {workload} for {seconds} s (pid {Environment.ProcessId})");
        var sw = Stopwatch.StartNew();
        long calls = 0;
        while (sw.Elapsed.TotalSeconds < seconds) { Measure.Sink += call(); calls++; }
        Console.WriteLine($"{calls:N0} calls, {Human(sw.Elapsed.TotalNanoseconds / calls)} each");
        return 0;
    }

    private static Func<long> Hoisted(PricingEngine engine, CartDefinition cart) => () => PricingCall.Price(engine, cart);
    private static Func<long> FromJson(string json) => () => PricingEngine.FromJson(json).RuleSetVersion.Length;
    private static Func<long> Batch(PricingEngine engine, CartDefinition[] carts) => () => W.PriceBatch(engine, carts, Environment.ProcessorCount);
    private static Func<long> Peer(RulesEnginePeer peer, CartDefinition cart) => () => peer.Total(cart);

    private static void Row(string id, string what, Measurement m, string per, string extra) =>
        Console.WriteLine($"{id,-8} {what,-66} {m.NsPerOp,15:N0} ns/{per} {Human(m.NsPerOp),11} {m.BytesPerOp,13:N0} B/{per}  {extra}");

    public static string Human(double ns) => ns switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.00", Inv) + " s",
        >= 1e6 => (ns / 1e6).ToString("0.00", Inv) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.0", Inv) + " µs",
        _ => ns.ToString("0", Inv) + " ns",
    };

    private sealed class Summary
    {
        public Measurement? W1, W1Alternating, W2, W4, W5, W6One, W6All;
        public double? PeerRatio;
        public SortedDictionary<int, Measurement> W3 { get; } = [];
        public double? W3Growth => W3.TryGetValue(100, out var a) && W3.TryGetValue(100_000, out var b) ? b.NsPerOp / a.NsPerOp : null;

        public void PrintTargets()
        {
            int cores = Environment.ProcessorCount;
            double? w6 = W6One is not null && W6All is not null ? W6One.NsPerOp / W6All.NsPerOp : null;
            Console.WriteLine("targets (issue #3):");
            Target("W1 time per cart ≤ 2 µs", W1 is null ? null : Human(W1.NsPerOp), W1?.NsPerOp <= 2_000);
            Target("W1 allocation 0 B per cart (cart repeated)", W1 is null ? null : $"{W1.BytesPerOp:N0} B", W1?.BytesPerOp < 1);
            Target("  same, alternating two carts (W1-x)", W1Alternating is null ? null : $"{W1Alternating.BytesPerOp:N0} B", W1Alternating?.BytesPerOp < 1);
            Target("W3 growth 100 → 100,000 promotions ≤ 1.5×", W3Growth is { } g ? $"{g:0.00}×" : null, W3Growth <= 1.5);
            Target("W4 ≤ 50 µs", W4 is null ? null : Human(W4.NsPerOp), W4?.NsPerOp <= 50_000);
            Target("W5 ≤ 1 s", W5 is null ? null : Human(W5.NsPerOp), W5?.NsPerOp <= 1e9);
            Target("W1 ≥ 1,000× faster than RulesEngine", PeerRatio is { } r ? $"{r:0.0}×" : null, PeerRatio >= 1_000);
            Target($"W6 {cores} threads ≥ 0.9 × {cores} × 1 thread", w6 is { } s ? $"{s:0.00}×" : null, w6 >= 0.9 * cores);
        }

        private static void Target(string what, string? measured, bool? met) =>
            Console.WriteLine($"  {what,-48} {measured ?? "not run",12}  {(measured is null ? "-" : met == true ? "met" : "not met yet")}");
    }
}
