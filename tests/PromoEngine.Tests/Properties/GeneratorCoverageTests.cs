using System.Text.Json.Nodes;
using PromoEngine.Tests.Reference;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// The differential properties are only as good as what the generator makes: these checks fail when the
/// generated carts stop exercising funding (§10) and limits (§11) often enough to matter.
/// </summary>
public sealed class GeneratorCoverageTests
{
    // Thresholds are about half of what seeds 0–599 gave when this was written (31, 39, 16, 693, 365, 540).
    [Fact]
    public void Generated_carts_exercise_funding_and_limits()
    {
        int usageChangesTotal = 0, codeUsed = 0, limitReached = 0, splitLines = 0, otherDefault = 0, units = 0;
        for (int seed = 0; seed < 600; seed++)
        {
            var (rules, cart) = RandomRuleSets.Generate(seed);
            var engine = PricingEngine.FromJson(rules.ToJsonString());
            var result = JsonNode.Parse(engine.PriceJson(cart.ToJsonString()))!;
            if (cart["usage"] is not null)
            {
                var fresh = cart.DeepClone().AsObject();
                fresh.Remove("usage");
                var unused = JsonNode.Parse(engine.PriceJson(fresh.ToJsonString()))!;
                if ((decimal)unused["total"]! != (decimal)result["total"]!) usageChangesTotal++;
            }
            foreach (var coupon in result["coupons"]!.AsArray())
            {
                if ((string?)coupon!["reason"] == "codeUsed") codeUsed++;
                if ((string?)coupon["reason"] == "limitReached") limitReached++;
            }
            splitLines += result["lines"]!.AsArray().Count(l => l!["funding"]!.AsArray().Count >= 2);
            if (result["funding"]!.AsArray().Any(f => (string?)f!["party"] != "merchant")) otherDefault++;
            units += result["usage"]!["promotions"]!.AsObject().Count(p => p.Value!["units"] is not null);
        }
        Assert.True(usageChangesTotal >= 15, $"usage changed the total in {usageChangesTotal} carts");
        Assert.True(codeUsed >= 20, $"{codeUsed} codeUsed");
        Assert.True(limitReached >= 8, $"{limitReached} limitReached");
        Assert.True(splitLines >= 300, $"{splitLines} lines funded by several parties");
        Assert.True(otherDefault >= 180, $"{otherDefault} carts funded by others than the merchant");
        Assert.True(units >= 270, $"{units} usage entries with units");
    }
}
