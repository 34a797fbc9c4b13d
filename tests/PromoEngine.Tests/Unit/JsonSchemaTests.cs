using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PromoEngine.Tests.Support;

namespace PromoEngine.Tests.Unit;

/// <summary>
/// Issue #11: the JSON Schemas of rule sets and carts (docs/schema, draft 2020-12, shipped in the PromoEngine
/// package) accept every sample and every valid scenario's rules and cart, and refuse every scenario document the
/// engine refuses for a reason a schema can see (its shape: types, unknown properties, missing or empty fields,
/// ranges). The engine stays the judge of what a schema cannot see (references, uniqueness, decimals, order).
/// </summary>
public sealed class JsonSchemaTests
{
    /// <summary>Errors of the document's shape, which the schemas must catch too.</summary>
    private static readonly HashSet<string> ShapeCodes =
    [
        ErrorCodes.UnknownProperty, ErrorCodes.ExpectedObject, ErrorCodes.ExpectedArray, ErrorCodes.ExpectedString, ErrorCodes.ExpectedNumber,
        ErrorCodes.ExpectedWholeNumber, ErrorCodes.ExpectedBoolean, ErrorCodes.ExpectedFunding, ErrorCodes.ExpectedPoints, ErrorCodes.ExpectedInstant,
        ErrorCodes.UnknownValue, ErrorCodes.Required, ErrorCodes.Empty, ErrorCodes.EmptyList, ErrorCodes.Conflicting, ErrorCodes.TooSmall, ErrorCodes.Negative,
    ];

    private static readonly Lazy<JsonSchema> RuleSetSchema = new(() => Load("rule-set.schema.json"));
    private static readonly Lazy<JsonSchema> CartSchema = new(() => Load("cart.schema.json"));

    private static string SchemaDir => Path.Combine(RepoRoot, "docs", "schema");

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PromoEngine.sln"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }

    private static JsonSchema Load(string name) => JsonSchema.FromFile(Path.Combine(SchemaDir, name));

    /// <summary>The schema's complaints about <paramref name="json"/>; empty when it is valid.</summary>
    private static List<string> Problems(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    public static TheoryData<string> Scenarios() => new(Scenario.Files("Shared").Concat(Scenario.Files("Own")));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_scenarios_documents_pass_the_schemas_exactly_when_their_shape_is_right(string file)
    {
        var scenario = Scenario.Load(file);
        if (!scenario.Prices) return; // a scenario about a given result has no rule set or cart
        if (scenario.ExpectErrors is null)
        {
            Assert.Equal((file, "rules", ""), (file, "rules", string.Join("\n", Problems(RuleSetSchema.Value, scenario.RulesJson))));
            Assert.Equal((file, "cart", ""), (file, "cart", string.Join("\n", Problems(CartSchema.Value, scenario.CartJson))));
            return;
        }
        // Which document the engine refuses, and why: the rule set first, as promo reports it.
        var errors = Refusal(() => PricingEngine.FromJson(scenario.RulesJson));
        bool rules = errors.Count > 0;
        if (!rules) errors = Refusal(() => PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson));
        Assert.NotEmpty(errors);
        var shape = errors.Where(e => ShapeCodes.Contains(e.Code)).ToList();
        var problems = Problems(rules ? RuleSetSchema.Value : CartSchema.Value, rules ? scenario.RulesJson : scenario.CartJson);
        if (shape.Count > 0)
            Assert.True(problems.Count > 0, $"{file}: the schema accepts a {(rules ? "rule set" : "cart")} the engine refuses for its shape: {string.Join("; ", shape)}");
        if (!rules) Assert.Empty(Problems(RuleSetSchema.Value, scenario.RulesJson)); // a valid rule set passes
    }

    [Fact]
    public void The_schemas_refuse_enough_of_the_invalid_scenarios()
    {
        int refused = 0;
        foreach (string file in Scenario.Files("Shared").Concat(Scenario.Files("Own")))
        {
            var scenario = Scenario.Load(file);
            if (!scenario.Prices || scenario.ExpectErrors is null) continue;
            bool rules = Refusal(() => PricingEngine.FromJson(scenario.RulesJson)).Count > 0;
            if (Problems(rules ? RuleSetSchema.Value : CartSchema.Value, rules ? scenario.RulesJson : scenario.CartJson).Count > 0) refused++;
        }
        Assert.True(refused >= 15, $"the schemas refuse only {refused} invalid scenario documents");
    }

    [Fact]
    public void Every_sample_passes_and_names_its_schema()
    {
        string data = Path.Combine(RepoRoot, "samples", "data");
        var documents = new List<(string Name, string Json, JsonSchema Schema, string SchemaFile)>
        {
            ("retail-rules.json", File.ReadAllText(Path.Combine(data, "retail-rules.json")), RuleSetSchema.Value, "rule-set.schema.json"),
        };
        foreach (string cart in Directory.GetFiles(data, "cart-*.json"))
            documents.Add((Path.GetFileName(cart), File.ReadAllText(cart), CartSchema.Value, "cart.schema.json"));
        var lines = File.ReadAllLines(Path.Combine(data, "carts.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(10, lines.Count);
        for (int i = 0; i < lines.Count; i++) documents.Add(($"carts.jsonl line {i + 1}", lines[i], CartSchema.Value, "cart.schema.json"));

        foreach (var (name, json, schema, schemaFile) in documents)
        {
            Assert.Equal((name, ""), (name, string.Join("\n", Problems(schema, json))));
            if (name.StartsWith("carts.jsonl", StringComparison.Ordinal)) continue; // one compact cart per line: no room for $schema
            // The editor finds the schema from the file's own $schema, relative to the file.
            string reference = (string)JsonNode.Parse(json)!["$schema"]!;
            Assert.Equal(Path.GetFullPath(Path.Combine(SchemaDir, schemaFile)), Path.GetFullPath(Path.Combine(data, reference)));
        }
        // The engine takes $schema and ignores it.
        var engine = PricingEngine.FromJson(documents[0].Json);
        Assert.StartsWith("{", engine.PriceJson(documents[1].Json));
    }

    [Theory]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"p","kind":"threshold","percentOff":10,"tiers":[{"atLeast":1,"amountOff":1}]}]}""")] // a field of another kind
    [InlineData("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"p","kind":"itemDiscount","percentOff":10,"amountOff":1}]}""")] // two forms at once
    [InlineData("""{"id":"r","version":"1","currency":"CNY","promotions":[{"id":"p","kind":"bogo","price":1}]}""")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","coupons":[{"id":"c","percentOff":120}]}""")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","coupons":[{"id":"c","amountOff":1,"name":""}]}""")]
    [InlineData("""{"id":"r","version":"1","currency":"CNY","coupons":[{"id":"c","amountOff":1,"window":{"from":"2026-11-11T00:00:00"}}]}""")] // no offset
    [InlineData("""{"id":"r","version":"1","currency":"CNY","$id":"x"}""")]
    [InlineData("""{"version":"1","currency":"CNY"}""")]
    public void Rule_sets_of_a_wrong_shape_fail_the_schema_and_the_engine(string rules)
    {
        Assert.NotEmpty(Problems(RuleSetSchema.Value, rules));
        Assert.NotEmpty(Refusal(() => PricingEngine.FromJson(rules)));
    }

    [Theory]
    [InlineData("""{"currency":"CNY","channel":"web","at":"2026-11-11T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":1}]}""")]
    [InlineData("""{"currency":"CNY","channel":"online","at":"2026-11-11T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":0}]}""")]
    [InlineData("""{"currency":"CNY","channel":"online","at":"2026-11-11T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":1.5}]}""")]
    [InlineData("""{"currency":"CNY","channel":"online","at":"2026-11-11T10:00:00+08:00","lines":[]}""")]
    [InlineData("""{"currency":"CNY","channel":"online","at":"2026-11-11T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":1}],"usePoints":"all"}""")]
    [InlineData("""{"currency":"CNY","channel":"online","at":"2026-11-11T10:00:00+08:00","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":1,"colour":"red"}]}""")]
    [InlineData("""{"currency":"CNY","channel":"online","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":1}]}""")]
    public void Carts_of_a_wrong_shape_fail_the_schema_and_the_engine(string cart)
    {
        Assert.NotEmpty(Problems(CartSchema.Value, cart));
        Assert.NotEmpty(Refusal(() => PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY"}""").PriceJson(cart)));
    }

    private static IReadOnlyList<ValidationError> Refusal(Action act)
    {
        try
        {
            act();
            return [];
        }
        catch (PromoValidationException e)
        {
            return e.Errors;
        }
    }
}
