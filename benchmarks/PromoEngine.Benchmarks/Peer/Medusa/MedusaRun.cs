using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using PromoEngine.Benchmarks.Hosting;
using PromoEngine.Benchmarks.Quick;
using PromoEngine.Json;
using static PromoEngine.Benchmarks.Hosting.Machine;

namespace PromoEngine.Benchmarks.Peer.Medusa;

/// <summary>
/// <c>--medusa</c>: the Medusa peer run of issue #13. Sets up Medusa from the peer kit, expresses one workload
/// (<see cref="MedusaWorkload"/>) in both engines at 10, 100 and 1,000 promotions, checks that both give the
/// same total on the common subset, and prints Medusa's <c>computeActions</c> against PromoEngine in process
/// (<c>PriceJson</c>), over HTTP (<c>/v1/quote</c> of the OnlineCheckout sample) and through
/// <c>promo price --carts</c> over 2,000 carts (per cart, process start subtracted).
/// Options: <c>--medusa-kit DIR</c>, <c>--medusa-sizes 10,100</c>, <c>--medusa-iterations N</c> (timed calls per
/// size, default 100 after 20 warm-up calls, as the kit's bench.js), <c>--medusa-keep</c> (keep the work
/// folders: Medusa's, and the rule sets and carts written for PromoEngine), <c>--no-medusa</c> (PromoEngine's side only, without Node or Postgres).
/// </summary>
public static class MedusaRun
{
    private const int CliCarts = 2_000;
    private const int CliRuns = 5;
    private const int HttpCalls = 2_000;

    private sealed record Side(int Size, double InProcessUs, double HttpMedianUs, double HttpP99Us, PromoToolTiming Cli,
        long SubsetTotal, long FullTotal, int SubsetApplied, int ResultBytes, double OneLayerUs, int OneLayerBytes);

    public static int Run(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : null;
        int[] sizes = Option("--medusa-sizes")?.Split(',').Select(int.Parse).ToArray() ?? MedusaWorkload.Sizes;
        int iterations = int.Parse(Option("--medusa-iterations") ?? "100");
        string kit = Option("--medusa-kit") ?? Environment.GetEnvironmentVariable("MEDUSA_KIT") ?? MedusaKit.DefaultKit;
        bool withMedusa = !args.Contains("--no-medusa");

        Console.WriteLine($"PromoEngine vs Medusa's promotion module — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Describe()}");
        Console.WriteLine($"workload: the Medusa kit's 20-line cart (subtotal {MedusaWorkload.Subtotal:0.00} USD) and promotion mix at {string.Join(", ", sizes)} promotions");
        Console.WriteLine();

        IReadOnlyList<MedusaSetResult> medusa = [];
        if (withMedusa)
        {
            using var setup = MedusaKit.SetUp(kit, args.Contains("--medusa-keep"));
            var workload = new JsonObject { ["cart"] = MedusaWorkload.MedusaCart(), ["sets"] = new JsonArray() };
            foreach (int size in sizes)
            {
                workload["sets"]!.AsArray().Add(Set($"full-{size}", MedusaWorkload.Promotions(size), 20, iterations));
                workload["sets"]!.AsArray().Add(Set($"subset-{size}", MedusaWorkload.Subset(size), 5, Math.Min(iterations, 20)));
            }
            Console.WriteLine($"medusa: timing computeActions ({iterations} calls after 20 warm-up calls per size; the subsets 20 after 5)");
            medusa = setup.Run(workload);
            foreach (var r in medusa)
                Console.WriteLine($"medusa: {r.Name,-12} {r.Promotions,5} promotions  median {Ms(r.MedianMs)}, p90 {Ms(r.Percentile(90))}, " +
                                  $"{r.Adjustments.Length} item adjustments (loading the promotions took {r.CreateMs:0} ms)");
            Console.WriteLine();
        }

        var folder = Repository.TempFolder("promoengine-peer-");
        try
        {
            var ours = sizes.Select(size => Measure(size, folder)).ToList();
            Console.WriteLine();
            bool agree = Check(ours, medusa);
            Console.WriteLine();
            Report(ours, medusa);
            return agree ? 0 : 1;
        }
        finally
        {
            if (args.Contains("--medusa-keep")) Console.WriteLine($"promoengine: kept the rule sets and carts in {folder}");
            else Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonObject Set(string name, IReadOnlyList<PeerPromotion> promotions, int warmup, int iterations) => new()
    {
        ["name"] = name,
        ["warmup"] = warmup,
        ["iterations"] = iterations,
        ["promotions"] = new JsonArray(promotions.Select(p => (JsonNode)MedusaWorkload.MedusaPromotion(p)).ToArray()),
    };

    /// <summary>PromoEngine's side of one size: in process, over HTTP, through the CLI, and the totals of the full set and of the subset.</summary>
    private static Side Measure(int size, string folder)
    {
        var rules = MedusaWorkload.PromoRules(MedusaWorkload.Promotions(size), $"medusa-peer-{size}");
        var subsetRules = MedusaWorkload.PromoRules(MedusaWorkload.Subset(size), $"medusa-peer-subset-{size}");
        var cart = MedusaWorkload.PromoCart();
        string rulesJson = DefinitionJson.Write(rules);
        string cartJson = DefinitionJson.Write(cart);
        var engine = PricingEngine.FromJson(rulesJson);
        var full = engine.Price(cart);
        var subset = PricingEngine.Compile(subsetRules).Price(cart);
        int resultBytes = engine.PriceJson(cartJson).Length;

        // As the quick mode: 3 s for the tiered JIT to settle on the engine's code first, then the measured loop.
        Quick.Measure.Settle(() => engine.PriceJson(cartJson).Length, 3_000);
        var inProcess = Quick.Measure.Run(() => engine.PriceJson(cartJson).Length);
        Console.WriteLine($"promoengine: {size,5} promotions  in process (PriceJson) {Us(inProcess.NsPerOp / 1000)}  ({full.Applied.Count} promotions applied, result {resultBytes:N0} chars)");

        // The same promotions in PromoEngine's own stacking (all order promotions in one layer): not Medusa's result, shown for what it costs.
        var oneLayer = PricingEngine.Compile(MedusaWorkload.PromoRules(MedusaWorkload.Promotions(size), $"medusa-peer-one-layer-{size}", oneLayer: true));
        int oneLayerBytes = oneLayer.PriceJson(cartJson).Length;
        Quick.Measure.Settle(() => oneLayer.PriceJson(cartJson).Length, 1_000);
        var oneLayerTime = Quick.Measure.Run(() => oneLayer.PriceJson(cartJson).Length);
        Console.WriteLine($"promoengine: {size,5} promotions  in process, order promotions in one layer instead (PromoEngine's own stacking, not Medusa's total) " +
                          $"{Us(oneLayerTime.NsPerOp / 1000)}  ({oneLayer.Price(cart).Applied.Count} promotions applied, result {oneLayerBytes:N0} chars)");

        string rulesPath = Path.Combine(folder, $"rules-{size}.json");
        File.WriteAllText(rulesPath, rulesJson);
        var (httpMedian, httpP99) = TimeHttp(rulesPath, cartJson);
        Console.WriteLine($"promoengine: {size,5} promotions  over HTTP (/v1/quote, one client) median {Us(httpMedian)}, p99 {Us(httpP99)}");

        var cli = PromoTool.Time(rulesPath, cartJson, CliCarts, CliRuns);
        Console.WriteLine($"promoengine: {size,5} promotions  promo price --carts: {CliCarts:N0} carts {Ms(cli.TotalMs)}, no carts {Ms(cli.StartMs)} → {Us(cli.PerCartUs)} a cart " +
                          $"(CPU time: {Ms(cli.TotalCpuMs)} and {Ms(cli.StartCpuMs)} → {Us(cli.PerCartCpuUs)} a cart)");
        return new Side(size, inProcess.NsPerOp / 1000, httpMedian, httpP99, cli, subset.Total, full.Total, subset.Applied.Count, resultBytes,
            oneLayerTime.NsPerOp / 1000, oneLayerBytes);
    }

    /// <summary>The sample service on a free port with the rule set; 2 s of warm-up, then <see cref="HttpCalls"/> quotes one after another.</summary>
    private static (double MedianUs, double P99Us) TimeHttp(string rulesPath, string cartJson)
    {
        using var client = SampleService.Client(1);
        using var service = SampleService.Start(rulesPath, client);
        var quote = new Uri(service.BaseAddress, "/v1/quote");
        byte[] body = SampleService.Utf8(cartJson);
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(2)) Quote(client, quote, body);
        var times = new double[HttpCalls];
        for (int i = 0; i < HttpCalls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Quote(client, quote, body);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        return (Median(times), Percentile(times, 99));
    }

    private static void Quote(HttpClient client, Uri quote, byte[] body)
    {
        var (status, _) = SampleService.QuoteAsync(client, quote, body).GetAwaiter().GetResult();
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"/v1/quote answered {(int)status}");
    }

    /// <summary>
    /// Medusa's total for a set: each line's subtotal less its adjustments, every adjustment rounded to cents
    /// (half up) as a caller that stores it must; and the same without rounding.
    /// </summary>
    private static (long Rounded, double Unrounded) MedusaTotal(MedusaSetResult set)
    {
        long subtotal = (long)(MedusaWorkload.Subtotal * 100);
        long rounded = subtotal - set.Adjustments.Sum(a => (long)(Math.Round((decimal)a.Amount, 2, MidpointRounding.AwayFromZero) * 100));
        double unrounded = (double)MedusaWorkload.Subtotal - set.Adjustments.Sum(a => a.Amount);
        return (rounded, unrounded);
    }

    private static bool Check(IReadOnlyList<Side> ours, IReadOnlyList<MedusaSetResult> medusa)
    {
        Console.WriteLine("check, common subset (the scenario promotions and the fillers that do not apply to the cart; MedusaWorkload.Subset says why the engines agree there):");
        bool all = true;
        foreach (var side in ours)
        {
            if (side.SubsetApplied != 3) throw new InvalidOperationException($"the subset of {side.Size} applies {side.SubsetApplied} promotions in PromoEngine, not the three scenario promotions");
            var set = medusa.FirstOrDefault(m => m.Name == $"subset-{side.Size}");
            var fullSet = medusa.FirstOrDefault(m => m.Name == $"full-{side.Size}");
            if (set is null)
            {
                Console.WriteLine($"  {side.Size,5}: PromoEngine {side.SubsetTotal / 100.0:0.00} (Medusa not run)");
                continue;
            }
            var (rounded, unrounded) = MedusaTotal(set);
            int codes = set.Adjustments.Select(a => a.Code).Distinct().Count();
            bool same = rounded == side.SubsetTotal && codes == 3;
            all &= same;
            Console.WriteLine($"  {side.Size,5}: PromoEngine {side.SubsetTotal / 100.0:0.00}, Medusa {rounded / 100.0:0.00} rounded per adjustment ({unrounded:0.000000} unrounded, " +
                              $"{set.Adjustments.Length} adjustments of {codes} promotions) → {(same ? "same total" : "DIFFERENT")}");
            if (fullSet is not null)
            {
                var (fullRounded, fullUnrounded) = MedusaTotal(fullSet);
                Console.WriteLine($"         whole workload, not expected to agree (Medusa stacks every item promotion on a line, PromoEngine gives a unit its lowest price): " +
                                  $"PromoEngine {side.FullTotal / 100.0:0.00}, Medusa {fullRounded / 100.0:0.00} ({fullUnrounded:0.000000} unrounded)");
            }
        }
        return all;
    }

    private static void Report(IReadOnlyList<Side> ours, IReadOnlyList<MedusaSetResult> medusa)
    {
        Console.WriteLine("| promotions | Medusa computeActions (median) | PromoEngine in process (PriceJson) | ratio | over HTTP /v1/quote (median) | ratio | promo price --carts, per cart | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var side in ours)
        {
            var set = medusa.FirstOrDefault(m => m.Name == $"full-{side.Size}");
            double? peerUs = set?.MedianMs * 1000;
            string Ratio(double us) => peerUs is { } p ? $"{F(p / us, "N0")}×" : "–";
            Console.WriteLine($"| {side.Size:N0} | {(set is null ? "not run" : Ms(set.MedianMs))} | {Us(side.InProcessUs)} | {Ratio(side.InProcessUs)} | " +
                              $"{Us(side.HttpMedianUs)} | {Ratio(side.HttpMedianUs)} | {Us(side.Cli.PerCartUs)} | {Ratio(side.Cli.PerCartUs)} |");
        }
        Console.WriteLine();
        Console.WriteLine("in process with the order promotions in one layer (PromoEngine's own stacking; not equivalent, for scale): " +
                          string.Join(", ", ours.Select(s => $"{s.Size}: {Us(s.OneLayerUs)}, result {s.OneLayerBytes:N0} chars" +
                              (medusa.FirstOrDefault(m => m.Name == $"full-{s.Size}") is { } m ? $" ({F(m.MedianMs * 1000 / s.OneLayerUs, "N0")}×)" : ""))));
        Console.WriteLine($"promo price --carts per cart in CPU time (what load from other processes inflates least): " +
                          string.Join(", ", ours.Select(s => $"{s.Size}: {Us(s.Cli.PerCartCpuUs)}" +
                              (medusa.FirstOrDefault(m => m.Name == $"full-{s.Size}") is { } m ? $" ({F(m.MedianMs * 1000 / s.Cli.PerCartCpuUs, "N0")}×)" : ""))));
        Console.WriteLine($"target (issue #13): ≥ 1,000× at every size through promo price --carts. HTTP p99: {string.Join(", ", ours.Select(s => $"{s.Size}: {Us(s.HttpP99Us)}"))}. " +
                          $"promo's start (no carts): {string.Join(", ", ours.Select(s => $"{s.Size}: {Ms(s.Cli.StartMs)}"))}.");
    }
}
