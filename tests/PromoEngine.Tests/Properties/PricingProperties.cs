using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Tests.Reference;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// Invariants of the spec over generated rule sets and carts. Each property takes a seed; the
/// generator turns it into a valid rule set and cart that exercise every stage.
/// </summary>
public sealed class PricingProperties
{
    private static (JsonObject Rules, JsonObject Cart, JsonObject Result) Priced(int seed)
    {
        var (rules, cart) = RandomRuleSets.Generate(seed);
        var engine = PricingEngine.FromJson(rules.ToJsonString());
        var result = JsonNode.Parse(engine.PriceJson(cart.ToJsonString()))!.AsObject();
        return (rules, cart, result);
    }

    private static decimal D(JsonNode? node) => node!.GetValue<decimal>();

    [Property(MaxTest = 500, EndSize = 100000)]
    public Property Compiled_engine_agrees_with_the_reference_evaluator(NonNegativeInt seed)
    {
        var (rules, cart, result) = Priced(seed.Get);
        var expected = ReferenceEvaluator.Price(rules, cart);
        var differences = JsonMatch.Exact(expected, result);
        return (differences.Count == 0).Label($"seed {seed.Get}:\n{string.Join("\n", differences.Take(10))}\nrules: {rules.ToJsonString()}\ncart: {cart.ToJsonString()}");
    }

    [Property(MaxTest = 60)]
    public Property Long_carts_agree_with_the_reference_evaluator(NonNegativeInt seed)
    {
        // Carts of more than 64 lines take the engine's other way of grouping (promotion, line) pairs.
        var (rules, cart) = RandomRuleSets.Generate(seed.Get);
        var lines = cart["lines"]!.AsArray();
        var copies = new JsonArray();
        int wanted = 65 + seed.Get % 60;
        for (int k = 0; copies.Count < wanted; k++)
        {
            var line = lines[k % lines.Count]!.DeepClone().AsObject();
            line["id"] = $"{line["id"]}-{k}";
            copies.Add(line);
        }
        cart["lines"] = copies;
        cart.Remove("usePoints"); // a balance sized for the short cart may not cover a long one's request
        var engine = PricingEngine.FromJson(rules.ToJsonString());
        string json = cart.ToJsonString();
        var actual = JsonNode.Parse(engine.PriceJson(json));
        var expected = ReferenceEvaluator.Price(JsonNode.Parse(rules.ToJsonString())!.AsObject(), JsonNode.Parse(json)!.AsObject());
        var differences = JsonMatch.Exact(expected, actual);
        return (differences.Count == 0).Label($"seed {seed.Get} ({wanted} lines):\n{string.Join("\n", differences.Take(10))}");
    }

    [Property(MaxTest = 400)]
    public Property Result_invariants_hold(NonNegativeInt seed)
    {
        var (_, _, r) = Priced(seed.Get);
        var lines = r["lines"]!.AsArray();
        decimal sumList = 0, sumAdjust = 0, sumAmount = 0, sumPayable = 0, sumPoints = 0;
        bool nonNegative = true, perLine = true;
        foreach (var line in lines)
        {
            decimal adjust = line!["adjustments"]!.AsArray().Sum(a => D(a!["amount"]));
            nonNegative &= line["adjustments"]!.AsArray().All(a => D(a!["amount"]) > 0);
            perLine &= D(line["amount"]) == D(line["listAmount"]) - adjust;
            perLine &= D(line["payable"]) == D(line["amount"]) - D(line["pointsValue"]);
            nonNegative &= D(line["amount"]) >= 0 && D(line["payable"]) >= 0 && D(line["pointsUsed"]) >= 0;
            sumList += D(line["listAmount"]);
            sumAdjust += adjust;
            sumAmount += D(line["amount"]);
            sumPayable += D(line["payable"]);
            sumPoints += D(line["pointsUsed"]);
        }
        return (D(r["subtotal"]) == sumList).Label("subtotal = Σ listAmount")
            .And((D(r["discount"]) == sumAdjust).Label("discount = Σ adjustments"))
            .And((D(r["total"]) == D(r["subtotal"]) - D(r["discount"])).Label("total = subtotal − discount"))
            .And((D(r["total"]) == sumAmount).Label("total = Σ amount"))
            .And((D(r["payable"]) == D(r["total"]) - D(r["points"]!["value"])).Label("payable = total − points value"))
            .And((D(r["payable"]) == sumPayable).Label("payable = Σ line payable"))
            .And((D(r["points"]!["used"]) == sumPoints).Label("Σ pointsUsed = points.used"))
            .And(nonNegative.Label("no negative amount, no zero adjustment"))
            .And(perLine.Label("amount = list − adjustments, payable = amount − points value"))
            .Label($"seed {seed.Get}");
    }

    [Property(MaxTest = 300)]
    public Property Line_order_does_not_change_any_lines_numbers(NonNegativeInt seed)
    {
        var (rules, cart) = RandomRuleSets.Generate(seed.Get);
        var engine = PricingEngine.FromJson(rules.ToJsonString());
        var original = JsonNode.Parse(engine.PriceJson(cart.ToJsonString()))!.AsObject();
        var shuffled = JsonNode.Parse(engine.PriceJson(RandomRuleSets.ShuffleLines(cart, seed.Get + 1).ToJsonString()))!.AsObject();
        var byId = shuffled["lines"]!.AsArray().ToDictionary(l => (string)l!["id"]!, l => l!);
        var differences = new List<string>();
        foreach (var line in original["lines"]!.AsArray())
            differences.AddRange(JsonMatch.Exact(line, byId[(string)line!["id"]!], $"line {line["id"]}"));
        foreach (string key in new[] { "subtotal", "discount", "total", "points", "payable", "coupons", "gifts", "hints" })
            differences.AddRange(JsonMatch.Exact(original[key], shuffled[key], key));
        return (differences.Count == 0).Label($"seed {seed.Get}: {string.Join("; ", differences.Take(5))}");
    }

    [Property(MaxTest = 100)]
    public Property Pricing_twice_gives_the_same_bytes(NonNegativeInt seed)
    {
        var (rules, cart) = RandomRuleSets.Generate(seed.Get);
        var engine = PricingEngine.FromJson(rules.ToJsonString());
        string json = cart.ToJsonString();
        return (engine.PriceJson(json) == engine.PriceJson(json)).Label($"seed {seed.Get}");
    }

    [Property(MaxTest = 500)]
    public Property Allocation_sums_exactly_and_stays_within_weights(NonNegativeInt[] rawWeights, NonNegativeInt rawAmount)
    {
        var weights = rawWeights.Select(w => (long)w.Get * 37).ToArray();
        long total = weights.Sum();
        long amount = total == 0 ? 0 : rawAmount.Get % (total + 1);
        var ranks = Enumerable.Range(0, weights.Length).Reverse().ToArray();
        var shares = new long[weights.Length];
        Money.Allocation.Split(amount, weights, ranks, shares);
        bool bounded = shares.Zip(weights).All(p => p.First >= 0 && p.First <= p.Second);
        // The same split with the positions permuted gives each position the same share.
        var order = Enumerable.Range(0, weights.Length).OrderBy(i => (i * 7919) % (weights.Length + 1)).ToArray();
        var permuted = new long[weights.Length];
        Money.Allocation.Split(amount, order.Select(i => weights[i]).ToArray(), order.Select(i => ranks[i]).ToArray(), permuted);
        bool stable = order.Select((i, k) => permuted[k] == shares[i]).All(x => x);
        return (shares.Sum() == amount).Label("sum").And(bounded.Label("0 ≤ share ≤ weight")).And(stable.Label("order independent"));
    }

    [Property(MaxTest = 1000)]
    public Property Allocation_is_the_literal_rule_of_section_2(NonNegativeInt[] rawWeights, NonNegativeInt rawAmount, NonNegativeInt seed)
    {
        // Small weights make equal remainders and equal weights common, so every tie rule is exercised.
        var random = new Random(seed.Get);
        var weights = rawWeights.Select(w => (long)(w.Get % 9) * (1 + seed.Get % 3)).ToArray();
        long total = weights.Sum();
        long amount = total == 0 ? 0 : rawAmount.Get % (total + 1);
        var ranks = Enumerable.Range(0, weights.Length).OrderBy(_ => random.Next()).ToArray();
        var shares = new long[weights.Length];
        Money.Allocation.Split(amount, weights, ranks, shares);

        // §2 as written: floor shares, then one unit each to the largest remainders; ties to the larger
        // weight, then to the smaller line id.
        var expected = new long[weights.Length];
        if (total > 0)
        {
            var remainder = new System.Numerics.BigInteger[weights.Length];
            for (int i = 0; i < weights.Length; i++)
            {
                var product = (System.Numerics.BigInteger)amount * weights[i];
                expected[i] = (long)(product / total);
                remainder[i] = product % total;
            }
            long leftover = amount - expected.Sum();
            var order = Enumerable.Range(0, weights.Length).Where(i => weights[i] > 0)
                .OrderByDescending(i => remainder[i]).ThenByDescending(i => weights[i]).ThenBy(i => ranks[i]);
            foreach (int i in order.Take((int)leftover)) expected[i]++;
        }
        return shares.SequenceEqual(expected).Label($"weights [{string.Join(", ", weights)}], amount {amount}, ranks [{string.Join(", ", ranks)}]: got [{string.Join(", ", shares)}], expected [{string.Join(", ", expected)}]");
    }
}
