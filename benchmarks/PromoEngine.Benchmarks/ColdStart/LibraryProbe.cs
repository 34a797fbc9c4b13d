using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PromoEngine.Benchmarks.ColdStart;

/// <summary>What one fresh process measured (times in microseconds unless named ms).</summary>
public sealed record ProbeResult(double ProcessToMainMs, double LoadMs, double WarmMs, double FirstUs, double First1000MedianUs,
    double First1000MeanUs, double SteadyMedianUs, int Carts)
{
    public double Ratio => First1000MedianUs / SteadyMedianUs;
}

/// <summary>
/// <c>--cold-probe --rules FILE --carts FILE [--count N] [--warm K]</c>: the library in a fresh process, as an
/// application uses it: <c>PricingEngine.FromJson</c> of the rule set, then <c>PriceJson</c> of the carts (one per
/// line, in turn) N times (default 20,000), each timed. With <c>--warm K</c> the first cart is priced K times
/// right after loading, as a warm-up on rule-set load would, before the timed carts. Prints one JSON line; run
/// by <c>--cold</c>, which starts a new process for every run.
/// </summary>
public static class LibraryProbe
{
    public static int Run(string[] args)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        double toMain = (DateTime.UtcNow - started).TotalMilliseconds;
        string Option(string name, string? fallback = null) =>
            Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        int count = int.Parse(Option("--count", "20000"), CultureInfo.InvariantCulture);
        int warm = int.Parse(Option("--warm", "0"), CultureInfo.InvariantCulture);
        string rulesJson = File.ReadAllText(Option("--rules"));
        string[] carts = File.ReadAllLines(Option("--carts")).Where(l => l.Length > 0).ToArray();

        long t = Stopwatch.GetTimestamp();
        var engine = PricingEngine.FromJson(rulesJson);
        double loadMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

        long sink = 0;
        t = Stopwatch.GetTimestamp();
        for (int i = 0; i < warm; i++) sink += engine.PriceJson(carts[0]).Length;
        double warmMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;

        var times = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            sink += engine.PriceJson(carts[i % carts.Length]).Length;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var first = times.Take(Math.Min(1000, count)).ToArray();
        var last = times.Skip(Math.Max(0, count - 1000)).ToArray();
        var result = new ProbeResult(toMain, loadMs, warmMs, times[0], Hosting.Machine.Median(first), first.Average(), Hosting.Machine.Median(last), count);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return sink == -1 ? 1 : 0;
    }
}
