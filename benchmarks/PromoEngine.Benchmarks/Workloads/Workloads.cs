using System.Collections.Concurrent;
using PromoEngine.Definitions;
using PromoEngine.Json;

namespace PromoEngine.Benchmarks.Workloads;

/// <summary>
/// The workloads of issue #3, built once per process from fixed seeds (so BenchmarkDotNet's child
/// processes and the quick mode price exactly the same data).
/// </summary>
public static class Workloads
{
    public static readonly int[] W3Sizes = [100, 1_000, 10_000, 100_000];
    public const int W3Core = 100;
    public const int W6BatchSize = 64;

    private static readonly Lazy<Catalog> LazyCatalog = new(() => new Catalog());
    private static readonly ConcurrentDictionary<string, Lazy<object>> Cache = new();

    public static Catalog Catalog => LazyCatalog.Value;

    // Measured lambdas should still hoist what they use: a lambda passed here allocates its closure.
    private static T Once<T>(string key, Func<T> build) where T : class =>
        (T)(Cache.TryGetValue(key, out var built) ? built : Cache.GetOrAdd(key, _ => new Lazy<object>(() => build()))).Value;

    // W1: a 20-line cart, 1,000 active promotions, 20 coupon definitions, 3 candidates, points in use.
    public static RuleSetDefinition W1Rules => Once("w1.rules", () => RuleSetGenerator.Generate(Catalog, new RuleSetOptions { Id = "w1", Promotions = 1_000, Seed = 1 }));
    public static PricingEngine W1Engine => Once("w1.engine", () => PricingEngine.Compile(W1Rules));
    public static readonly string[] W1Coupons = ["c-store-199-20", "c-plat-299-30", "c-plat-99-10"];
    public static CartDefinition W1Cart => Once("w1.cart", () => CartGenerator.Generate(Catalog, 101, 20, 0.9, W1Coupons, usePoints: PointsRequest.Of(5_000)));

    // W1's rule set with every rule funded by two or three parties (issue #10): the cost of the §10 splits.
    public static PricingEngine W1FundedEngine => Once("w1.funded.engine", () =>
    {
        FundingDefinition Shares(int k) => new()
        {
            Shares = (k % 3) switch
            {
                0 => [new FundingShareDefinition { Party = "platform", Percent = 60 }, new FundingShareDefinition { Party = $"brand:{k % 7}", Percent = 40 }],
                1 => [new FundingShareDefinition { Party = "platform", Percent = 33.33333333m }, new FundingShareDefinition { Party = "store", Percent = 33.33333333m },
                      new FundingShareDefinition { Party = $"brand:{k % 7}", Percent = 33.33333334m }],
                _ => [new FundingShareDefinition { Party = "store", Percent = 12.5m }, new FundingShareDefinition { Party = "platform", Percent = 87.5m }],
            },
        };
        var rules = W1Rules;
        return PricingEngine.Compile(rules with
        {
            MemberPrices = rules.MemberPrices!.Select((m, k) => m with { Funding = Shares(k) }).ToList(),
            Promotions = rules.Promotions!.Select((p, k) => p with { Funding = Shares(k) }).ToList(),
            Coupons = rules.Coupons!.Select((c, k) => c with { Funding = Shares(k) }).ToList(),
            Points = rules.Points! with { Funding = Shares(1) },
        });
    });

    // W1's rule set without promotions or member prices: the floor under W1 (coupons and points remain).
    public static PricingEngine W1EmptyEngine => Once("w1.empty.engine", () => PricingEngine.Compile(W1Rules with { Promotions = [], MemberPrices = [] }));

    // W2: a 200-line cart against 10,000 promotions.
    public static RuleSetDefinition W2Rules => Once("w2.rules", () => RuleSetGenerator.Generate(Catalog, new RuleSetOptions { Id = "w2", Promotions = 10_000, Seed = 2 }));
    public static PricingEngine W2Engine => Once("w2.engine", () => PricingEngine.Compile(W2Rules));
    public static CartDefinition W2Cart => Once("w2.cart", () => CartGenerator.Generate(Catalog, 202, 200, 0.3, W1Coupons, usePoints: PointsRequest.All));

    // W3: the W1 cart; 100 promotions that concern its part of the catalog, plus (size − 100) that do not.
    public static RuleSetDefinition W3Rules(int size) => Once($"w3.rules.{size}", () => RuleSetGenerator.Generate(Catalog,
        new RuleSetOptions { Id = $"w3-{size}", Promotions = Math.Min(size, W3Core), FarPromotions = Math.Max(0, size - W3Core), Seed = 3, FarSeed = 4 }));
    public static PricingEngine W3Engine(int size) => Once($"w3.engine.{size}", () => PricingEngine.Compile(W3Rules(size)));

    // W4: the W1 cart's lines presenting 20 coupon candidates over 3 layers (store 1, platform 2, payment 1).
    public static RuleSetDefinition W4Rules => Once("w4.rules", () => RuleSetGenerator.Generate(Catalog, new RuleSetOptions
    {
        Id = "w4", Promotions = 1_000, Coupons = 40, Seed = 5,
        Layers = [new() { Id = "store", MaxCoupons = 1 }, new() { Id = "platform", MaxCoupons = 2 }, new() { Id = "payment", MaxCoupons = 1 }],
    }));
    public static PricingEngine W4Engine => Once("w4.engine", () => PricingEngine.Compile(W4Rules));
    public static CartDefinition W4Cart => Once("w4.cart", () =>
    {
        var random = new Random(404);
        var ids = W4Rules.Coupons!.Select(c => c.Id!).ToList();
        var chosen = W1Coupons.Concat(ids.Skip(3).OrderBy(_ => random.Next()).Take(17)).ToList();
        return W1Cart with { Coupons = chosen.Select((id, k) => new CouponInstanceDefinition { Code = $"W4-{k:D2}", CouponId = id }).ToList() };
    });

    // W5: the 100,000-promotion rule set of W3 as JSON text.
    public static string W5Json => Once("w5.json", () => DefinitionJson.Write(W3Rules(100_000)));

    // W6: one engine (W1's) shared by all threads, over a varied batch of carts.
    public static CartDefinition[] W6Batch => Once("w6.batch", () => CartGenerator.Batch(Catalog, 606, W6BatchSize, W1Rules.Coupons!.Select(c => c.Id!).ToList()));

    /// <summary>Sums <see cref="PricingCall.Price"/> over the batch with the given parallelism.</summary>
    public static long PriceBatch(PricingEngine engine, CartDefinition[] carts, int threads)
    {
        if (threads == 1)
        {
            long sum = 0;
            foreach (var cart in carts) sum += PricingCall.Price(engine, cart);
            return sum;
        }
        long total = 0;
        Parallel.For(0, carts.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => 0L, (i, _, local) => local + PricingCall.Price(engine, carts[i]), local => Interlocked.Add(ref total, local));
        return total;
    }
}
