using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Tests.Reference;

namespace PromoEngine.Tests.Properties;

/// <summary>
/// Bad input never crashes and never prices: whatever a mutation does to a valid rule set or cart, the
/// engine either prices it or throws <see cref="PromoValidationException"/> with located errors.
/// </summary>
public sealed class RobustnessProperties
{
    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e30), JsonValue.Create(12.345m),
        JsonValue.Create(long.MaxValue), JsonValue.Create(""), JsonValue.Create("max"), JsonValue.Create("x"),
        JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create(9223372036854775807.99m),
        JsonValue.Create(100.5m), JsonValue.Create("2026-03-08T10:00:00"), JsonValue.Create(int.MinValue),
    ];

    [Property(MaxTest = 400)]
    public Property Mutated_input_prices_or_is_refused_with_located_errors(NonNegativeInt seed)
    {
        var (rules, cart) = RandomRuleSets.Generate(seed.Get);
        var random = new Random(seed.Get);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++) Mutate(random.Next(2) == 0 ? rules : cart, random);

        try
        {
            var engine = PricingEngine.FromJson(rules.ToJsonString());
            engine.PriceJson(cart.ToJsonString());
            return true.ToProperty();
        }
        catch (PromoValidationException e)
        {
            bool located = e.Errors.Count > 0 && e.Errors.All(x => x.Path.StartsWith('$') && x.Message.Length > 0);
            return located.Label($"seed {seed.Get}: errors without a path: {string.Join("; ", e.Errors)}");
        }
        catch (Exception e)
        {
            return false.Label($"seed {seed.Get}: {e.GetType().Name}: {e.Message}\nrules: {rules.ToJsonString()}\ncart: {cart.ToJsonString()}");
        }
    }

    /// <summary>Replaces, removes or adds one value somewhere in the document.</summary>
    internal static void Mutate(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        JsonNode? replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) == 0:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                break;
            case JsonObject obj when obj.Count > 0:
                obj[obj.ElementAt(random.Next(obj.Count)).Key] = replacement;
                break;
            case JsonObject obj:
                obj["unexpected"] = replacement;
                break;
            case JsonArray array when array.Count > 0:
                array[random.Next(array.Count)] = replacement;
                break;
            case JsonArray array:
                array.Add(replacement);
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node is JsonObject obj)
        {
            into.Add(obj);
            foreach (var (_, child) in obj)
                if (child is not null) Collect(child, into);
        }
        else if (node is JsonArray array)
        {
            into.Add(array);
            foreach (var child in array)
                if (child is not null) Collect(child, into);
        }
    }
}
