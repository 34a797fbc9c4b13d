using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Tests.Unit;

/// <summary>The form of a cart's usage (spec §11, §14), checked against the rule set's minor digits.</summary>
public sealed class UsageValidationTests
{
    private static string[] Errors(UsageDefinition usage, int digits = 2)
    {
        var errors = new List<string>();
        UsageValidator.Validate(usage, digits, (path, message) => errors.Add($"{path}: {message}"));
        return errors.ToArray();
    }

    private static UsageDefinition Read(string usage) =>
        PricingEngine.ReadCart("""{"currency":"CNY","usage":""" + usage + "}").Usage!;

    [Fact]
    public void Counts_are_whole_numbers_of_at_least_zero_and_spent_is_money()
    {
        var usage = Read("""
            {"promotions":{"p1":{"uses":-1,"customerUses":-2,"units":-3,"customerUnits":-4,"spent":-0.01}},
             "coupons":{"c-1":{"uses":0,"customerUses":0,"units":0,"customerUnits":0,"spent":1.001},"c2":{"spent":92233720368547758.08}},
             "codes":{"X 1":-1,"Y":0}}
            """);
        Assert.Equal(
            [
                "$.usage.promotions.p1.uses: must be 0 or more, got -1",
                "$.usage.promotions.p1.customerUses: must be 0 or more, got -2",
                "$.usage.promotions.p1.units: must be 0 or more, got -3",
                "$.usage.promotions.p1.customerUnits: must be 0 or more, got -4",
                "$.usage.promotions.p1.spent: must not be negative, got -0.01",
                "$.usage.coupons['c-1'].spent: 1.001 has more decimals than the currency allows (2)",
                "$.usage.coupons.c2.spent: 92233720368547758.08 is too large",
                "$.usage.codes['X 1']: must be 0 or more, got -1",
            ],
            Errors(usage));
    }

    [Fact]
    public void Digits_come_from_the_rule_set()
    {
        var usage = Read("""{"coupons":{"c":{"spent":12.5}}}""");
        Assert.Empty(Errors(usage, digits: 2));
        Assert.Equal(["$.usage.coupons.c.spent: 12.5 has more decimals than the currency allows (0)"], Errors(usage, digits: 0));
        Assert.Empty(Errors(Read("""{"coupons":{"c":{"spent":12.000}}}"""), digits: 0)); // judged by value
    }

    [Fact]
    public void Null_counts_and_empty_maps_are_fine_and_unknown_ids_are_still_checked()
    {
        Assert.Empty(Errors(Read("""{"promotions":{"p":null,"q":{}},"coupons":{},"codes":{"X":null}}""")));
        Assert.Empty(Errors(new UsageDefinition()));
        // The validator knows nothing of the rule set's ids: every entry is checked for form (§14).
        Assert.Single(Errors(new UsageDefinition { Promotions = new Dictionary<string, UsageCountsDefinition?> { ["nobody"] = new() { Uses = -1 } } }));
    }
}
