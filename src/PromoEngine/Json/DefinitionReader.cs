using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>
/// Reads a rule set or a cart: the one-pass reader first; when it gives up, the full reader reads the
/// document again and reports what is wrong, so errors always come from one place.
/// </summary>
internal static class DefinitionReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static RuleSetDefinition? ReadRuleSet(string json, ErrorSink errors) => Read(json, errors, DefinitionShapes.RuleSetDocument);

    public static CartDefinition? ReadCart(string json, ErrorSink errors) => Read(json, errors, DefinitionShapes.CartDocument);

    public static T? Read<T>(string json, ErrorSink errors, ObjectCodec<T> document) where T : class =>
        FastReader.TryRead(json, document) ?? ReadFully(json, errors, document);

    /// <summary>The full reader alone: every problem of the document, or of its JSON, reported.</summary>
    public static T? ReadFully<T>(string json, ErrorSink errors, ObjectCodec<T> document) where T : class
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            errors.Add(JsonPath.Root, ErrorCatalog.MalformedJson(e.Message));
            return null;
        }
        using (parsed) return document.Read(parsed.RootElement, LazyPath.Root, errors);
    }
}
