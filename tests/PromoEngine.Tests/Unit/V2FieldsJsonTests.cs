using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Tests.Properties;

namespace PromoEngine.Tests.Unit;

/// <summary>The v2 fields (funding, limits, display texts, coupon search, usage, $schema) through both readers and the writer.</summary>
public sealed class V2FieldsJsonTests
{
    internal const string Rules = """
        {"$schema":"https://example.com/rule-set.schema.json","id":"r","version":"1","currency":"CNY","tiers":["gold"],
         "defaultFunder":"merchant","couponSearch":{"maxChoices":5000},
         "layers":[{"id":"store"},{"id":"platform","maxCoupons":2}],
         "memberPrices":[{"minTier":"gold","percentOff":5,"funding":"brand:acme"}],
         "promotions":[
           {"id":"sp","kind":"specialPrice","price":9.9,"name":"Flash 9.90","description":"While stocks last",
            "funding":[{"party":"platform","percent":60},{"party":"brand:acme","percent":40}],
            "limits":{"uses":100,"usesPerCustomer":1,"units":500,"unitsPerCustomer":2}},
           {"id":"id","kind":"itemDiscount","percentOff":10,"limits":{"units":10}},
           {"id":"nth","kind":"nthItem","n":2,"percentOff":50,"funding":"store","limits":{"unitsPerCustomer":3}},
           {"id":"bxgy","kind":"buyXGetY","buy":2,"get":1,"limits":{"usesPerCustomer":1}},
           {"id":"bun","kind":"bundle","components":[{"quantity":2}],"price":10,"limits":{"units":1}},
           {"id":"th","kind":"threshold","layer":"store","tiers":[{"atLeast":100,"amountOff":10}],"name":"满100减10",
            "funding":[{"party":"platform","percent":33.33333333},{"party":"store","percent":66.66666667}],
            "limits":{"budget":10000.50,"uses":3}}],
         "coupons":[{"id":"c1","layer":"platform","amountOff":5,"name":"5 off","description":"Any order",
                     "funding":"platform","limits":{"uses":1000,"budget":5000},"usesPerCode":3}],
         "points":{"pointsPerUnit":100,"funding":[{"party":"merchant","percent":100}]}}
        """;

    internal const string Cart = """
        {"$schema":"https://example.com/cart.schema.json","currency":"CNY","channel":"online","at":"2026-03-08T10:00:00+08:00",
         "customer":{"id":"u1","tier":"gold"},
         "lines":[{"id":"L1","sku":"A","unitPrice":10.00,"quantity":1}],
         "usage":{"promotions":{"sp":{"uses":3,"customerUses":1,"units":7,"customerUnits":1,"spent":12.30},"gone":null,"odd key":{}},
                  "coupons":{"c1":{"uses":2,"spent":10}},
                  "codes":{"X1":1,"Y2":null}}}
        """;

    [Fact]
    public void Both_readers_read_every_v2_field_of_a_rule_set_alike()
    {
        var fast = Readers.FastRules(Rules);
        Assert.NotNull(fast); // the one-pass reader must not give up on v2 fields
        var (full, clean) = FastReaderCheck.ReadFully(Rules, Readers.FullRules, ValidationError.Rules);
        Assert.True(clean);
        Assert.Equal(DefinitionJson.Write(full!), DefinitionJson.Write(fast));

        Assert.Equal("https://example.com/rule-set.schema.json", fast.Schema);
        Assert.Equal("merchant", fast.DefaultFunder);
        Assert.Equal(5000, fast.CouponSearch!.MaxChoices);
        Assert.Equal("brand:acme", fast.MemberPrices![0].Funding!.Party);
        var sp = fast.Promotions![0];
        Assert.Equal(("Flash 9.90", "While stocks last"), (sp.Name, sp.Description));
        Assert.Equal([("platform", 60m), ("brand:acme", 40m)], sp.Funding!.Shares!.Select(s => (s.Party!, s.Percent!.Value)));
        Assert.Equal(new LimitsDefinition { Uses = 100, UsesPerCustomer = 1, Units = 500, UnitsPerCustomer = 2 }, sp.Limits);
        Assert.Equal(10000.50m, fast.Promotions[5].Limits!.Budget);
        var coupon = fast.Coupons![0];
        Assert.Equal(("5 off", "Any order", "platform", 3L), (coupon.Name, coupon.Description, coupon.Funding!.Party, coupon.UsesPerCode!.Value));
        Assert.Equal(100m, fast.Points!.Funding!.Shares![0].Percent);

        PricingEngine.FromJson(Rules); // and the whole rule set is valid
    }

    [Fact]
    public void Both_readers_read_a_carts_usage_and_schema_alike()
    {
        var fast = Readers.FastCart(Cart);
        Assert.NotNull(fast);
        var (full, clean) = FastReaderCheck.ReadFully(Cart, Readers.FullCart, ValidationError.Cart);
        Assert.True(clean);
        Assert.Equal(DefinitionJson.Write(full!), DefinitionJson.Write(fast));

        Assert.Equal("https://example.com/cart.schema.json", fast.Schema);
        var usage = fast.Usage!;
        Assert.Equal(["sp", "gone", "odd key"], usage.Promotions!.Keys);
        Assert.Equal(new UsageCountsDefinition { Uses = 3, CustomerUses = 1, Units = 7, CustomerUnits = 1, Spent = 12.30m }, usage.Promotions["sp"]);
        Assert.Null(usage.Promotions["gone"]); // null counts: absent
        Assert.Equal(new UsageCountsDefinition(), usage.Promotions["odd key"]);
        Assert.Equal(new UsageCountsDefinition { Uses = 2, Spent = 10m }, usage.Coupons!["c1"]);
        Assert.Equal(1, usage.Codes!["X1"]);
        Assert.Null(usage.Codes["Y2"]);
    }

    [Fact]
    public void What_the_writer_writes_reads_back_to_equal_records()
    {
        var rules = PricingEngine.ReadRuleSet(Rules);
        string written = DefinitionJson.Write(rules);
        Assert.Contains("\"$schema\":", written);
        Assert.Contains("\"funding\":\"brand:acme\"", written);
        Assert.Contains("\"funding\":[{\"party\":\"platform\",\"percent\":60}", written);
        var again = PricingEngine.ReadRuleSet(written);
        Assert.Equal(written, DefinitionJson.Write(again));
        Assert.Equal(rules.Promotions![0].Limits, again.Promotions![0].Limits);
        Assert.Equal(rules.CouponSearch, again.CouponSearch);

        var cart = PricingEngine.ReadCart(Cart);
        string cartWritten = DefinitionJson.Write(cart);
        var cartAgain = PricingEngine.ReadCart(cartWritten);
        Assert.Equal(cartWritten, DefinitionJson.Write(cartAgain));
        Assert.Equal(cart.Usage!.Promotions!["sp"], cartAgain.Usage!.Promotions!["sp"]);
        Assert.Null(cartAgain.Usage.Promotions["gone"]);
        Assert.Equal(cart.Schema, cartAgain.Schema);
    }

    [Fact]
    public void Code_built_definitions_with_v2_fields_round_trip()
    {
        var rules = new RuleSetDefinition
        {
            Id = "r", Version = "1", Currency = "CNY", DefaultFunder = "platform", CouponSearch = new CouponSearchDefinition(),
            Promotions =
            [
                new PromotionDefinition
                {
                    Id = "p", Kind = PromotionKind.ItemDiscount, PercentOff = 10, Funding = FundingDefinition.By("store"),
                    Limits = new LimitsDefinition { Units = 5 },
                },
            ],
        };
        string written = DefinitionJson.Write(rules);
        var read = PricingEngine.ReadRuleSet(written);
        Assert.Equal("store", read.Promotions![0].Funding!.Party);
        Assert.Equal(rules.CouponSearch, read.CouponSearch);
        Assert.Equal(written, DefinitionJson.Write(read));
    }

    [Theory]
    [InlineData("""{"promotions":{"p":{"uses":1},"p":{"uses":2}}}""", "$.usage.promotions.p", "duplicate property 'p'")]
    [InlineData("""{"codes":{"a-b":1,"a-b":2}}""", "$.usage.codes['a-b']", "duplicate property 'a-b'")]
    [InlineData("""{"coupons":{"it's":{"uses":"x"}}}""", "$.usage.coupons['it\\'s'].uses", "expected a number, got a string")]
    [InlineData("""{"codes":{"X":1.5}}""", "$.usage.codes.X", "expected a whole number, got 1.5")]
    [InlineData("""{"promotions":{"p":{"used":1}}}""", "$.usage.promotions.p.used", "unknown property 'used'")]
    [InlineData("""{"promotions":{"p":[]}}""", "$.usage.promotions.p", "expected an object, got an array")]
    [InlineData("""{"promotions":[]}""", "$.usage.promotions", "expected an object, got an array")]
    [InlineData("""{"spent":1}""", "$.usage.spent", "unknown property 'spent'")]
    public void Usage_read_errors_are_located_with_quoted_keys(string usage, string path, string message)
    {
        string cart = Cart[..Cart.IndexOf("\"usage\"", StringComparison.Ordinal)] + "\"usage\":" + usage + "}";
        Assert.Null(Readers.FastCart(cart));
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.ReadCart(cart));
        Assert.Equal($"{path} (cart): {message}", Assert.Single(e.Errors).ToString());
    }

    [Theory]
    [InlineData("""{"$id":"x","id":"r","version":"1","currency":"CNY"}""", "$['$id'] (rules): unknown property '$id'")]
    [InlineData("""{"$schema":1,"id":"r","version":"1","currency":"CNY"}""", "$['$schema'] (rules): expected a string, got a number")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"p","kind":"itemDiscount","percentOff":5,"usesPerCode":1}]}""",
        "$.promotions[0].usesPerCode (rules): unknown property 'usesPerCode'")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","memberPrices":[{"minTier":"g","percentOff":5,"limits":{"uses":1}}],"tiers":["g"]}""",
        "$.memberPrices[0].limits (rules): unknown property 'limits'")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","coupons":[{"id":"c","amountOff":5,"funding":5}]}""",
        "$.coupons[0].funding (rules): expected a party id or a list of shares, got a number")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","coupons":[{"id":"c","amountOff":5,"funding":[{"party":"a","percent":100,"share":1}]}]}""",
        "$.coupons[0].funding[0].share (rules): unknown property 'share'")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","couponSearch":{"maxChoices":1,"depth":2}}""",
        "$.couponSearch.depth (rules): unknown property 'depth'")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","points":{"pointsPerUnit":100,"limits":{"uses":1}}}""",
        "$.points.limits (rules): unknown property 'limits'")]
    public void Misplaced_or_mistyped_v2_fields_are_read_errors(string rules, string error)
    {
        Assert.Null(Readers.FastRules(rules));
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.ReadRuleSet(rules));
        Assert.Equal(error, Assert.Single(e.Errors).ToString());
    }
}
