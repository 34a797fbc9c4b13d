using PromoEngine.Definitions;

namespace PromoEngine.Tests.Unit;

/// <summary>Issue #9: wallets of any size are chosen from exactly and quickly, within a deterministic budget, and can be cancelled.</summary>
public sealed class CouponWalletTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-06-18T20:00:00+08:00");

    /// <summary>Three layers of 8 and <paramref name="definitions"/> amount coupons with minimum spends over 20 lines.</summary>
    private static (RuleSetDefinition Rules, CartDefinition Cart) BigWallet(int definitions, int instances)
    {
        string[] layers = ["store", "platform", "payment"];
        var random = new Random(42);
        var rules = new RuleSetDefinition
        {
            Id = "wallet", Version = "1", Currency = "CNY",
            Layers = layers.Select(l => new LayerDefinition { Id = l, MaxCoupons = 8 }).ToArray(),
            Coupons = Enumerable.Range(0, definitions).Select(k => new CouponDefinition
            {
                Id = $"c{k:D3}", Layer = layers[k % 3],
                MinSpend = 50 * random.Next(1, 20), AmountOff = random.Next(1, 30),
                Scope = k % 4 == 0 ? new ScopeDefinition { Skus = [$"S{k % 20}", $"S{(k + 7) % 20}"] } : null,
            }).ToArray(),
        };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "online", At = At, Customer = new CustomerDefinition { Id = "u" },
            Lines = Enumerable.Range(0, 20).Select(i => new CartLineDefinition { Id = $"L{i:D2}", Sku = $"S{i}", UnitPrice = 20 + 7 * i, Quantity = 1 + i % 3 }).ToArray(),
            Coupons = Enumerable.Range(0, instances).Select(k => new CouponInstanceDefinition { Code = $"K{k:D4}", CouponId = $"c{random.Next(definitions):D3}" }).ToArray(),
        };
        return (rules, cart);
    }

    [Fact]
    public void Past_its_budget_the_choice_is_bounded_and_the_same_every_time()
    {
        var (rules, cart) = BigWallet(120, 160);
        var bounded = PricingEngine.Compile(rules with { CouponSearch = new CouponSearchDefinition { MaxChoices = 200 } });

        var first = bounded.Price(cart);
        var again = bounded.Price(cart);

        Assert.Equal(CouponChoice.Bounded, first.CouponChoice);
        Assert.Equal(first.Total, again.Total);
        Assert.Equal(first.Coupons, again.Coupons);
        // A bounded choice is a real one: what it applied is what the lines took off.
        Assert.Equal(first.Coupons.Where(c => c.Applied).Sum(c => c.Amount),
            first.Lines.SelectMany(l => l.Adjustments).Where(a => a.Stage == PricingStage.Coupon).Sum(a => a.Amount));
    }

    [Fact]
    public void A_cancelled_token_stops_a_long_choice_and_gives_no_price()
    {
        var (rules, cart) = BigWallet(120, 160);
        var engine = PricingEngine.Compile(rules);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => engine.Price(cart, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => engine.PriceJson(Json.DefinitionJson.Write(cart), false, cancelled.Token));
        Assert.Equal(CouponChoice.Exact, engine.Price(cart with { Coupons = cart.Coupons!.Take(5).ToArray() }, cancelled.Token).CouponChoice);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1_000)]
    public void Hundreds_of_identical_instances_are_a_choice_of_how_many(int instances)
    {
        var rules = new RuleSetDefinition
        {
            Id = "identical", Version = "1", Currency = "CNY",
            Layers = [new LayerDefinition { Id = "shop", MaxCoupons = 2 }, new LayerDefinition { Id = "platform", MaxCoupons = 2 }],
            Coupons =
            [
                new CouponDefinition { Id = "shop-10", Layer = "shop", MinSpend = 100, AmountOff = 10 },
                new CouponDefinition { Id = "plat-20", Layer = "platform", MinSpend = 200, AmountOff = 20 },
            ],
        };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "online", At = At,
            Lines = [new CartLineDefinition { Id = "L1", Sku = "A", UnitPrice = 499m, Quantity = 1 }],
            Coupons = Enumerable.Range(0, instances).Select(k => new CouponInstanceDefinition { Code = $"I-{k:D4}", CouponId = k % 2 == 0 ? "shop-10" : "plat-20" }).ToArray(),
        };

        var result = PricingEngine.Compile(rules with { CouponSearch = new CouponSearchDefinition { MaxChoices = 100 } }).Price(cart);

        // 499 − 2 × 10 − 2 × 20, with the smallest codes of each definition, found well within 100 choices.
        Assert.Equal(CouponChoice.Exact, result.CouponChoice);
        Assert.Equal(43_900, result.Total);
        Assert.Equal(["I-0000", "I-0001", "I-0002", "I-0003"], result.Coupons.Where(c => c.Applied).Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_service_refuses_a_cart_with_more_coupons_than_it_accepts()
    {
        var (_, cart) = BigWallet(10, 101);
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.CheckCouponCount(cart, 100));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("cart", "$.coupons", ErrorCodes.TooManyCoupons), (error.Document, error.Path, error.Code));
        PricingEngine.CheckCouponCount(cart, 101);
    }
}
