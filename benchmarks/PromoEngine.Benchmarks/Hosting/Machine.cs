using System.Globalization;
using System.Runtime.InteropServices;

namespace PromoEngine.Benchmarks.Hosting;

/// <summary>What the numbers were measured on, and small helpers shared by the process-level modes.</summary>
public static class Machine
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Describe() =>
        $"{Environment.ProcessorCount} logical cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; " +
        $"load average {LoadAverage()} (other processes share these cores)";

    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    public static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>
    /// Busy CPU time of the machine so far, all cores (user, nice, system, irq, softirq and steal: time other
    /// virtual machines took), from /proc/stat; null elsewhere. Guest time is already in user and nice.
    /// </summary>
    public static TimeSpan? BusyCpu()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            long busy = fields[0] + fields[1] + fields[2] + fields.Skip(5).Take(3).Sum();
            return TimeSpan.FromSeconds(busy / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>The nearest-rank percentile (p in 0–100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string Ms(double ms) => ms >= 100 ? ms.ToString("0", Inv) + " ms" : ms >= 1 ? ms.ToString("0.0#", Inv) + " ms" : (ms * 1000).ToString("0.0", Inv) + " µs";
    public static string Us(double us) => Ms(us / 1000);
    public static string F(double value, string format) => value.ToString(format, Inv);
}
