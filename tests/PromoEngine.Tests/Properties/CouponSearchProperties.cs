using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Tests.Reference;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// The engine's coupon search (branch and bound over instance counts, merged states, a greedy first
/// choice) chooses what exhaustive search chooses: the reference evaluator tries every subset. Carts here
/// offer wallets of up to a dozen candidates, several instances of one definition among them, over layers
/// that allow several coupons each, where the search's shortcuts matter most.
/// </summary>
public sealed class CouponSearchProperties
{
    [Property(MaxTest = 150)]
    public Property Search_agrees_with_exhaustive_search_on_wallets(NonNegativeInt seed)
    {
        var (rules, cart) = Wallet(seed.Get);
        var rulesCopy = JsonNode.Parse(rules.ToJsonString())!.AsObject();
        var cartCopy = JsonNode.Parse(cart.ToJsonString())!.AsObject();
        var actual = JsonNode.Parse(PricingEngine.FromJson(rules.ToJsonString()).PriceJson(cart.ToJsonString()));
        var differences = JsonMatch.Exact(ReferenceEvaluator.Price(rulesCopy, cartCopy), actual);
        return (differences.Count == 0).Label($"seed {seed.Get}:\n{string.Join("\n", differences.Take(8))}\nrules: {rules.ToJsonString()}\ncart: {cart.ToJsonString()}");
    }

    /// <summary>
    /// With a small budget of choices (§14), the choice is either exact (and then the best) or bounded: never
    /// better than the best, every coupon it uses really applies (the result's invariants hold), and the
    /// same on every run.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property A_bounded_choice_is_valid_never_better_than_the_best_and_repeatable(NonNegativeInt seed)
    {
        var (rules, cart) = Wallet(seed.Get);
        var exact = JsonNode.Parse(PricingEngine.FromJson(rules.ToJsonString()).PriceJson(cart.ToJsonString()))!;
        rules["couponSearch"] = new JsonObject { ["maxChoices"] = 1 + seed.Get % 12 };
        var engine = PricingEngine.FromJson(rules.ToJsonString());
        string first = engine.PriceJson(cart.ToJsonString());
        string again = engine.PriceJson(cart.ToJsonString());
        var bounded = JsonNode.Parse(first)!;
        decimal total = (decimal)bounded["total"]!, best = (decimal)exact["total"]!;
        bool sameWhenExact = (string?)bounded["couponChoice"] != "exact" || JsonMatch.Exact(exact, bounded).Count == 0;
        decimal couponSum = bounded["coupons"]!.AsArray().Where(c => (string?)c!["status"] == "applied").Sum(c => (decimal)c!["amount"]!);
        decimal couponAdjustments = bounded["lines"]!.AsArray().SelectMany(l => l!["adjustments"]!.AsArray()).Where(a => (string?)a!["stage"] == "coupon").Sum(a => (decimal)a!["amount"]!);
        return (total >= best).Label($"bounded total {total} below the best {best}")
            .And(sameWhenExact.Label("an exact choice within the budget is the best"))
            .And((couponSum == couponAdjustments).Label("applied coupons are the coupon adjustments"))
            .And((first == again).Label("the same on every run"));
    }

    /// <summary>A rule set and a cart from the random generator with a wallet of extra coupons.</summary>
    private static (JsonObject Rules, JsonObject Cart) Wallet(int seed)
    {
        var (rules, cart) = RandomRuleSets.Generate(seed);
        var random = new Random(seed * 7919 + 1);
        var layers = rules["layers"]?.AsArray();
        if (layers is not null)
            foreach (var layer in layers) layer!["maxCoupons"] = random.Next(0, 4);

        var coupons = rules["coupons"] as JsonArray ?? [];
        rules["coupons"] = coupons;
        var instances = cart["coupons"] as JsonArray ?? [];
        cart["coupons"] = instances;
        int extra = random.Next(3, 10);
        string money(int max) => (random.Next(1, max * 100) / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool yen = (string?)rules["currency"] == "JPY";
        for (int k = 0; k < extra; k++)
        {
            var coupon = new JsonObject { ["id"] = $"wallet-{k}" };
            if (layers is not null) coupon["layer"] = (string?)layers[random.Next(layers.Count)]!["id"];
            if (random.Next(3) == 0) coupon["percentOff"] = random.Next(1, 40);
            else coupon["amountOff"] = JsonValue.Create(yen ? random.Next(1, 3000) : decimal.Parse(money(60), System.Globalization.CultureInfo.InvariantCulture));
            if (random.Next(2) == 0) coupon["minSpend"] = JsonValue.Create(yen ? random.Next(0, 30000) : decimal.Parse(money(300), System.Globalization.CultureInfo.InvariantCulture));
            if (random.Next(4) == 0) coupon["maxOff"] = JsonValue.Create(yen ? random.Next(1, 2000) : decimal.Parse(money(40), System.Globalization.CultureInfo.InvariantCulture));
            if (random.Next(8) == 0) coupon["exclusive"] = true;
            if (random.Next(5) == 0) coupon["excludePromoted"] = true;
            if (random.Next(4) == 0) coupon["priority"] = random.Next(-2, 3);
            coupons.Add(coupon);
            instances.Add(new JsonObject { ["code"] = $"W{k}", ["couponId"] = $"wallet-{k}" });
            // Several instances of one definition: the search chooses how many, the smallest codes first.
            if (random.Next(3) == 0) instances.Add(new JsonObject { ["code"] = $"V{k}", ["couponId"] = $"wallet-{k}" });
            if (random.Next(8) == 0) instances.Add(new JsonObject { ["code"] = $"A{k}", ["couponId"] = $"wallet-{k}" });
        }
        while (instances.Count > 12) instances.RemoveAt(instances.Count - 1);
        return (rules, cart);
    }
}
