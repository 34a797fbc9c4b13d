using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using PromoEngine.Validation;

namespace PromoEngine.Tests.Properties;

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

    /// <summary>Text-level changes a value mutation cannot make: duplicates, escapes, number forms, spacing, trailing text.</summary>
    private static string MutateText(string json, Random random)
    {
        string[] names = ["id", "sku", "currency", "quantity", "unitPrice", "code", "tags", "kind", "price"];
        switch (random.Next(7))
        {
            case 0:
                int brace = json.IndexOf('{', random.Next(json.Length));
                return brace < 0 ? json : json.Insert(brace + 1, $"\"{names[random.Next(names.Length)]}\":\"dup\",");
            case 1:
                return json.Replace("\"id\":", "\"i\\u0064\":").Replace("\"sku\":\"", "\"sku\":\"\\u0041");
            case 2:
                return System.Text.RegularExpressions.Regex.Replace(json, "\"(quantity|n|buy)\":(\\d+)", "\"$1\":$2.0");
            case 3:
                return System.Text.RegularExpressions.Regex.Replace(json, "\"(unitPrice|price|atLeast)\":(\\d+)", "\"$1\":$2e0");
            case 4:
                return json.Replace(":", " :\n\t ").Replace(",", " , ");
            case 5:
                return json + (random.Next(2) == 0 ? " " : " x");
            default:
                return json.Replace("\"unitPrice\":", "\"unitPrice\":-").Replace("\"price\":", "\"price\":-");
        }
    }
}
