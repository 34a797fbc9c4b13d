using PromoEngine.Definitions;

namespace PromoEngine.Tests.Unit;

/// <summary>Exact error paths and messages: users read these, so they are part of the contract.</summary>
public sealed class ValidationMessageTests
{
    private const string Cart = """{"currency":"CNY","channel":"online","at":"2026-03-08T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":10.00,"quantity":1}]}""";

    private static IReadOnlyList<ValidationError> RuleErrors(string rulesJson) =>
        Assert.Throws<PromoValidationException>(() => PricingEngine.FromJson(rulesJson)).Errors;

    private static IReadOnlyList<ValidationError> CartErrors(string cartJson, string? rules = null) =>
        Assert.Throws<PromoValidationException>(() =>
            PricingEngine.FromJson(rules ?? """{"id":"r","version":"1","currency":"CNY","tiers":["gold"]}""").PriceJson(cartJson)).Errors;

    [Fact]
    public void Malformed_json_is_reported_at_the_root()
    {
        var error = Assert.Single(RuleErrors("{\"id\": "));
        Assert.Equal("$", error.Path);
        Assert.Equal("rules", error.Document);
        Assert.StartsWith("malformed JSON", error.Message);
    }

    [Fact]
    public void Reading_a_cart_to_price_reports_what_PriceJson_reports()
    {
        var engine = PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY","tiers":["gold"]}""");
        // A reading error ($.bogus) and a meaning error ($.currency) in one cart: both, in PriceJson's order.
        string both = Cart.Replace("\"currency\":\"CNY\"", "\"currency\":\"USD\",\"bogus\":1");

        var read = Assert.Throws<PromoValidationException>(() => engine.ReadCartToPrice(both)).Errors;

        Assert.Equal(CartErrors(both).Select(e => e.ToString()), read.Select(e => e.ToString()));
        Assert.Equal(["$.bogus", "$.currency"], read.Select(e => e.Path).Order());
        Assert.Equal(CartErrors("{").Select(e => e.ToString()),
            Assert.Throws<PromoValidationException>(() => engine.ReadCartToPrice("{")).Errors.Select(e => e.ToString()));
        Assert.Equal(Json.DefinitionJson.Write(PricingEngine.ReadCart(Cart)), Json.DefinitionJson.Write(engine.ReadCartToPrice(Cart)));
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var errors = RuleErrors("""
            {"id":"","currency":"XYZ","extra":1,
             "promotions":[{"id":"p","kind":"itemDiscount","percentOff":0},{"id":"p","kind":"bogus"},{"kind":"specialPrice","id":"q","price":"9"}]}
            """);
        Assert.Equal(
            [
                "$.promotions[1].kind (rules): unknown value \"bogus\"; expected one of \"specialPrice\", \"itemDiscount\", \"nthItem\", \"buyXGetY\", \"bundle\", \"threshold\"",
                "$.promotions[2].price (rules): expected a number, got a string",
                "$.extra (rules): unknown property 'extra'",
                "$.id (rules): id must not be empty",
                "$.version (rules): version is required",
                "$.currency (rules): unknown currency \"XYZ\": give \"minorDigits\" for it",
                "$.promotions[0].percentOff (rules): must be in (0, 100], got 0",
                "$.promotions[1].id (rules): duplicate id \"p\" (promotions and coupons share one id space)",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_field_of_another_kind_is_an_unknown_property()
    {
        var errors = RuleErrors("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"p","kind":"specialPrice","price":1,"percentOff":5}]}""");
        Assert.Equal("$.promotions[0].percentOff (rules): unknown property 'percentOff'", Assert.Single(errors).ToString());
    }

    [Fact]
    public void A_missing_kind_is_reported_at_kind()
    {
        var errors = RuleErrors("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"p","price":1}]}""");
        Assert.Equal("$.promotions[0].kind", Assert.Single(errors).Path);
    }

    [Fact]
    public void Window_order_is_reported_at_to_and_empty_lists_are_refused()
    {
        var errors = RuleErrors("""
            {"id":"r","version":"1","currency":"CNY","layers":[],
             "coupons":[{"id":"c","amountOff":5,"channels":[],"window":{"from":"2026-02-01T00:00:00Z","to":"2026-01-01T00:00:00Z"}}]}
            """);
        Assert.Equal(["$.layers", "$.coupons[0].window.to", "$.coupons[0].channels"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Duplicate_json_properties_are_refused()
    {
        var errors = RuleErrors("""{"id":"r","id":"s","version":"1","currency":"CNY"}""");
        Assert.Equal("$.id (rules): duplicate property 'id'", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Instants_need_an_offset()
    {
        var errors = CartErrors(Cart.Replace("+08:00", ""));
        Assert.Equal("$.at", Assert.Single(errors).Path);
    }

    [Fact]
    public void Cart_errors_name_the_cart_and_every_problem()
    {
        var errors = CartErrors("""
            {"currency":"USD","channel":"web","at":"2026-03-08T10:00:00Z","customer":{"id":"u","tier":"bronze","points":5},
             "lines":[{"id":"L1","sku":"A","unitPrice":1.001,"quantity":0},{"id":"L1","sku":"B","unitPrice":-1,"quantity":1,"colour":"red"}],
             "usePoints":6}
            """);
        Assert.All(errors, e => Assert.Equal("cart", e.Document));
        Assert.Equal(
            [
                "$.lines[1].colour", "$.currency", "$.channel", "$.customer.tier", "$.lines[0].unitPrice", "$.lines[0].quantity",
                "$.lines[1].id", "$.lines[1].unitPrice", "$.usePoints",
            ],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Huge_quantities_overflow_at_the_quantity_and_the_subtotal_at_lines()
    {
        var line = """{"id":"L1","sku":"A","unitPrice":92233720368547758.07,"quantity":2}""";
        Assert.Equal("$.lines[0].quantity", Assert.Single(CartErrors(Cart.Replace("""{"id":"L1","sku":"A","unitPrice":10.00,"quantity":1}""", line))).Path);
        var two = """{"id":"L1","sku":"A","unitPrice":92233720368547758.07,"quantity":1},{"id":"L2","sku":"A","unitPrice":1,"quantity":1}""";
        Assert.Equal("$.lines (cart): the subtotal is too large",
            Assert.Single(CartErrors(Cart.Replace("""{"id":"L1","sku":"A","unitPrice":10.00,"quantity":1}""", two))).ToString());
        var enormous = """{"id":"L1","sku":"A","unitPrice":1,"quantity":1e40}""";
        Assert.Equal("$.lines[0].quantity", Assert.Single(CartErrors(Cart.Replace("""{"id":"L1","sku":"A","unitPrice":10.00,"quantity":1}""", enormous))).Path);
    }

    [Fact]
    public void A_guest_cannot_use_points_but_max_means_none()
    {
        Assert.Equal("$.usePoints (cart): a guest has no points to use (asked for 100)",
            Assert.Single(CartErrors(Cart.Replace("}]}", "}],\"usePoints\":100}"))).ToString());
        var engine = PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY","points":{"pointsPerUnit":100}}""");
        Assert.Contains("\"used\":0", engine.PriceJson(Cart.Replace("}]}", "}],\"usePoints\":\"max\"}")));
    }

    [Fact]
    public void Definitions_built_in_code_are_validated_with_the_same_paths()
    {
        var rules = new RuleSetDefinition
        {
            Id = "r", Version = "1", Currency = "CNY",
            Promotions = [new PromotionDefinition { Id = "p", Kind = PromotionKind.NthItem, N = 1, PercentOff = 50 }],
        };
        var e = Assert.Throws<PromoValidationException>(() => PricingEngine.Compile(rules));
        Assert.Equal("$.promotions[0].n (rules): must be 2 or more, got 1", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Minor_digits_must_agree_with_a_known_currency_and_supply_others()
    {
        Assert.Equal("$.minorDigits (rules): CNY has 2 minor digits, not 3",
            Assert.Single(RuleErrors("""{"id":"r","version":"1","currency":"CNY","minorDigits":3}""")).ToString());
        var engine = PricingEngine.FromJson("""{"id":"r","version":"1","currency":"BHD","minorDigits":3}""");
        string result = engine.PriceJson("""{"currency":"BHD","channel":"store","at":"2026-03-08T10:00:00Z","lines":[{"id":"L1","sku":"A","unitPrice":1.234,"quantity":2}]}""");
        Assert.Contains("\"subtotal\":2.468", result);
    }
}

public sealed class OverflowTests
{
    [Fact]
    public void A_pass_that_overflows_is_an_error_not_a_crash()
    {
        // Regression: points earned on the largest payable at a high rate overflowed Int64 inside the pass.
        var engine = PricingEngine.FromJson("""{"id":"r","version":"1","currency":"JPY","points":{"pointsPerUnit":1,"earnPerUnit":10000}}""");
        var e = Assert.Throws<PromoValidationException>(() => engine.PriceJson(
            """{"currency":"JPY","channel":"store","at":"2026-03-08T10:00:00Z","customer":{"id":"u"},"lines":[{"id":"L1","sku":"A","unitPrice":9000000000000000000,"quantity":1}]}"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal("$", error.Path);
        Assert.Equal("cart", error.Document);
    }

    [Fact]
    public void Earning_rates_are_bounded()
    {
        var e = Assert.Throws<PromoValidationException>(() =>
            PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY","points":{"pointsPerUnit":100,"earnPerUnit":10001}}"""));
        Assert.Equal("$.points.earnPerUnit (rules): must be between 0 and 10000, got 10001", Assert.Single(e.Errors).ToString());
    }
}
