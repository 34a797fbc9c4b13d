using System.Buffers;
using System.Text;
using System.Text.Json;
using PromoEngine.Definitions;

namespace PromoEngine.Json;

/// <summary>
/// Writes rule sets and carts as JSON (the formats of spec §3 and §4), driven by the same shapes as the
/// readers. Reading goes through <see cref="PricingEngine.ReadRuleSet"/> and <see cref="PricingEngine.ReadCart"/>,
/// which report every error with its path; what this writes, they read back to equal records.
/// </summary>
public static class DefinitionJson
{
    /// <summary>The rule set as JSON.</summary>
    public static string Write(RuleSetDefinition rules, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Write(DefinitionShapes.RuleSetDocument, rules, indented);
    }

    /// <summary>The cart as JSON.</summary>
    public static string Write(CartDefinition cart, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return Write(DefinitionShapes.CartDocument, cart, indented);
    }

    private static string Write<T>(ObjectCodec<T> document, T value, bool indented) where T : class
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            document.Write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
