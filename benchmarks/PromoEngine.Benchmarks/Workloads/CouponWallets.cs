using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Workloads;

/// <summary>
/// Issue #9's wallets: a shopper hands over the whole coupon wallet and the engine must find the best
/// combination (§5.1). W4-L: the W1 cart's 20 lines, 3 layers, 200 coupon definitions (amount with
/// minSpend, percent with cap, small no-threshold amounts, exclusive ones, some scoped by category or
/// brand), and wallets of 10 to 320 instances drawn from them. W4-I: a one-line cart holding hundreds
/// of identical instances of two amount coupons over two layers of 2.
/// </summary>
public static class CouponWallets
{
    public static readonly int[] Sizes = [10, 20, 40, 80, 160, 320];

    /// <summary>The W4-L rule set with each layer's maxCoupons (store, platform, payment).</summary>
    public static RuleSetDefinition Rules(int store, int platform, int payment) => RuleSetGenerator.Generate(Workloads.Catalog, new RuleSetOptions
    {
        Id = $"w4l-{store}-{platform}-{payment}", Promotions = 1_000, Coupons = 200, Seed = 5,
        Layers = [new() { Id = "store", MaxCoupons = store }, new() { Id = "platform", MaxCoupons = platform }, new() { Id = "payment", MaxCoupons = payment }],
    });

    /// <summary>The W1 cart's lines with <paramref name="size"/> coupon instances of the rule set's definitions (several of one definition too).</summary>
    public static CartDefinition Wallet(RuleSetDefinition rules, int size)
    {
        var random = new Random(900 + size);
        var ids = rules.Coupons!.Select(c => c.Id!).ToArray();
        var coupons = new CouponInstanceDefinition[size];
        for (int k = 0; k < size; k++) coupons[k] = new CouponInstanceDefinition { Code = $"WL-{k:D4}", CouponId = ids[random.Next(ids.Length)] };
        return Workloads.W1Cart with { Coupons = coupons };
    }

    /// <summary>W4-I: two layers of 2, two amount coupons, one line holding <paramref name="instances"/> instances of them.</summary>
    public static (RuleSetDefinition Rules, CartDefinition Cart) Identical(int instances)
    {
        var rules = new RuleSetDefinition
        {
            Id = "w4i", Version = "1", Currency = "CNY",
            Layers = [new LayerDefinition { Id = "shop", MaxCoupons = 2 }, new LayerDefinition { Id = "platform", MaxCoupons = 2 }],
            Coupons =
            [
                new CouponDefinition { Id = "shop-10", Layer = "shop", MinSpend = 100, AmountOff = 10 },
                new CouponDefinition { Id = "plat-20", Layer = "platform", MinSpend = 200, AmountOff = 20 },
            ],
        };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "online", At = Workloads.W1Cart.At,
            Customer = new CustomerDefinition { Id = "u-wallet" },
            Lines = [new CartLineDefinition { Id = "L1", Sku = "SKU-1", UnitPrice = 499m, Quantity = 1 }],
            Coupons = Enumerable.Range(0, instances)
                .Select(k => new CouponInstanceDefinition { Code = $"I-{k:D4}", CouponId = k % 2 == 0 ? "shop-10" : "plat-20" }).ToArray(),
        };
        return (rules, cart);
    }
}
