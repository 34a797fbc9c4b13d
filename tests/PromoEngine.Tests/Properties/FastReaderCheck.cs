using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Validation;

namespace PromoEngine.Tests.Properties;

/// <summary>The two readers of each document, as the properties call them.</summary>
internal static class Readers
{
    public static RuleSetDefinition? FastRules(string json) => FastReader.TryRead(json, DefinitionShapes.RuleSetDocument);

    public static CartDefinition? FastCart(string json) => FastReader.TryRead(json, DefinitionShapes.CartDocument);

    public static RuleSetDefinition? FullRules(JsonElement root, ErrorSink errors) => DefinitionShapes.RuleSetDocument.Read(root, LazyPath.Root, errors);

    public static CartDefinition? FullCart(JsonElement root, ErrorSink errors) => DefinitionShapes.CartDocument.Read(root, LazyPath.Root, errors);
}

/// <summary>
/// What both one-pass readers must do with a document: read exactly what the full reader reads without
/// an error, or give up. A quarter of the documents are left as generated (a clean one must be read);
/// the rest are mutated as values, then as text.
/// </summary>
internal static class FastReaderCheck
{
    public static Property AgreesOrGivesUp<T>(int seed, JsonObject document, Func<string, T?> fast,
        Func<JsonElement, ErrorSink, T?> full, string errorDocument, Func<T, string> write) where T : class
    {
        var random = new Random(seed * 31 + 7);
        bool mutated = random.Next(4) != 0;
        if (mutated)
            for (int m = random.Next(1, 3); m > 0; m--) RobustnessProperties.Mutate(document, random);
        string text = mutated ? MutateText(document.ToJsonString(), random) : document.ToJsonString();

        var quick = fast(text);
        var (read, clean) = ReadFully(text, full, errorDocument);
        string label = $"seed {seed}: {text}";
        if (quick is null) return (mutated || !clean).Label("gave up on a clean document: " + label);
        return (clean && write(quick) == write(read!)).Label("read differently: " + label);
    }

    /// <summary>The full reader's result, and whether it reported nothing.</summary>
    public static (T? Value, bool Clean) ReadFully<T>(string text, Func<JsonElement, ErrorSink, T?> full, string errorDocument) where T : class
    {
        var errors = new ErrorSink(errorDocument);
        try
        {
            using var parsed = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            var value = full(parsed.RootElement, errors);
            return (value, value is not null && !errors.HasErrors);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    /// <summary>
    /// Adds the v2 fields (spec §10, §11, §14) to a generated rule set, each in about half the places it may
    /// stand: funding on member prices, promotions, coupons and points; limits, names and descriptions on
    /// promotions and coupons; usesPerCode; defaultFunder, couponSearch and $schema at the top.
    /// </summary>
    public static JsonObject WithV2Fields(JsonObject rules, int seed)
    {
        var random = new Random(seed * 17 + 3);
        bool Half() => random.Next(2) == 0;
        JsonNode Funding() => random.Next(3) switch
        {
            0 => JsonValue.Create("platform"),
            1 => new JsonArray(new JsonObject { ["party"] = "platform", ["percent"] = 100 }),
            _ => new JsonArray(new JsonObject { ["party"] = "brand:acme", ["percent"] = 33.33333333m },
                new JsonObject { ["party"] = "store", ["percent"] = 66.66666667m }),
        };
        JsonObject Limits(bool units, bool budget)
        {
            var limits = new JsonObject { ["uses"] = random.Next(1, 100) };
            if (Half()) limits["usesPerCustomer"] = random.Next(1, 5);
            if (units && Half()) limits["units"] = random.Next(1, 50);
            if (units && Half()) limits["unitsPerCustomer"] = random.Next(1, 5);
            if (budget && Half()) limits["budget"] = random.Next(1, 100000) / 100m;
            return limits;
        }
        void Texts(JsonObject rule)
        {
            if (Half()) rule["name"] = "名称 " + rule["id"];
            if (Half()) rule["description"] = "a \"quoted\" description";
        }
        if (Half()) rules["$schema"] = "https://example.com/rule-set.schema.json";
        if (Half()) rules["defaultFunder"] = "merchant";
        if (Half()) rules["couponSearch"] = Half() ? new JsonObject() : new JsonObject { ["maxChoices"] = random.Next(1, 100000) };
        foreach (var entry in (rules["memberPrices"] as JsonArray ?? []).OfType<JsonObject>())
            if (Half()) entry["funding"] = Funding();
        foreach (var promotion in (rules["promotions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Texts(promotion);
            if (Half()) promotion["funding"] = Funding();
            bool threshold = (string?)promotion["kind"] == "threshold";
            if (Half()) promotion["limits"] = Limits(units: !threshold, budget: threshold);
        }
        foreach (var coupon in (rules["coupons"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Texts(coupon);
            if (Half()) coupon["funding"] = Funding();
            if (Half()) coupon["limits"] = Limits(units: false, budget: true);
            if (Half()) coupon["usesPerCode"] = random.Next(1, 4);
        }
        if (rules["points"] is JsonObject points && Half()) points["funding"] = Funding();
        return rules;
    }

    /// <summary>Adds <c>usage</c> (keys plain and odd, null counts, every count) and <c>$schema</c> to a generated cart.</summary>
    public static JsonObject WithUsage(JsonObject cart, int seed)
    {
        var random = new Random(seed * 13 + 5);
        if (random.Next(2) == 0) cart["$schema"] = "https://example.com/cart.schema.json";
        if (random.Next(4) == 0) return cart;
        string[] ids = ["p1", "p2", "c1", "promo-a", "it's", "名", "p 1"];
        JsonObject Counts()
        {
            var counts = new JsonObject();
            foreach (string name in new[] { "uses", "customerUses", "units", "customerUnits" })
                if (random.Next(2) == 0) counts[name] = random.Next(0, 20);
            if (random.Next(2) == 0) counts["spent"] = random.Next(0, 100000) / 100m;
            return counts;
        }
        JsonObject Map(Func<JsonNode?> value)
        {
            var map = new JsonObject();
            foreach (string id in ids.Where(_ => random.Next(3) == 0)) map[id] = random.Next(5) == 0 ? null : value();
            return map;
        }
        var usage = new JsonObject();
        if (random.Next(3) != 0) usage["promotions"] = Map(Counts);
        if (random.Next(3) != 0) usage["coupons"] = Map(Counts);
        if (random.Next(3) != 0) usage["codes"] = Map(() => JsonValue.Create(random.Next(0, 3)));
        cart["usage"] = usage;
        return cart;
    }

    /// <summary>Text-level changes a value mutation cannot make: duplicates, escapes, number forms, spacing, trailing text.</summary>
    private static string MutateText(string json, Random random)
    {
        string[] names = ["id", "sku", "currency", "quantity", "unitPrice", "code", "tags", "kind", "price", "funding", "party", "uses", "limits", "spent"];
        switch (random.Next(7))
        {
            case 0:
                int brace = json.IndexOf('{', random.Next(json.Length));
                return brace < 0 ? json : json.Insert(brace + 1, $"\"{names[random.Next(names.Length)]}\":\"dup\",");
            case 1:
                return json.Replace("\"id\":", "\"i\\u0064\":").Replace("\"sku\":\"", "\"sku\":\"\\u0041");
            case 2:
                return System.Text.RegularExpressions.Regex.Replace(json, "\"(quantity|n|buy|uses|units|maxChoices)\":(\\d+)", "\"$1\":$2.0");
            case 3:
                return System.Text.RegularExpressions.Regex.Replace(json, "\"(unitPrice|price|atLeast|percent|budget|spent)\":(\\d+)", "\"$1\":$2e0");
            case 4:
                return json.Replace(":", " :\n\t ").Replace(",", " , ");
            case 5:
                return json + (random.Next(2) == 0 ? " " : " x");
            default:
                return json.Replace("\"unitPrice\":", "\"unitPrice\":-").Replace("\"price\":", "\"price\":-");
        }
    }
}
