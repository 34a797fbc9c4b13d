using System.Text.Json.Nodes;

namespace PromoEngine.Tests.Support;

/// <summary>
/// One scenario file: a rule set, a cart and the expected result or errors; optionally a return
/// (<c>returns</c>) with its expected return result or errors. A scenario about a broken result gives
/// <c>result</c> (a whole result document) in place of <c>rules</c> and <c>cart</c>.
/// </summary>
public sealed record Scenario(string File, string Name, JsonObject? Rules, JsonObject? Cart, JsonNode? Expect, IReadOnlyList<string>? ExpectErrors)
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
            node["rules"]?.AsObject(),
            node["cart"]?.AsObject(),
            node["expect"],
            Paths(node["expectErrors"]))
        {
            HasResult = node.ContainsKey("result"),
            Result = node["result"],
            Returns = node["returns"],
            ExpectReturn = node["expectReturn"],
            ExpectReturnErrors = Paths(node["expectReturnErrors"]),
        };
    }

    private static string[]? Paths(JsonNode? node) => node?.AsArray().Select(e => (string)e!).ToArray();

    /// <summary>Whether the scenario gives a result document (possibly <c>null</c>) instead of rules and a cart.</summary>
    public bool HasResult { get; init; }

    /// <summary>The result document a return is priced against, when the scenario gives one instead of rules and a cart.</summary>
    public JsonNode? Result { get; init; }

    /// <summary>The return request (spec §13), when the scenario has one.</summary>
    public JsonNode? Returns { get; init; }

    /// <summary>A partial return result that must match.</summary>
    public JsonNode? ExpectReturn { get; init; }

    /// <summary>The paths of the return's errors.</summary>
    public IReadOnlyList<string>? ExpectReturnErrors { get; init; }

    /// <summary>Whether the scenario prices a cart (it has rules and a cart, not a given result).</summary>
    public bool Prices => Rules is not null && Cart is not null;

    public string RulesJson => (Rules ?? throw new InvalidOperationException($"{File} has no rules")).ToJsonString();

    public string CartJson => (Cart ?? throw new InvalidOperationException($"{File} has no cart")).ToJsonString();

    /// <summary>The given result document's text (<c>null</c> written as <c>null</c>).</summary>
    public string ResultJson => Result?.ToJsonString() ?? "null";

    public string ReturnsJson => (Returns ?? throw new InvalidOperationException($"{File} has no returns")).ToJsonString();
}
