using System.Text;

namespace PromoEngine.Benchmarks.Hosting;

/// <summary>Per-cart cost of <c>promo price --carts</c>, process start subtracted.</summary>
/// <param name="Carts">Carts in the measured file.</param>
/// <param name="StartMs">Median wall time of the same command over an empty carts file: process start, reading and compiling the rule set.</param>
/// <param name="TotalMs">Median wall time over <paramref name="Carts"/> carts.</param>
/// <param name="StartCpuMs">The same as <paramref name="StartMs"/> in CPU time (all the process's threads; NaN where unknown).</param>
/// <param name="TotalCpuMs">The same as <paramref name="TotalMs"/> in CPU time.</param>
public sealed record PromoToolTiming(int Carts, double StartMs, double TotalMs, double StartCpuMs, double TotalCpuMs)
{
    public double PerCartUs => (TotalMs - StartMs) * 1000 / Carts;
    public double PerCartCpuUs => (TotalCpuMs - StartCpuMs) * 1000 / Carts;
}

/// <summary>Runs the <c>promo</c> executable, as a user or a batch job would, and times it from outside.</summary>
public static class PromoTool
{
    /// <summary>
    /// Times <c>promo price --rules RULES --carts FILE</c> over <paramref name="carts"/> copies of
    /// <paramref name="cartJson"/> and over an empty file, <paramref name="runs"/> times each, alternating
    /// (so that load from other processes falls on both); the difference of the medians is the carts' cost.
    /// Standard output is read and dropped.
    /// </summary>
    public static PromoToolTiming Time(string rulesPath, string cartJson, int carts, int runs, string? tool = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        string exe = tool ?? Repository.PromoTool;
        string folder = Path.GetDirectoryName(rulesPath)!;
        string empty = Path.Combine(folder, "carts-0.jsonl");
        string many = Path.Combine(folder, $"carts-{carts}.jsonl");
        File.WriteAllText(empty, "");
        File.WriteAllText(many, Repeat(cartJson, carts));
        ChildResult Once(string file) =>
            ChildProcess.Run(exe, ["price", "--rules", rulesPath, "--carts", file], folder, environment, discardStdout: true).EnsureSuccess("promo price --carts");
        Once(empty); // the first start of an executable pays for the disk cache
        var start = new List<ChildResult>();
        var total = new List<ChildResult>();
        for (int r = 0; r < runs; r++)
        {
            start.Add(Once(empty));
            total.Add(Once(many));
        }
        static double Wall(List<ChildResult> x) => Machine.Median(x.Select(c => c.Elapsed.TotalMilliseconds));
        static double Cpu(List<ChildResult> x) => Machine.Median(x.Select(c => c.Cpu?.TotalMilliseconds ?? double.NaN));
        return new PromoToolTiming(carts, Wall(start), Wall(total), Cpu(start), Cpu(total));
    }

    /// <summary><paramref name="count"/> lines of the same compact cart JSON.</summary>
    public static string Repeat(string cartJson, int count)
    {
        var text = new StringBuilder((cartJson.Length + 1) * count);
        for (int i = 0; i < count; i++) text.Append(cartJson).Append('\n');
        return text.ToString();
    }
}
