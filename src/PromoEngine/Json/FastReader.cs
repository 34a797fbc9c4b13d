using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PromoEngine.Json;

/// <summary>
/// The one-pass reader: reads a clean document in one forward pass over its UTF-8 bytes, driven by the
/// same <see cref="JsonShape{T}"/> as <see cref="ObjectReader"/>. It accepts only what that reader reads
/// without a single problem (a JSON null is an absent property there too) and gives up (null) on anything
/// else — an unknown or repeated property, a value of another type, a number in exponent form, an
/// instant it cannot read, a field of another variant — so the full reader stays the one source of
/// messages and paths. A document and a reader object per JSON object made reading a 20-line cart cost
/// as much as pricing it, and loading 100,000 promotions most of a second.
/// </summary>
internal static class FastReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>The document read with <paramref name="codec"/>, or null when anything is off.</summary>
    public static T? TryRead<T>(string json, ObjectCodec<T> codec) where T : class
    {
        byte[] bytes = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        try
        {
            int length = StrictUtf8.GetBytes(json, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length), Options);
            if (!reader.Read()) return null;
            var value = codec.ReadFast(ref reader);
            return value is not null && !reader.Read() ? value : null; // nothing may follow the root
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null; // malformed JSON or text (a lone surrogate, say): the full reader says what is wrong
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>An object of <paramref name="shape"/> from its first token; null to give up.</summary>
    public static T? ReadObject<T>(JsonShape<T> shape, ref Utf8JsonReader reader) where T : class
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        var target = shape.New();
        var fields = shape.Fields;
        long seen = 0;
        int field = -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (shape.Variant < 0) return target;
                // Without a variant, or with a field of another one, the full reader has something to say.
                int variant = fields[shape.Variant].VariantOf(target);
                return variant >= 0 && (seen & ~shape.AllowedFor(variant)) == 0 ? target : null;
            }
            field = reader.ValueIsEscaped ? shape.Find(reader.GetString()!) : shape.Find(reader.ValueSpan, field);
            if (field < 0) return null; // unknown
            long bit = 1L << field;
            if ((seen & bit) != 0) return null; // repeated
            seen |= bit;
            if (!fields[field].ReadFast(ref reader, target)) return null;
        }
        return null;
    }
}
