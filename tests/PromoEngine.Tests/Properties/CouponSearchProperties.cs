using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Tests.Reference;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// The engine's coupon search (a prefix tree with shortcuts at the leaves) chooses what exhaustive search
/// chooses: the reference evaluator tries every subset. Carts here offer many candidates over layers that
/// allow several coupons each, where the search's shortcuts matter most.
/// </summary>
public sealed class CouponSearchProperties
{
    [Property(MaxTest = 150)]
    public Property Search_agrees_with_exhaustive_search_on_wallets(NonNegativeInt seed)
    {
        var (rules, cart) = RandomRuleSets.Generate(seed.Get);
        var random = new Random(seed.Get * 7919 + 1);
        var layers = rules["layers"]?.AsArray();
        if (layers is not null)
            foreach (var layer in layers) layer!["maxCoupons"] = random.Next(0, 4);

        var coupons = rules["coupons"] as JsonArray ?? [];
        rules["coupons"] = coupons;
        var instances = cart["coupons"] as JsonArray ?? [];
        cart["coupons"] = instances;
        int extra = random.Next(3, 8);
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
            if (random.Next(6) == 0) instances.Add(new JsonObject { ["code"] = $"V{k}", ["couponId"] = $"wallet-{k}" });
        }

        var rulesCopy = JsonNode.Parse(rules.ToJsonString())!.AsObject();
        var cartCopy = JsonNode.Parse(cart.ToJsonString())!.AsObject();
        var actual = JsonNode.Parse(PricingEngine.FromJson(rules.ToJsonString()).PriceJson(cart.ToJsonString()));
        var differences = JsonMatch.Exact(ReferenceEvaluator.Price(rulesCopy, cartCopy), actual);
        return (differences.Count == 0).Label($"seed {seed.Get}:\n{string.Join("\n", differences.Take(8))}\nrules: {rules.ToJsonString()}\ncart: {cart.ToJsonString()}");
    }
}
