using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PromoEngine.Definitions;

namespace PromoEngine.Json;

/// <summary>
/// The one-pass readers' primitives (<see cref="FastCartReader"/>, <see cref="FastRuleSetReader"/>). Each
/// reads one property value the way <see cref="ObjectReader"/> reads it without an error, and returns
/// false for anything that reader would report, so that the caller gives up and lets the full reader
/// speak. JSON null reads as absent, as it does there.
/// </summary>
internal static class FastJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public delegate T? ItemReader<T>(ref Utf8JsonReader r) where T : class;

    /// <summary>Reads a whole document with <paramref name="readRoot"/> (from its first token); null when anything is off.</summary>
    public static T? Run<T>(string json, ItemReader<T> readRoot) where T : class
    {
        byte[] bytes = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        try
        {
            int length = StrictUtf8.GetBytes(json, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length), Options);
            if (!reader.Read()) return null;
            var value = readRoot(ref reader);
            return value is not null && !reader.Read() ? value : null; // nothing may follow the root
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null; // malformed JSON or text: the full reader says what is wrong
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Whether the current property is <paramref name="name"/>, seen for the first time in this object.</summary>
    public static bool First(ref Utf8JsonReader r, ReadOnlySpan<byte> name, long bit, ref long seen)
    {
        if (!r.ValueTextEquals(name)) return false;
        if ((seen & bit) != 0) return false; // a duplicate: it falls through to "unknown", and the full reader reports it
        seen |= bit;
        return true;
    }

    /// <summary>Moves to the property's value; <paramref name="isNull"/> at JSON null, which reads as absent.</summary>
    public static bool Value(ref Utf8JsonReader r, out bool isNull)
    {
        bool read = r.Read();
        isNull = read && r.TokenType == JsonTokenType.Null;
        return read;
    }

    public static bool String(ref Utf8JsonReader r, out string? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.String) return false;
        value = r.GetString();
        return true;
    }

    /// <summary>As <see cref="ObjectReader.Instant"/>: plain ISO 8601 with an offset from the bytes, else the text parser.</summary>
    public static bool Instant(ref Utf8JsonReader r, out DateTimeOffset? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.String) return false;
        if (!r.ValueIsEscaped && HasOffsetAfterT(r.ValueSpan) && r.TryGetDateTimeOffset(out var quick))
        {
            value = quick;
            return true;
        }
        if (!ObjectReader.TryParseInstant(r.GetString()!, out var instant)) return false;
        value = instant;
        return true;
    }

    /// <summary>Whether an instant's UTF-8 text has a time part with an offset (Z, + or -) after its T.</summary>
    internal static bool HasOffsetAfterT(ReadOnlySpan<byte> text)
    {
        int t = text.IndexOf((byte)'T');
        return t >= 0 && text[(t + 1)..].IndexOfAny((byte)'Z', (byte)'+', (byte)'-') >= 0;
    }

    /// <summary>A number without exponent, read as the full reader reads it (zero from its text, so its scale is kept alike).</summary>
    public static bool Number(ref Utf8JsonReader r, out decimal? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.Number || r.HasValueSequence) return false;
        foreach (byte b in r.ValueSpan)
            if (b is (byte)'e' or (byte)'E') return false; // exponents: left to the full reader
        if (!r.TryGetDecimal(out decimal number)) return false;
        if (number == 0 && !decimal.TryParse(Encoding.UTF8.GetString(r.ValueSpan), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            return false;
        value = number;
        return true;
    }

    public static bool Integer(ref Utf8JsonReader r, out long? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out long number)) return false;
        value = number;
        return true;
    }

    public static bool Int32(ref Utf8JsonReader r, out int? value)
    {
        value = null;
        if (!Integer(ref r, out long? number)) return false;
        if (number is null) return true;
        if (number is < int.MinValue or > int.MaxValue) return false;
        value = (int)number;
        return true;
    }

    public static bool Bool(ref Utf8JsonReader r, out bool? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return false;
        value = r.TokenType == JsonTokenType.True;
        return true;
    }

    public static bool Enum<TEnum>(ref Utf8JsonReader r, IReadOnlyDictionary<string, TEnum> names, out TEnum? value) where TEnum : struct
    {
        value = null;
        if (!String(ref r, out string? text)) return false;
        if (text is null) return true;
        if (!names.TryGetValue(text, out var found)) return false;
        value = found;
        return true;
    }

    /// <summary>An object read by <paramref name="read"/> (from its first token), or absent at null.</summary>
    public static bool Object<T>(ref Utf8JsonReader r, ItemReader<T> read, out T? value) where T : class
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        value = r.TokenType == JsonTokenType.StartObject ? read(ref r) : null;
        return value is not null;
    }

    /// <summary>An array whose every item <paramref name="readItem"/> reads, or absent at null; false if an item fails.</summary>
    public static bool Array<T>(ref Utf8JsonReader r, ItemReader<T> readItem, out T[]? value) where T : class
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.StartArray) return false;
        var items = new List<T>();
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndArray)
            {
                value = items.ToArray();
                return true;
            }
            if (readItem(ref r) is not { } item) return false;
            items.Add(item);
        }
        return false;
    }

    /// <summary><c>funding</c>: a party id, or a list of shares.</summary>
    public static bool Funding(ref Utf8JsonReader r, out FundingDefinition? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        return isNull || FundingAt(ref r, out value);
    }

    /// <summary><c>funding</c> read from its first token (not null).</summary>
    public static bool FundingAt(ref Utf8JsonReader r, out FundingDefinition? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.String)
        {
            value = FundingDefinition.By(r.GetString()!);
            return true;
        }
        if (r.TokenType != JsonTokenType.StartArray) return false;
        var shares = new List<FundingShareDefinition>();
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndArray)
            {
                value = new FundingDefinition { Shares = shares.ToArray() };
                return true;
            }
            if (ReadShare(ref r) is not { } share) return false;
            shares.Add(share);
        }
        return false;
    }

    private static FundingShareDefinition? ReadShare(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? party = null;
        decimal? percent = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new FundingShareDefinition { Party = party, Percent = percent };
            bool ok;
            if (First(ref r, "party"u8, 1, ref seen)) ok = String(ref r, out party);
            else if (First(ref r, "percent"u8, 2, ref seen)) ok = Number(ref r, out percent);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    /// <summary>An object of arbitrary keys whose values <paramref name="readValue"/> reads (null kept as null); false at a duplicate key.</summary>
    public static bool Map<T>(ref Utf8JsonReader r, MapValueReader<T> readValue, out IReadOnlyDictionary<string, T?>? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        var map = new Dictionary<string, T?>(StringComparer.Ordinal);
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
            {
                value = map;
                return true;
            }
            string key = r.GetString()!;
            if (!Value(ref r, out bool itemIsNull)) return false;
            T? item = default;
            if (!itemIsNull && !readValue(ref r, out item)) return false;
            if (!map.TryAdd(key, item)) return false; // a duplicate key: the full reader reports it
        }
        return false;
    }

    /// <summary>Reads a map value at its first token (never JSON null).</summary>
    public delegate bool MapValueReader<T>(ref Utf8JsonReader r, out T? value);

    public static bool Strings(ref Utf8JsonReader r, out string[]? value) =>
        Array(ref r, static (ref Utf8JsonReader item) => item.TokenType == JsonTokenType.String ? item.GetString() : null, out value);
}
