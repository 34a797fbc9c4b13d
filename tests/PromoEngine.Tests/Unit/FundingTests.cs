using PromoEngine.Definitions;

namespace PromoEngine.Tests.Unit;

/// <summary>Spec §10 through the typed API: who funds each adjustment and the points' value.</summary>
public sealed class FundingTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-06-18T20:00:00+08:00");

    /// <summary>Scenario 12 of the shared examples, built as records.</summary>
    [Fact]
    public void A_threshold_split_60_40_and_points_by_the_platform_give_the_odd_cents_by_the_split_rule()
    {
        var rules = new RuleSetDefinition
        {
            Id = "s12", Version = "1", Currency = "CNY",
            Promotions =
            [
                new PromotionDefinition
                {
                    Id = "full-200", Kind = PromotionKind.Threshold,
                    Tiers = [new ThresholdTierDefinition { AtLeast = 200, AmountOff = 25 }],
                    Funding = new FundingDefinition
                    {
                        Shares = [new FundingShareDefinition { Party = "platform", Percent = 60 }, new FundingShareDefinition { Party = "brand:acme", Percent = 40 }],
                    },
                },
            ],
            Points = new PointsDefinition { PointsPerUnit = 100, Funding = FundingDefinition.By("platform") },
        };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "online", At = At,
            Customer = new CustomerDefinition { Id = "u12", Points = 800 },
            Lines =
            [
                new CartLineDefinition { Id = "L1", Sku = "A", Brand = "acme", UnitPrice = 129.00m, Quantity = 1 },
                new CartLineDefinition { Id = "L2", Sku = "B", Brand = "acme", UnitPrice = 99.00m, Quantity = 1 },
            ],
            UsePoints = PointsRequest.Of(500),
        };

        var result = PricingEngine.Compile(rules).Price(cart);

        Assert.Equal([new FundingAmount("brand:acme", 566), new FundingAmount("platform", 1131)], result.Lines[0].Funding);
        Assert.Equal([new FundingAmount("brand:acme", 434), new FundingAmount("platform", 869)], result.Lines[1].Funding);
        Assert.Equal([new FundingAmount("brand:acme", 1000), new FundingAmount("platform", 2000)], result.Funding);
        Assert.Equal([new PromotionUsage("full-200", 1, null, 2500)], result.Usage.Promotions);
    }

    [Fact]
    public void Without_funding_everything_is_the_default_funders_and_a_rule_set_may_name_it()
    {
        var rules = new RuleSetDefinition
        {
            Id = "f", Version = "1", Currency = "CNY",
            MemberPrices = [new MemberPriceDefinition { MinTier = "gold", PercentOff = 10 }],
            Tiers = ["gold"],
            Promotions = [new PromotionDefinition { Id = "d", Kind = PromotionKind.ItemDiscount, AmountOff = 1, StacksWithMemberPrice = true }],
        };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "store", At = At, Customer = new CustomerDefinition { Id = "c", Tier = "gold" },
            Lines = [new CartLineDefinition { Id = "L1", Sku = "A", UnitPrice = 10m, Quantity = 3 }],
        };

        var byMerchant = PricingEngine.Compile(rules).Price(cart);
        var byStore = PricingEngine.Compile(rules with { DefaultFunder = "store" }).Price(cart);

        Assert.Equal([new FundingAmount("merchant", 600)], byMerchant.Funding);
        Assert.Equal([new FundingAmount("store", 600)], byStore.Funding);
        Assert.Equal([new FundingAmount("store", 600)], byStore.Lines[0].Funding);
        Assert.Equal([new PromotionUsage("d", 1, 3, 300)], byStore.Usage.Promotions);
    }

    [Fact]
    public void A_result_with_no_discount_has_empty_funding_and_usage()
    {
        var rules = new RuleSetDefinition { Id = "f", Version = "1", Currency = "CNY" };
        var cart = new CartDefinition
        {
            Currency = "CNY", Channel = "store", At = At,
            Lines = [new CartLineDefinition { Id = "L1", Sku = "A", UnitPrice = 10m, Quantity = 1 }],
        };
        var result = PricingEngine.Compile(rules).Price(cart);
        Assert.Empty(result.Funding);
        Assert.Empty(result.Lines[0].Funding);
        Assert.True(result.Usage.IsEmpty);
        Assert.Equal(CouponChoice.Exact, result.CouponChoice);
    }
}
