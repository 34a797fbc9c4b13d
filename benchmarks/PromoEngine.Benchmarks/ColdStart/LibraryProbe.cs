using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace PromoEngine.Benchmarks.ColdStart;

/// <summary>
/// What one fresh process measured (times in microseconds unless named ms): wall time, and the pricing
/// thread's CPU time (<c>Cpu</c>: what load from other processes does not inflate; null where unknown).
/// </summary>
public sealed record ProbeResult(double ProcessToMainMs, double LoadMs, double WarmMs, double FirstUs, double First1000MedianUs,
    double First1000MeanUs, double SteadyMedianUs, double? FirstCpuUs, double? First1000MedianCpuUs, double? SteadyMedianCpuUs, int Carts)
{
    public double Ratio => First1000MedianUs / SteadyMedianUs;
    public double? CpuRatio => First1000MedianCpuUs / SteadyMedianCpuUs;
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
        var cpu = new double[count];
        bool hasCpu = ThreadCpuUs() is not null;
        for (int i = 0; i < count; i++)
        {
            double cpuStart = hasCpu ? ThreadCpuUs()!.Value : 0;
            long start = Stopwatch.GetTimestamp();
            sink += engine.PriceJson(carts[i % carts.Length]).Length;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (hasCpu) cpu[i] = ThreadCpuUs()!.Value - cpuStart;
        }
        double[] First(double[] x) => x.Take(Math.Min(1000, count)).ToArray();
        double[] Last(double[] x) => x.Skip(Math.Max(0, count - 1000)).ToArray();
        var result = new ProbeResult(toMain, loadMs, warmMs, times[0], Hosting.Machine.Median(First(times)), First(times).Average(), Hosting.Machine.Median(Last(times)),
            hasCpu ? cpu[0] : null, hasCpu ? Hosting.Machine.Median(First(cpu)) : null, hasCpu ? Hosting.Machine.Median(Last(cpu)) : null, count);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return sink == -1 ? 1 : 0;
    }

    /// <summary>This thread's CPU time in microseconds (clock_gettime CLOCK_THREAD_CPUTIME_ID, Linux), or null.</summary>
    private static double? ThreadCpuUs()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return clock_gettime(3, out var t) == 0 ? t.Seconds * 1e6 + t.Nanos / 1e3 : null;
        }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds, Nanos;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
