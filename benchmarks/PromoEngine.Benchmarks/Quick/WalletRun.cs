using System.Diagnostics;
using System.Globalization;
using PromoEngine.Benchmarks.Workloads;

namespace PromoEngine.Benchmarks.Quick;

/// <summary>
/// <c>--wallets</c>: issue #9's growth curve. W4-L — the W1 cart's lines with wallets of 10 to 320 coupon
/// instances drawn from 200 definitions, over three layers with maxCoupons 3/5/3, 5/5/5 and 8/8/8 — and
/// W4-I, one line with hundreds of identical instances of two coupons. Each cart is priced up to 21 times
/// after a warm-up of at least 30 runs and 500 ms; the median, the slowest, the choice (exact or bounded) and the coupons used are printed.
/// </summary>
public static class WalletRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        Console.WriteLine($"PromoEngine coupon wallets (issue #9) — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        Console.WriteLine("W4-L: 20 lines, 1,000 promotions, 200 coupon definitions; wallet = instances presented; median / slowest of the runs after warm-up");
        Console.WriteLine();
        Console.WriteLine($"{"layers",-8} {"wallet",6} {"valid",6} {"median",10} {"slowest",10}  {"choice",-8} {"used",4}");
        foreach (var (store, platform, payment) in new[] { (3, 5, 3), (5, 5, 5), (8, 8, 8) })
        {
            var rules = CouponWallets.Rules(store, platform, payment);
            var engine = PricingEngine.Compile(rules);
            foreach (int size in CouponWallets.Sizes)
            {
                var cart = CouponWallets.Wallet(rules, size);
                var result = engine.Price(cart);
                var (median, slowest) = Time(() => engine.Price(cart).Total);
                int valid = result.Coupons.Count(c => c.Reason is null or CouponReason.NotInBestCombination or CouponReason.MinSpendNotMet or CouponReason.NoEligibleItems);
                Console.WriteLine($"{store}/{platform}/{payment,-4} {size,6} {valid,6} {Ms(median),10} {Ms(slowest),10}  {result.CouponChoice.ToString().ToLowerInvariant(),-8} {result.Coupons.Count(c => c.Applied),4}");
            }
        }
        Console.WriteLine();
        Console.WriteLine("W4-I: one line, two layers of 2, identical instances of two amount coupons");
        foreach (int instances in new[] { 10, 100, 300, 1_000 })
        {
            var (rules, cart) = CouponWallets.Identical(instances);
            var engine = PricingEngine.Compile(rules);
            var result = engine.Price(cart);
            var (median, slowest) = Time(() => engine.Price(cart).Total);
            Console.WriteLine($"{instances,6} instances: median {Ms(median)}, slowest {Ms(slowest)}, {result.CouponChoice.ToString().ToLowerInvariant()}, {result.Coupons.Count(c => c.Applied)} used");
        }
        return 0;
    }

    /// <summary>
    /// Median and slowest of up to 21 runs (fewer for slow carts: at most about 2 s in all), after a warm-up of at
    /// least 30 runs and 500 ms (at most 3 s): the runtime compiles the search's hot loops again, optimised, only
    /// after they have run a while, so two warm-up runs measured unoptimised code (2–4× slower).
    /// </summary>
    private static (double Median, double Slowest) Time(Func<long> price)
    {
        var warmUp = Stopwatch.StartNew();
        int warmRuns = 0;
        while ((warmRuns < 30 || warmUp.ElapsedMilliseconds < 500) && warmUp.ElapsedMilliseconds < 3_000)
        {
            Measure.Sink += price();
            warmRuns++;
        }
        double once = warmUp.Elapsed.TotalMilliseconds / warmRuns;
        int runs = (int)Math.Clamp(2_000 / Math.Max(once, 0.01), 3, 21);
        var times = new double[runs];
        for (int k = 0; k < runs; k++)
        {
            var watch = Stopwatch.StartNew();
            Measure.Sink += price();
            times[k] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[^1]);
    }

    private static string Ms(double ms) => ms >= 10 ? ms.ToString("0", Inv) + " ms" : ms >= 1 ? ms.ToString("0.0", Inv) + " ms" : (ms * 1000).ToString("0", Inv) + " µs";
}
