using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Workloads;

/// <summary>What to generate.</summary>
public sealed record RuleSetOptions
{
    /// <summary>Promotions over the carts' part of the catalog (they touch typical carts).</summary>
    public int Promotions { get; init; }
    /// <summary>Promotions over the "far" part of the catalog, which no generated cart touches.</summary>
    public int FarPromotions { get; init; }
    /// <summary>Coupon definitions; the first three are the W1 cart's candidates.</summary>
    public int Coupons { get; init; } = 20;
    /// <summary>Layers (threshold promotions use the first two; coupons use all).</summary>
    public LayerDefinition[] Layers { get; init; } =
        [new() { Id = "store", MaxCoupons = 1 }, new() { Id = "platform", MaxCoupons = 1 }];
    public int MemberPrices { get; init; } = 120;
    public int Seed { get; init; } = 1;
    public int FarSeed { get; init; } = 2;
    public string Id { get; init; } = "bench";
}

/// <summary>
/// Deterministic generator of valid rule sets (spec §3) with a realistic mix of every kind: special
/// prices, item discounts, nth-item, buy-x-get-y, bundles, thresholds (满减 tiers, 满折, 满件折, 每满减
/// with cap, 满赠, excludePromoted, thresholdOn itemPrice), member prices, coupons of every form, points.
/// Every rule of the main part is active for the reference cart (online, gold member, 11.11 at 10:00
/// Beijing time): windows contain that instant (written with +08:00 and Z offsets), channels include
/// online, minTier is at most gold, no store restriction.
/// </summary>
public static class RuleSetGenerator
{
    public static readonly DateTimeOffset At = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static RuleSetDefinition Generate(Catalog catalog, RuleSetOptions o)
    {
        var random = new Random(o.Seed);
        var promotions = new List<PromotionDefinition>(o.Promotions + o.FarPromotions);
        var thresholdLayers = o.Layers.Take(2).Select(l => l.Id!).ToArray();
        for (int i = 0; i < o.Promotions; i++)
            promotions.Add(Promotion(random, $"p{i:D6}", new MainScopes(catalog, random), thresholdLayers, far: false));
        var farRandom = new Random(o.FarSeed);
        for (int i = 0; i < o.FarPromotions; i++)
            promotions.Add(Promotion(farRandom, $"p{o.Promotions + i:D6}", new FarScopes(farRandom), thresholdLayers, far: true));

        return new RuleSetDefinition
        {
            Id = o.Id,
            Version = "2026.11.1",
            Currency = "CNY",
            Rounding = PromoEngine.Money.RoundingMode.HalfUp,
            Tiers = ["silver", "gold", "platinum"],
            Layers = o.Layers,
            MemberPrices = MemberPrices(catalog, new Random(o.Seed + 17), o.MemberPrices),
            Promotions = promotions,
            Coupons = Coupons(catalog, new Random(o.Seed + 31), o.Coupons, o.Layers),
            Points = new PointsDefinition
            {
                PointsPerUnit = 100, MaxPercent = 50, MinPoints = 1000, Step = 100, MaxPoints = 50000, EarnPerUnit = 1,
                Scope = new ScopeDefinition { ExcludeCategories = ["electronics.phones"] },
            },
        };
    }

    // ---- scopes -------------------------------------------------------------------------------

    private interface IScopes
    {
        ScopeDefinition? Any();
        ScopeDefinition Skus(int max);
        ScopeDefinition Category();
        decimal PriceOf(ScopeDefinition scope);
        ScopeDefinition SimilarSkus();
    }

    /// <summary>Scopes over the part of the catalog carts hold; SKU lists lean to the hot SKUs.</summary>
    private sealed class MainScopes(Catalog c, Random r) : IScopes
    {
        public ScopeDefinition? Any()
        {
            double x = r.NextDouble();
            ScopeDefinition? scope =
                x < 0.15 ? new ScopeDefinition { Categories = [Pick(c.Departments)] }
                : x < 0.40 ? new ScopeDefinition { Categories = Distinct(1 + r.Next(2), () => Pick(c.Categories)) }
                : x < 0.65 ? new ScopeDefinition { Brands = Distinct(1 + r.Next(2), () => Pick(c.Brands)) }
                : x < 0.90 ? Skus(5)
                : x < 0.97 ? new ScopeDefinition { Tags = [Pick(Catalog.AllTags)] }
                : null;
            if (scope is not null && r.NextDouble() < 0.10)
                scope = r.Next(2) == 0 ? scope with { ExcludeTags = ["clearance"] } : scope with { ExcludeBrands = [Pick(c.Brands)] };
            return scope;
        }

        public ScopeDefinition Skus(int max) =>
            new() { Skus = Distinct(1 + r.Next(max), () => (r.NextDouble() < 0.7 ? Pick(c.Hot) : Pick(c.Products)).Sku) };

        public ScopeDefinition Category() => new() { Categories = [r.NextDouble() < 0.3 ? Pick(c.Departments) : Pick(c.Categories)] };

        public decimal PriceOf(ScopeDefinition scope)
        {
            if (scope.Skus is { } skus) return skus.Min(s => c.BySku[s].Price);
            string category = scope.Categories![0];
            var products = c.ByCategory.TryGetValue(category, out var inCategory) ? inCategory : c.ByDepartment[category];
            return products.Select(p => p.Price).Order().ElementAt(products.Length / 5); // a low price of the category
        }

        public ScopeDefinition SimilarSkus()
        {
            // 秒杀 of one SKU, sometimes of its variants: SKUs of the same category within 15 % of its price.
            var main = r.NextDouble() < 0.7 ? Pick(c.Hot) : Pick(c.Products);
            var skus = new List<string> { main.Sku };
            if (r.NextDouble() < 0.25)
                skus.AddRange(c.ByCategory[main.Category].Where(p => p.Sku != main.Sku && Math.Abs(p.Price - main.Price) <= main.Price * 0.15m)
                    .Take(1 + r.Next(2)).Select(p => p.Sku));
            return new ScopeDefinition { Skus = skus };
        }

        private T Pick<T>(T[] items) => items[r.Next(items.Length)];

        private List<string> Distinct(int count, Func<string> next)
        {
            var set = new List<string>();
            for (int k = 0; k < count * 3 && set.Count < count; k++)
            {
                string v = next();
                if (!set.Contains(v)) set.Add(v);
            }
            return set;
        }
    }

    /// <summary>Scopes over SKUs, categories and brands no generated cart has.</summary>
    private sealed class FarScopes(Random r) : IScopes
    {
        public ScopeDefinition? Any()
        {
            double x = r.NextDouble();
            return x < 0.35 ? Category()
                : x < 0.60 ? new ScopeDefinition { Brands = [Catalog.FarBrand(r.Next(300))] }
                : Skus(3);
        }

        public ScopeDefinition Skus(int max) =>
            new() { Skus = Enumerable.Range(0, 1 + r.Next(max)).Select(_ => Catalog.FarSku(r.Next(20000))).Distinct().ToList() };

        public ScopeDefinition Category() => new() { Categories = [Catalog.FarCategory(r.Next(500))] };

        public decimal PriceOf(ScopeDefinition scope) => 20m + r.Next(400);

        public ScopeDefinition SimilarSkus() => Skus(2);
    }

    // ---- promotions ---------------------------------------------------------------------------

    private static PromotionDefinition Promotion(Random r, string id, IScopes scopes, string[] thresholdLayers, bool far)
    {
        double x = r.NextDouble();
        var p = Common(r, id, far);
        if (x < 0.18)
        {
            var scope = scopes.SimilarSkus();
            decimal price = Money(scopes.PriceOf(scope) * (decimal)(0.60 + 0.32 * r.NextDouble()), 1);
            return p with
            {
                Kind = PromotionKind.SpecialPrice, Scope = scope, Price = price,
                LimitPerOrder = r.NextDouble() < 0.3 ? 1 + r.Next(3) : null,
            };
        }
        if (x < 0.43)
        {
            // 折扣 by percentage over any scope; 直降 (an amount per unit) on SKUs, sized to their price.
            bool percent = r.NextDouble() < 0.7;
            var scope = percent ? scopes.Any() : scopes.SimilarSkus();
            return p with
            {
                Kind = PromotionKind.ItemDiscount, Scope = scope,
                PercentOff = percent ? Pick(r, [5m, 8m, 10m, 12m, 15m, 20m]) : null,
                AmountOff = percent ? null : Math.Max(1m, Math.Round(scopes.PriceOf(scope!) * (decimal)(0.05 + 0.10 * r.NextDouble()))),
                StacksWithMemberPrice = r.NextDouble() < 0.3 ? true : null,
            };
        }
        if (x < 0.53)
        {
            double v = r.NextDouble();
            return p with
            {
                Kind = PromotionKind.NthItem, Scope = scopes.Any(), N = r.NextDouble() < 0.7 ? 2 : 3,
                PercentOff = v < 0.5 ? 50m : v < 0.8 ? Pick(r, [20m, 30m, 70m, 100m]) : null,
                AmountOff = v >= 0.8 && v < 0.9 ? Pick(r, [5m, 10m]) : null,
                Price = v >= 0.9 ? Pick(r, [1.00m, 9.90m]) : null,
                LimitPerOrder = r.NextDouble() < 0.2 ? 1 + r.Next(3) : null,
            };
        }
        if (x < 0.61)
        {
            var (buy, get) = Pick(r, [(1L, 1L), (2L, 1L), (3L, 1L), (3L, 2L)]);
            return p with
            {
                Kind = PromotionKind.BuyXGetY, Scope = scopes.Any(), Buy = buy, Get = get,
                LimitPerOrder = r.NextDouble() < 0.2 ? 1 + r.Next(3) : null,
            };
        }
        if (x < 0.68)
        {
            int count = r.NextDouble() < 0.8 ? 2 : 3;
            var components = new List<BundleComponentDefinition>();
            decimal sum = 0;
            for (int k = 0; k < count; k++)
            {
                var scope = r.NextDouble() < 0.4 ? scopes.Category() : scopes.SimilarSkus();
                long quantity = r.NextDouble() < 0.8 ? 1 : 2;
                sum += quantity * scopes.PriceOf(scope);
                components.Add(new BundleComponentDefinition { Scope = scope, Quantity = quantity });
            }
            return p with
            {
                Kind = PromotionKind.Bundle, Components = components,
                Priority = r.NextDouble() < 0.5 ? 3 + r.Next(3) : p.Priority, // featured bundles (组合价) come first
                Price = Money(sum * (decimal)(0.65 + 0.15 * r.NextDouble()), 1),
                LimitPerOrder = r.NextDouble() < 0.3 ? 1 + r.Next(2) : null,
            };
        }
        return Threshold(r, p, scopes, thresholdLayers);
    }

    private static PromotionDefinition Threshold(Random r, PromotionDefinition p, IScopes scopes, string[] layers)
    {
        string layer = layers.Length == 1 || r.NextDouble() < 0.6 ? layers[0] : layers[1];
        var scope = scopes is MainScopes && r.NextDouble() < 0.03 ? null : scopes.Any() ?? scopes.Category(); // a few whole-store (跨店) thresholds
        p = p with
        {
            Kind = PromotionKind.Threshold, Layer = layer, Scope = scope,
            ExcludePromoted = r.NextDouble() < 0.15 ? true : null,
        };
        double x = r.NextDouble();
        if (x < 0.40) return p with { Tiers = AmountTiers(r) };                     // 满减 tiers
        if (x < 0.48)                                                             // 满折
        {
            decimal first = Pick(r, [200m, 300m]);
            return p with
            {
                Tiers =
                [
                    new() { AtLeast = first, PercentOff = 5, MaxOff = r.Next(2) == 0 ? 30m : null },
                    new() { AtLeast = first * 2, PercentOff = 10, MaxOff = r.Next(2) == 0 ? 80m : null },
                ],
            };
        }
        if (x < 0.60)                                                             // 满件折
        {
            return p with
            {
                Basis = ThresholdBasis.Quantity,
                Tiers =
                [
                    new() { AtLeast = 2, PercentOff = Pick(r, [5m, 10m]) },
                    new() { AtLeast = 3, PercentOff = 15, MaxOff = r.Next(2) == 0 ? 100m : null },
                ],
            };
        }
        if (x < 0.65)                                                             // 满2件减10
            return p with { Basis = ThresholdBasis.Quantity, Tiers = [new() { AtLeast = 2, AmountOff = Pick(r, [5m, 10m, 20m]) }] };
        if (x < 0.85)                                                             // 每满减, often capped
        {
            decimal every = Pick(r, [100m, 200m, 300m]);
            return p with
            {
                Repeat = new RepeatDefinition
                {
                    Every = every, AmountOff = Math.Min(every, Pick(r, [10m, 20m, 30m, 40m, 50m])),
                    Cap = r.Next(2) == 0 ? Pick(r, [100m, 200m, 300m, 500m]) : null,
                },
                ThresholdOn = layer != layers[0] && r.NextDouble() < 0.25 ? PromoEngine.Definitions.ThresholdOn.ItemPrice : null,
            };
        }
        decimal atLeast = Pick(r, [99m, 199m, 299m]);                             // 满赠
        return p with
        {
            Tiers = r.Next(2) == 0
                ? [new() { AtLeast = atLeast, Gift = new GiftDefinition { Sku = $"GIFT-{r.Next(50):D3}" } }]
                : [
                    new() { AtLeast = atLeast, Gift = new GiftDefinition { Sku = $"GIFT-{r.Next(50):D3}", Quantity = 1 } },
                    new() { AtLeast = atLeast + 200, AmountOff = 20, Gift = new GiftDefinition { Sku = $"GIFT-{r.Next(50):D3}", Quantity = 2 } },
                ],
        };
    }

    /// <summary>满199减20 / 满299减40 / …: strictly increasing thresholds, increasing amounts.</summary>
    private static List<ThresholdTierDefinition> AmountTiers(Random r)
    {
        int count = 1 + r.Next(3);
        decimal atLeast = Pick(r, [99m, 149m, 199m, 299m, 399m]);
        decimal lastOff = 0;
        var tiers = new List<ThresholdTierDefinition>();
        for (int k = 0; k < count; k++)
        {
            decimal off = Math.Max(lastOff + 5, Math.Round(atLeast * (decimal)(0.08 + 0.07 * r.NextDouble())));
            tiers.Add(new ThresholdTierDefinition { AtLeast = atLeast, AmountOff = off });
            lastOff = off;
            atLeast += Pick(r, [100m, 200m, 300m]);
        }
        return tiers;
    }

    /// <summary>Window, channels, tier and priority; active for the reference cart unless <paramref name="far"/> picks otherwise.</summary>
    private static PromotionDefinition Common(Random r, string id, bool far)
    {
        var (window, channels, minTier) = Conditions(r);
        IReadOnlyList<string>? stores = null;
        if (far)
        {
            double x = r.NextDouble();
            if (x < 0.10) window = new WindowDefinition { From = D(2026, 10, 1), To = D(2026, 11, 1) }; // expired
            else if (x < 0.20) stores = ["SH-001", "BJ-007"];
        }
        return new PromotionDefinition
        {
            Id = id, Window = window, Channels = channels, Stores = stores, MinTier = minTier,
            Priority = r.NextDouble() < 0.2 ? 1 + r.Next(5) : null,
        };
    }

    private static (WindowDefinition? Window, List<string>? Channels, string? MinTier) Conditions(Random r)
    {
        double w = r.NextDouble();
        WindowDefinition? window =
            w < 0.70 ? new WindowDefinition { From = D(2026, 11, 1), To = D(2026, 11, 12) }
            : w < 0.80 ? new WindowDefinition { From = new DateTimeOffset(2026, 11, 10, 20, 0, 0, Beijing) }
            : w < 0.85 ? new WindowDefinition { To = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero) }
            : w < 0.95 ? new WindowDefinition { From = new DateTimeOffset(2026, 11, 10, 16, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 11, 11, 16, 0, 0, TimeSpan.Zero) }
            : null;
        double c = r.NextDouble();
        List<string>? channels = c < 0.15 ? ["online"] : c < 0.20 ? ["online", "store"] : null;
        double t = r.NextDouble();
        string? minTier = t < 0.10 ? "silver" : t < 0.20 ? "gold" : null;
        return (window, channels, minTier);
    }

    // ---- member prices, coupons ---------------------------------------------------------------

    private static List<MemberPriceDefinition> MemberPrices(Catalog catalog, Random r, int count)
    {
        var list = new List<MemberPriceDefinition>
        {
            new() { MinTier = "silver", PercentOff = 2, Scope = new ScopeDefinition { Categories = ["grocery", "fresh"] } },
            new() { MinTier = "gold", PercentOff = 5, Scope = new ScopeDefinition { Categories = ["grocery", "fresh", "baby"], ExcludeTags = ["clearance"] } },
            new() { MinTier = "platinum", PercentOff = 8, Scope = new ScopeDefinition { Categories = ["beauty"] } },
        };
        var skus = new HashSet<string>(StringComparer.Ordinal);
        while (list.Count < count)
        {
            var product = r.NextDouble() < 0.8 ? catalog.Hot[r.Next(catalog.Hot.Length)] : catalog.Products[r.Next(catalog.Products.Length)];
            if (!skus.Add(product.Sku)) continue;
            var (window, channels, _) = Conditions(r);
            string tier = r.NextDouble() < 0.6 ? "gold" : r.Next(2) == 0 ? "silver" : "platinum";
            list.Add(r.NextDouble() < 0.7
                ? new() { MinTier = tier, Sku = product.Sku, Price = Money(product.Price * (decimal)(0.75 + 0.15 * r.NextDouble()), 1), Window = window, Channels = channels }
                : new() { MinTier = tier, Sku = product.Sku, PercentOff = Pick(r, [3m, 5m, 10m]), Window = window, Channels = channels, Priority = 1 });
        }
        return list;
    }

    private static List<CouponDefinition> Coupons(Catalog catalog, Random r, int count, LayerDefinition[] layers)
    {
        string first = layers[0].Id!, second = layers[Math.Min(1, layers.Length - 1)].Id!;
        // The W1 cart's three candidates: a store coupon and two competing platform coupons (amount, minSpend).
        var list = new List<CouponDefinition>
        {
            new() { Id = "c-store-199-20", Layer = first, MinSpend = 199, AmountOff = 20, Window = new WindowDefinition { From = D(2026, 11, 1), To = D(2026, 11, 12) } },
            new() { Id = "c-plat-299-30", Layer = second, MinSpend = 299, AmountOff = 30 },
            new() { Id = "c-plat-99-10", Layer = second, MinSpend = 99, AmountOff = 10, Channels = ["online"] },
        };
        for (int i = list.Count; i < count; i++)
        {
            var (window, channels, minTier) = Conditions(r);
            if (r.NextDouble() < 0.05) channels = ["store"]; // not usable online: a static rejection
            var c = new CouponDefinition
            {
                Id = $"c{i:D3}", Layer = layers[r.Next(layers.Length)].Id, Window = window, Channels = channels, MinTier = minTier,
                Priority = r.NextDouble() < 0.2 ? 1 + r.Next(3) : null,
                Scope = r.NextDouble() < 0.5 ? null
                    : r.Next(2) == 0 ? new ScopeDefinition { Categories = [catalog.Departments[r.Next(catalog.Departments.Length)]] }
                    : new ScopeDefinition { Brands = [catalog.Brands[r.Next(catalog.Brands.Length)], catalog.Brands[r.Next(catalog.Brands.Length)]] },
                ExcludePromoted = r.NextDouble() < 0.1 ? true : null,
            };
            if (c.Scope?.Brands is { Count: 2 } b && b[0] == b[1]) c = c with { Scope = new ScopeDefinition { Brands = [b[0]] } };
            double x = r.NextDouble();
            if (x < 0.55)
            {
                decimal minSpend = Pick(r, [49m, 99m, 149m, 199m, 299m, 399m, 599m, 999m]);
                c = c with { MinSpend = minSpend, AmountOff = Math.Round(minSpend * (decimal)(0.05 + 0.10 * r.NextDouble())) + 1 };
            }
            else if (x < 0.75) c = c with { PercentOff = Pick(r, [5m, 8m, 10m, 12m]), MaxOff = Pick(r, [20m, 50m, 100m]), MinSpend = r.Next(2) == 0 ? 99m : null };
            else if (x < 0.85) c = c with { AmountOff = Pick(r, [3m, 5m]) };
            else if (x < 0.90) c = c with { AmountOff = 50, MinSpend = 500, Exclusive = true };
            else c = c with { AmountOff = Pick(r, [15m, 25m]), MinSpend = 199, MaxOff = 20 }; // maxOff on an amount coupon caps it (§9)
            list.Add(c);
        }
        return list;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static DateTimeOffset D(int year, int month, int day) => new(year, month, day, 0, 0, 0, Beijing);

    private static T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];

    /// <summary>Money with <paramref name="decimals"/> decimals (≤ 2, as CNY allows), at least 0.01.</summary>
    private static decimal Money(decimal value, int decimals) => Math.Max(0.01m, Math.Round(value, decimals, MidpointRounding.AwayFromZero));
}
