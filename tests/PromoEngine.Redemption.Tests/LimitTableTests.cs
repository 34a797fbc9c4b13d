using PromoEngine.Definitions;
using static PromoEngine.Redemption.Tests.Support.LedgerTestData;

namespace PromoEngine.Redemption.Tests;

public sealed class LimitTableTests
{
    [Fact]
    public void The_table_keeps_limited_rules_with_budgets_in_minor_units_and_every_uses_per_code()
    {
        var table = LimitTable.From(new RuleSetDefinition
        {
            Currency = "CNY",
            Promotions = [Promotion("flash", new() { Units = 500 }), Promotion("plain", null)],
            Coupons = [Coupon("brand", new() { Budget = 10000.05m }), Coupon("day", usesPerCode: 3), Coupon("once")],
        });

        Assert.Equal(2, table.MinorDigits);
        Assert.Equal(["flash"], table.Promotions.Keys);
        Assert.Equal(new RuleLimits(null, null, 500, null, null), table.Promotions["flash"]);
        Assert.Equal(new RuleLimits(null, null, null, null, 1000005), table.Coupons["brand"]);
        Assert.False(table.Coupons.ContainsKey("day"));
        Assert.Equal(3, table.UsesPerCode("day"));
        Assert.Equal(1, table.UsesPerCode("once"));
        Assert.Equal(1, table.UsesPerCode("unknown"));
        Assert.Equal(1, table.UsesPerCode(null));
    }

    [Fact]
    public void Budgets_follow_the_currencys_digits()
    {
        var yen = LimitTable.From(new RuleSetDefinition { Currency = "JPY", Coupons = [Coupon("c", new() { Budget = 50000m })] });
        var declared = LimitTable.From(new RuleSetDefinition { Currency = "XBT", MinorDigits = 8, Coupons = [Coupon("c", new() { Budget = 0.5m })] });

        Assert.Equal(50000, yen.Coupons["c"].Budget);
        Assert.Equal(50_000_000, declared.Coupons["c"].Budget);
        Assert.Equal(0.5m, declared.ToMajor(50_000_000));
        Assert.Throws<ArgumentException>(() => LimitTable.From(new RuleSetDefinition { Currency = "XXX" }));
    }

    [Fact]
    public void The_table_of_an_engine_is_its_rule_sets()
    {
        var engine = PricingEngine.FromJson("""
            { "id": "r", "version": "1", "currency": "CNY",
              "coupons": [{ "id": "c", "amountOff": 5 }] }
            """);

        Assert.Equal(1, LimitTable.From(engine).UsesPerCode("c"));
        Assert.Empty(LimitTable.From(engine).Promotions);
    }

    [Fact]
    public void The_exhausting_usage_puts_every_limited_count_at_its_limit_and_every_code_at_its_uses_per_code()
    {
        var table = Table([Promotion("flash", new() { Units = 500, UnitsPerCustomer = 2 }), Promotion("plain", null)],
            [Coupon("brand", new() { Budget = 300.00m }), Coupon("day", usesPerCode: 3)]);
        var cart = new CartDefinition
        {
            Coupons = [new() { Code = "D-5", CouponId = "day" }, new() { Code = "X", CouponId = "unknown" }],
        };

        var usage = table.ExhaustingUsage(cart);

        Assert.Equal(["flash"], usage.Promotions!.Keys);
        Assert.Equal(new UsageCountsDefinition { Units = 500, CustomerUnits = 2 }, usage.Promotions["flash"]);
        Assert.Equal(new UsageCountsDefinition { Spent = 300.00m }, usage.Coupons!["brand"]);
        Assert.Equal(new Dictionary<string, long?> { ["D-5"] = 3, ["X"] = 1 }, usage.Codes);
    }
}

public sealed class FingerprintTests
{
    [Fact]
    public void Layout_member_order_and_trailing_zeros_do_not_change_a_fingerprint()
    {
        string a = Fingerprints.OfJson("""{"orderId":"o-1","cart":{"lines":[{"id":"L1","unitPrice":10.50}],"currency":"CNY"}}""");
        string b = Fingerprints.OfJson("""
            { "cart": { "currency": "CNY", "lines": [ { "unitPrice": 10.5, "id": "L1" } ] },
              "orderId": "o-1" }
            """);

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    [Fact]
    public void Content_changes_a_fingerprint()
    {
        string a = Fingerprints.OfJson("""{"lines":[{"id":"L1","quantity":1},{"id":"L2","quantity":1}]}""");

        Assert.NotEqual(a, Fingerprints.OfJson("""{"lines":[{"id":"L1","quantity":2},{"id":"L2","quantity":1}]}"""));
        Assert.NotEqual(a, Fingerprints.OfJson("""{"lines":[{"id":"L2","quantity":1},{"id":"L1","quantity":1}]}"""));
        Assert.NotEqual(a, Fingerprints.OfJson("""{"lines":[{"id":"L1","quantity":"1"},{"id":"L2","quantity":1}]}"""));
        Assert.NotEqual(Fingerprints.Of("ab", "c"), Fingerprints.Of("a", "bc"));
        Assert.NotEqual(Fingerprints.Of(null, "x"), Fingerprints.Of("", "x"));
    }
}

public sealed class CounterTextTests
{
    [Fact]
    public void Counter_names_escape_every_id_so_no_two_counters_share_a_name()
    {
        Assert.Equal("promotion/flash/uses", CounterKeys.Uses(RuleKind.Promotion, "flash"));
        Assert.Equal("coupon/c/customer/u%201/units", CounterKeys.CustomerUnits(RuleKind.Coupon, "c", "u 1"));
        Assert.Equal("code/A%2FB%09", CounterKeys.Code("A/B\t"));
        Assert.NotEqual(CounterKeys.CustomerUses(RuleKind.Promotion, "a", "b"), CounterKeys.Uses(RuleKind.Promotion, "a/customer/b"));
    }

    [Fact]
    public void Deltas_read_back_as_written()
    {
        CounterDelta[] deltas = [new(CounterKeys.Code("码\n1"), 1, 1), new("promotion/p/spent", LedgerAmounts.Max, null)];

        var read = CounterDeltaText.Read(CounterDeltaText.Write(deltas));

        Assert.Equal(deltas.Select(d => d with { Limit = null }), read);
        Assert.Throws<FormatException>(() => CounterDeltaText.Read("no-tab\n"));
    }

    [Fact]
    public void Returns_read_back_as_written()
    {
        var entry = new LedgerReturn("r-1", "fp", [new("L1", 2), new("L2", 1)], """{"refund": 1.00, "note": "a\"b"}""", true,
            new DateTimeOffset(2026, 6, 18, 12, 0, 0, TimeSpan.Zero));

        var read = LedgerReturnText.Read(LedgerReturnText.Write(entry));

        Assert.Equal(entry.Lines, read.Lines);
        Assert.Equal(entry, read with { Lines = entry.Lines });
    }
}
