using System.Text.Json.Nodes;

namespace PromoEngine.Tests.Support;

/// <summary>One scenario file: a rule set, a cart and the expected result or errors.</summary>
public sealed record Scenario(string File, string Name, JsonObject Rules, JsonObject Cart, JsonNode? Expect, IReadOnlyList<string>? ExpectErrors)
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    public static IEnumerable<string> Files(string folder) =>
        !Directory.Exists(Path.Combine(Root, folder)) ? [] : Directory.EnumerateFiles(Path.Combine(Root, folder), "*.json").Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal);

    public static Scenario Load(string relativePath)
    {
        var node = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Root, relativePath)))!.AsObject();
        return new Scenario(
            relativePath,
            (string?)node["name"] ?? relativePath,
            node["rules"]!.AsObject(),
            node["cart"]!.AsObject(),
            node["expect"],
            node["expectErrors"]?.AsArray().Select(e => (string)e!).ToArray());
    }

    public string RulesJson => Rules.ToJsonString();

    public string CartJson => Cart.ToJsonString();
}
