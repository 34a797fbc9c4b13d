using System.Diagnostics;

namespace PromoEngine.Benchmarks.Quick;

/// <summary>A measured workload: median time and allocated bytes per operation (a cart, or a load).</summary>
public sealed record Measurement(double NsPerOp, double BytesPerOp, int Batches, long OpsPerBatch);

/// <summary>
/// The quick mode's loop: warm up (so the JIT has tiered up), size batches to about
/// <c>batchMs</c>, run several batches, and take the median time per operation. Bytes come from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> deltas (or the process-wide count for
/// multi-threaded workloads), the median over batches.
/// </summary>
public static class Measure
{
    public static long Sink;

    public static Measurement Run(Func<long> call, int opsPerCall = 1, double batchMs = 150, int batches = 7, double warmupMs = 400,
        bool allThreads = false, int minWarmupCalls = 3)
    {
        // Warm-up: at least minWarmupCalls calls and warmupMs; the last call's time sizes the batches.
        var sw = Stopwatch.StartNew();
        double lastCallMs = 0;
        for (int calls = 0; calls < minWarmupCalls || sw.Elapsed.TotalMilliseconds < warmupMs; calls++)
        {
            long start = Stopwatch.GetTimestamp();
            Sink += call();
            lastCallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (lastCallMs > 2 * warmupMs && calls + 1 >= Math.Min(minWarmupCalls, 2)) break; // very long calls: do not warm forever
        }
        long callsPerBatch = Math.Max(1, (long)(batchMs / Math.Max(lastCallMs, 1e-6)));

        var times = new double[batches];
        var bytes = new double[batches];
        for (int b = 0; b < batches; b++)
        {
            long allocated = Allocated(allThreads);
            long start = Stopwatch.GetTimestamp();
            long sum = 0;
            for (long i = 0; i < callsPerBatch; i++) sum += call();
            double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            bytes[b] = (Allocated(allThreads) - allocated) / (double)(callsPerBatch * opsPerCall);
            times[b] = ns / (callsPerBatch * opsPerCall);
            Sink += sum;
        }
        return new Measurement(Median(times), Median(bytes), batches, callsPerBatch * opsPerCall);
    }

    /// <summary>
    /// Several workloads whose ratio matters (W3 sizes, PromoEngine vs RulesEngine, 1 vs N threads):
    /// each is warmed up and sized alone, then their batches alternate, so that load from other
    /// processes on the machine falls on all of them alike.
    /// </summary>
    public static Measurement[] Interleaved(IReadOnlyList<Func<long>> calls, int opsPerCall = 1, double batchMs = 150, int batches = 7,
        double warmupMs = 400, bool allThreads = false)
    {
        var callsPerBatch = new long[calls.Count];
        for (int j = 0; j < calls.Count; j++)
        {
            var sw = Stopwatch.StartNew();
            double lastCallMs = 0;
            for (int k = 0; k < 3 || sw.Elapsed.TotalMilliseconds < warmupMs; k++)
            {
                long start = Stopwatch.GetTimestamp();
                Sink += calls[j]();
                lastCallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            callsPerBatch[j] = Math.Max(1, (long)(batchMs / Math.Max(lastCallMs, 1e-6)));
        }
        var times = new double[calls.Count][];
        var bytes = new double[calls.Count][];
        for (int j = 0; j < calls.Count; j++) (times[j], bytes[j]) = (new double[batches], new double[batches]);
        for (int b = 0; b < batches; b++)
        {
            for (int j = 0; j < calls.Count; j++)
            {
                long allocated = Allocated(allThreads);
                long start = Stopwatch.GetTimestamp();
                long sum = 0;
                for (long i = 0; i < callsPerBatch[j]; i++) sum += calls[j]();
                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
                bytes[j][b] = (Allocated(allThreads) - allocated) / (double)(callsPerBatch[j] * opsPerCall);
                times[j][b] = ns / (callsPerBatch[j] * opsPerCall);
                Sink += sum;
            }
        }
        return Enumerable.Range(0, calls.Count)
            .Select(j => new Measurement(Median(times[j]), Median(bytes[j]), batches, callsPerBatch[j] * opsPerCall)).ToArray();
    }

    private static long Allocated(bool allThreads) => allThreads ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
