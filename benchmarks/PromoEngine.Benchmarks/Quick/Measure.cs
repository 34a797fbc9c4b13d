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
        long callsPerBatch = Math.Max(1, (long)(batchMs / WarmUp(call, warmupMs, minWarmupCalls)));

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
        for (int j = 0; j < calls.Count; j++) callsPerBatch[j] = Math.Max(1, (long)(batchMs / WarmUp(calls[j], warmupMs, 3)));
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

    /// <summary>
    /// Runs <paramref name="call"/> for <paramref name="ms"/> milliseconds, so that the tiered JIT (with
    /// dynamic PGO) has finished with the engine's code before the first measurement. Without this the
    /// first workload measured came out 3–5× slower than the same work measured later in the process.
    /// </summary>
    public static void Settle(Func<long> call, double ms)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalMilliseconds < ms) Sink += call();
    }

    /// <summary>
    /// Calls <paramref name="call"/> in rounds of about 100 ms until the JIT has settled: at least
    /// <paramref name="warmupMs"/> and <paramref name="minCalls"/> calls, then until four rounds in a row
    /// are no more than 3 % faster than the best round so far (at most 5 s; long calls stop sooner).
    /// Returns the best time per call in milliseconds.
    /// </summary>
    private static double WarmUp(Func<long> call, double warmupMs, int minCalls)
    {
        var total = Stopwatch.StartNew();
        double best = double.MaxValue;
        int calls = 0, stale = 0;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            int n = 0;
            do { Sink += call(); n++; } while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < 100);
            double perCall = Stopwatch.GetElapsedTime(start).TotalMilliseconds / n;
            calls += n;
            stale = perCall < best * 0.97 ? 0 : stale + 1;
            best = Math.Min(best, perCall);
            double elapsed = total.Elapsed.TotalMilliseconds;
            if (calls >= minCalls && elapsed >= warmupMs && (stale >= 4 || elapsed > 5_000 || perCall > 1_000)) return best;
        }
    }

    private static long Allocated(bool allThreads) => allThreads ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
