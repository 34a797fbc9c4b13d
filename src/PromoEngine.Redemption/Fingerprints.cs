using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PromoEngine.Redemption;

/// <summary>
/// Fingerprints that tell a repeated request from another one under the same order or return id: SHA-256 of
/// a canonical form, as lower-case hex.
/// </summary>
public static class Fingerprints
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>
    /// The fingerprint of a JSON document that does not depend on its layout: object members sorted
    /// ordinally by name, no whitespace, numbers written without trailing zeros (<c>10.50</c> and
    /// <c>10.5</c> are the same amount). Property order and formatting may change between retries;
    /// content may not.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static string OfJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, Options);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteCanonical(document.RootElement, writer);
        return Hex(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The fingerprint of some texts, taken in order (each length-prefixed, so no two lists share one).</summary>
    public static string Of(params string?[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is null) { text.Append("-1:"); continue; }
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }
        return Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    private static void WriteCanonical(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteCanonical(item, writer);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                // "G29" drops a decimal's trailing zeros; numbers beyond decimal keep their text.
                writer.WriteRawValue(element.TryGetDecimal(out var number)
                    ? number.ToString("G29", CultureInfo.InvariantCulture)
                    : element.GetRawText());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
