using PromoEngine.Definitions;

namespace PromoEngine.Tests.Unit;

/// <summary>Exact paths and messages of the v2 rule-set checks: funding (§10), limits (§11), display texts and coupon search (§14).</summary>
public sealed class V2ValidationMessageTests
{
    private static string[] Errors(string fields) =>
        Assert.Throws<PromoValidationException>(() => PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY",""" + fields + "}"))
            .Errors.Select(e => e.ToString()).ToArray();

    private static string Error(string fields) => Assert.Single(Errors(fields));

    private static void Valid(string fields) => PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY",""" + fields + "}");

    [Fact]
    public void Funding_party_ids_must_not_be_empty()
    {
        Assert.Equal("$.coupons[0].funding (rules): a party id must not be empty", Error("""
            "coupons":[{"id":"c","amountOff":5,"funding":""}]
            """));
        Assert.Equal("$.promotions[0].funding[1].party (rules): party must not be empty", Error("""
            "promotions":[{"id":"p","kind":"itemDiscount","percentOff":5,"funding":[{"party":"a","percent":50},{"party":"","percent":50}]}]
            """));
        Assert.Equal("$.points.funding[0].party (rules): party is required", Error("""
            "points":{"pointsPerUnit":100,"funding":[{"percent":100}]}
            """));
    }

    [Fact]
    public void Funding_percents_are_in_range_with_at_most_8_decimals()
    {
        Assert.Equal(
            [
                "$.promotions[0].funding[0].percent (rules): must be in (0, 100], got 0",
                "$.promotions[0].funding[1].percent (rules): must be in (0, 100], got 100.5",
                "$.promotions[0].funding[2].percent (rules): at most 8 decimals, got 0.000000001",
                "$.promotions[0].funding[3].percent (rules): percent is required",
            ],
            Errors("""
                "promotions":[{"id":"p","kind":"itemDiscount","percentOff":5,"funding":[
                  {"party":"a","percent":0},{"party":"b","percent":100.5},{"party":"c","percent":0.000000001},{"party":"d"}]}]
                """));
    }

    [Fact]
    public void Funding_parties_appear_once_and_the_shares_sum_to_exactly_100()
    {
        Assert.Equal("$.memberPrices[0].funding[2].party (rules): duplicate party \"a\"", Error("""
            "tiers":["g"],"memberPrices":[{"minTier":"g","percentOff":5,"funding":[{"party":"a","percent":50},{"party":"b","percent":25},{"party":"a","percent":25}]}]
            """));
        Assert.Equal("$.coupons[0].funding (rules): the shares' percents must sum to 100, got 99.99999999", Error("""
            "coupons":[{"id":"c","amountOff":5,"funding":[{"party":"a","percent":33.33333333},{"party":"b","percent":66.66666666}]}]
            """));
        Assert.Equal("$.coupons[0].funding (rules): an empty list is not allowed: omit the field instead", Error("""
            "coupons":[{"id":"c","amountOff":5,"funding":[]}]
            """));
        Valid("""
            "coupons":[{"id":"c","amountOff":5,"funding":[{"party":"a","percent":100}]},
                       {"id":"d","amountOff":5,"funding":[{"party":"a","percent":33.33333333},{"party":"b","percent":66.66666667}]}]
            """);
    }

    [Fact]
    public void Default_funder_display_texts_and_coupon_search_are_checked()
    {
        Assert.Equal(
            [
                "$.promotions[0].name (rules): name must not be empty",
                "$.promotions[0].description (rules): description must not be empty",
                "$.coupons[0].name (rules): name must not be empty",
                "$.defaultFunder (rules): defaultFunder must not be empty",
                "$.couponSearch.maxChoices (rules): must be 1 or more, got 0",
            ],
            Errors("""
                "defaultFunder":"","couponSearch":{"maxChoices":0},
                "promotions":[{"id":"p","kind":"itemDiscount","percentOff":5,"name":"","description":""}],
                "coupons":[{"id":"c","amountOff":5,"name":""}]
                """));
        Assert.Equal("$.couponSearch (rules): expected an object, got a number", Error("\"couponSearch\":5"));
        Valid("""
            "couponSearch":{},"defaultFunder":"platform","promotions":[{"id":"p","kind":"itemDiscount","percentOff":5,"name":"满100减10","description":" "}]
            """);
    }

    [Fact]
    public void Limits_need_a_member_and_counts_of_at_least_one()
    {
        Assert.Equal("$.promotions[0].limits (rules): limits needs at least one of uses, usesPerCustomer, units, unitsPerCustomer, budget", Error("""
            "promotions":[{"id":"p","kind":"itemDiscount","percentOff":5,"limits":{}}]
            """));
        Assert.Equal(
            [
                "$.promotions[0].limits.uses (rules): must be 1 or more, got 0",
                "$.promotions[0].limits.usesPerCustomer (rules): must be 1 or more, got -1",
                "$.promotions[0].limits.units (rules): must be 1 or more, got 0",
                "$.promotions[0].limits.unitsPerCustomer (rules): must be 1 or more, got 0",
                "$.coupons[0].usesPerCode (rules): must be 1 or more, got 0",
            ],
            Errors("""
                "promotions":[{"id":"p","kind":"specialPrice","price":5,"limits":{"uses":0,"usesPerCustomer":-1,"units":0,"unitsPerCustomer":0}}],
                "coupons":[{"id":"c","amountOff":5,"usesPerCode":0}]
                """));
    }

    [Fact]
    public void Units_only_where_a_kind_counts_units_and_budget_only_on_thresholds_and_coupons()
    {
        const string units = "is allowed only on specialPrice, itemDiscount, nthItem, buyXGetY and bundle promotions";
        Assert.Equal(
            [
                $"$.promotions[0].limits.units (rules): units {units}",
                $"$.promotions[0].limits.unitsPerCustomer (rules): unitsPerCustomer {units}",
                "$.promotions[1].limits.budget (rules): budget is allowed only on threshold promotions and coupons",
                $"$.coupons[0].limits.units (rules): units {units}",
                $"$.coupons[0].limits.unitsPerCustomer (rules): unitsPerCustomer {units}",
            ],
            Errors("""
                "promotions":[{"id":"t","kind":"threshold","tiers":[{"atLeast":100,"amountOff":10}],"limits":{"units":1,"unitsPerCustomer":1}},
                              {"id":"b","kind":"buyXGetY","buy":1,"get":1,"limits":{"budget":100}}],
                "coupons":[{"id":"c","amountOff":5,"limits":{"units":1,"unitsPerCustomer":2}}]
                """));
        Valid("""
            "promotions":[{"id":"s","kind":"specialPrice","price":1,"limits":{"units":1,"unitsPerCustomer":1}},
                          {"id":"i","kind":"itemDiscount","amountOff":1,"limits":{"units":1}},
                          {"id":"n","kind":"nthItem","n":2,"price":1,"limits":{"units":1}},
                          {"id":"x","kind":"buyXGetY","buy":1,"get":1,"limits":{"unitsPerCustomer":1}},
                          {"id":"b","kind":"bundle","components":[{"quantity":2}],"price":1,"limits":{"units":1}},
                          {"id":"t","kind":"threshold","tiers":[{"atLeast":1,"amountOff":1}],"limits":{"budget":0.01}}],
            "coupons":[{"id":"c","amountOff":5,"limits":{"budget":1000,"uses":1,"usesPerCustomer":1}}]
            """);
    }

    [Fact]
    public void A_budget_is_money_above_zero_within_the_currencys_digits()
    {
        Assert.Equal(
            [
                "$.coupons[0].limits.budget (rules): must be above 0, got 0",
                "$.coupons[1].limits.budget (rules): must be above 0, got -5",
                "$.coupons[2].limits.budget (rules): 10.001 has more decimals than CNY allows (2)",
            ],
            Errors("""
                "coupons":[{"id":"a","amountOff":5,"limits":{"budget":0}},{"id":"b","amountOff":5,"limits":{"budget":-5}},
                           {"id":"c","amountOff":5,"limits":{"budget":10.001}}]
                """));
    }

    [Fact]
    public void Code_built_funding_needs_exactly_one_form()
    {
        var rules = new RuleSetDefinition
        {
            Id = "r", Version = "1", Currency = "CNY",
            Coupons =
            [
                new CouponDefinition { Id = "a", AmountOff = 1, Funding = new FundingDefinition() },
                new CouponDefinition { Id = "b", AmountOff = 1, Funding = new FundingDefinition { Party = "x", Shares = [] } },
            ],
            Promotions = [new PromotionDefinition { Id = "p", PercentOff = 5 }],
        };
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.Compile(rules));
        Assert.Equal(
            [
                "$.promotions[0].kind (rules): kind is required: one of specialPrice, itemDiscount, nthItem, buyXGetY, bundle, threshold",
                "$.coupons[0].funding (rules): a party id or a list of shares is required",
                "$.coupons[1].funding (rules): give either a party id or a list of shares, not both",
            ],
            e.Errors.Select(x => x.ToString()));
    }
}
