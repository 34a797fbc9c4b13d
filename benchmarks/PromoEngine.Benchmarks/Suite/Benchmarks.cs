using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PromoEngine.Benchmarks.Peer;
using PromoEngine.Definitions;
using W = PromoEngine.Benchmarks.Workloads.Workloads;

namespace PromoEngine.Benchmarks.Suite;

// BenchmarkDotNet derives from these classes in its generated programs: they must stay public and unsealed.
#pragma warning disable CA1852

/// <summary>W1, W2, W4: one cart priced by a compiled engine.</summary>
[MemoryDiagnoser]
public class PricingBenchmarks
{
    private PricingEngine _w1 = null!, _w2 = null!, _w4 = null!;
    private CartDefinition _w1Cart = null!, _w1Other = null!, _w2Cart = null!, _w4Cart = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_w1, _w1Cart) = (W.W1Engine, W.W1Cart);
        _w1Other = _w1Cart with { Lines = _w1Cart.Lines!.Select(l => l with { Quantity = l.Quantity + 1 }).ToList() };
        (_w2, _w2Cart) = (W.W2Engine, W.W2Cart);
        (_w4, _w4Cart) = (W.W4Engine, W.W4Cart);
    }

    [Benchmark(Description = "W1: 20 lines × 1,000 promotions")]
    public long W1() => PricingCall.Price(_w1, _w1Cart);

    /// <summary>Two different carts in turn: a warm engine that only avoids allocating when a cart repeats shows here.</summary>
    [Benchmark(Description = "W1, alternating with a second cart", OperationsPerInvoke = 2)]
    public long W1Alternating() => PricingCall.Price(_w1, _w1Cart) + PricingCall.Price(_w1, _w1Other);

    [Benchmark(Description = "W1, Price(cart) returning a PricingResult")]
    public long W1Result() => PricingCall.PriceToResult(_w1, _w1Cart);

    [Benchmark(Description = "W2: 200 lines × 10,000 promotions")]
    public long W2() => PricingCall.Price(_w2, _w2Cart);

    [Benchmark(Description = "W4: 20 coupon candidates, 3 layers")]
    public long W4() => PricingCall.Price(_w4, _w4Cart);
}

/// <summary>W3: the W1 cart while the rule set grows (promotions beyond the first 100 do not touch the cart).</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private PricingEngine _engine = null!;
    private CartDefinition _cart = null!;

    [Params(100, 1_000, 10_000, 100_000)]
    public int Promotions { get; set; }

    [GlobalSetup]
    public void Setup() => (_engine, _cart) = (W.W3Engine(Promotions), W.W1Cart);

    [Benchmark(Description = "W3: W1 cart, growing rule set")]
    public long W3() => PricingCall.Price(_engine, _cart);
}

/// <summary>W5: JSON text of 100,000 promotions → a compiled engine. About a second or more a call: few iterations.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LoadBenchmarks
{
    private string _json = null!;

    [GlobalSetup]
    public void Setup() => _json = W.W5Json;

    [Benchmark(Description = "W5: load + compile 100,000 promotions")]
    public PricingEngine W5() => PricingEngine.FromJson(_json);
}

/// <summary>W6: one engine shared by every thread; time is per cart (carts/s = 10⁹ / mean).</summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private PricingEngine _engine = null!;
    private CartDefinition[] _batch = null!;

    public static IEnumerable<int> ThreadCounts => new[] { 1, Environment.ProcessorCount }.Distinct();

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => (_engine, _batch) = (W.W1Engine, W.W6Batch);

    [Benchmark(Description = "W6: batch of carts, Parallel.For", OperationsPerInvoke = W.W6BatchSize)]
    public long W6() => W.PriceBatch(_engine, _batch, Threads);
}

/// <summary>The RulesEngine peer: W1's 满减 thresholds and amount coupons, same cart, both engines (see <see cref="RulesEnginePeer"/>).</summary>
[MemoryDiagnoser]
public class PeerBenchmarks
{
    private PricingEngine _ours = null!;
    private RulesEnginePeer _peer = null!;
    private CartDefinition _cart = null!;

    [GlobalSetup]
    public void Setup()
    {
        PeerCheck.Verify();
        (_ours, _peer, _cart) = (PeerCheck.Ours, PeerCheck.Peer, W.W1Cart);
    }

    [Benchmark(Baseline = true, Description = "W1 subset: PromoEngine")]
    public long PromoEngine() => PricingCall.Price(_ours, _cart);

    [Benchmark(Description = "W1 subset: RulesEngine")]
    public long RulesEngine() => _peer.Total(_cart);
}
