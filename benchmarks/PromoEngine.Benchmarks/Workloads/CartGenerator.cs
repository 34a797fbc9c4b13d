using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Workloads;

/// <summary>Deterministic carts over the catalog (spec §4).</summary>
public static class CartGenerator
{
    /// <summary>
    /// A cart of <paramref name="lines"/> distinct SKUs, <paramref name="hotShare"/> of them from the hot SKUs,
    /// with 1–6 units a line (mostly 1–3), presenting the given coupons.
    /// </summary>
    public static CartDefinition Generate(Catalog catalog, int seed, int lines, double hotShare, IReadOnlyList<string> couponIds,
        string? tier = "gold", long points = 20_000, PointsRequest? usePoints = null, string channel = "online")
    {
        var random = new Random(seed);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<CartLineDefinition>(lines);
        while (result.Count < lines)
        {
            var product = random.NextDouble() < hotShare
                ? catalog.Hot[random.Next(catalog.Hot.Length)]
                : catalog.Products[random.Next(catalog.Products.Length)];
            if (!chosen.Add(product.Sku)) continue;
            double q = random.NextDouble();
            long quantity = q < 0.45 ? 1 : q < 0.70 ? 2 : q < 0.88 ? 3 : 4 + random.Next(3);
            result.Add(new CartLineDefinition
            {
                Id = $"L{result.Count + 1:D3}",
                Sku = product.Sku,
                UnitPrice = product.Price,
                Quantity = quantity,
                Categories = product.Categories,
                Brand = product.Brand,
                Tags = product.Tags.Length == 0 ? null : product.Tags,
            });
        }
        return new CartDefinition
        {
            Currency = "CNY",
            Channel = channel,
            At = RuleSetGenerator.At,
            Customer = tier is null && points == 0 ? null : new CustomerDefinition { Id = $"u{seed}", Tier = tier, Points = points },
            Lines = result,
            Coupons = couponIds.Select((id, k) => new CouponInstanceDefinition { Code = $"K{k:D2}-{id}", CouponId = id }).ToList(),
            UsePoints = usePoints,
        };
    }

    /// <summary>A varied batch (5–40 lines, guests and every tier, 0–3 coupons, points or not) for throughput and cross-checks.</summary>
    public static CartDefinition[] Batch(Catalog catalog, int seed, int count, IReadOnlyList<string> couponIds)
    {
        var random = new Random(seed);
        var carts = new CartDefinition[count];
        string?[] tiers = [null, "silver", "gold", "gold", "platinum"];
        for (int i = 0; i < count; i++)
        {
            string? tier = tiers[random.Next(tiers.Length)];
            bool guest = tier is null && random.Next(2) == 0;
            long points = guest ? 0 : random.Next(0, 30_000);
            var coupons = Enumerable.Range(0, random.Next(4)).Select(_ => couponIds[random.Next(couponIds.Count)]).Distinct().ToList();
            PointsRequest? use = guest || random.Next(3) == 0 ? null : random.Next(2) == 0 ? PointsRequest.All : PointsRequest.Of(Math.Min(points, 5_000));
            carts[i] = Generate(catalog, seed * 1000 + i, 5 + random.Next(36), 0.75, coupons, tier, points, use);
        }
        return carts;
    }
}
