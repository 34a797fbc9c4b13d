using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromoEngine.Tests.Support;

/// <summary>
/// The partial match of the scenario format: every key of the expectation must match; objects key by
/// key (extra keys in the actual value are fine), arrays element by element with the same length,
/// numbers by value (160.08 equals 160.080).
/// </summary>
public static class JsonMatch
{
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences, partial: true);
        return differences;
    }

    /// <summary>Full equality, numbers by value: the same keys on both sides.</summary>
    public static List<string> Exact(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences, partial: false);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences, bool partial)
    {
        switch (expected)
        {
            case null:
                if (actual is not null) differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                return;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject) { differences.Add($"{path}: expected an object, got {Show(actual)}"); return; }
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(key)) { differences.Add($"{path}.{key}: missing"); continue; }
                    Compare(value, actualObject[key], $"{path}.{key}", differences, partial);
                }
                if (!partial)
                    foreach (var (key, value) in actualObject)
                        if (!expectedObject.ContainsKey(key)) differences.Add($"{path}.{key}: unexpected {Show(value)}");
                return;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray) { differences.Add($"{path}: expected an array, got {Show(actual)}"); return; }
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: expected {expectedArray.Count} elements, got {actualArray.Count}: {actualArray.ToJsonString()}");
                    return;
                }
                for (int i = 0; i < expectedArray.Count; i++) Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences, partial);
                return;
            case JsonValue expectedValue:
                if (actual is not JsonValue actualValue) { differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {Show(actual)}"); return; }
                var ek = expectedValue.GetValueKind();
                var ak = actualValue.GetValueKind();
                if (ek == JsonValueKind.Number && ak == JsonValueKind.Number)
                {
                    if (ToDecimal(expectedValue) != ToDecimal(actualValue))
                        differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {actualValue.ToJsonString()}");
                    return;
                }
                if (expectedValue.ToJsonString() != actualValue.ToJsonString())
                    differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {actualValue.ToJsonString()}");
                return;
        }
    }

    private static decimal ToDecimal(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "nothing";
}
