using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using PromoEngine.Validation;
using static PromoEngine.Validation.ErrorCatalog;

namespace PromoEngine.Json;

/// <summary>
/// How one kind of JSON value is read and written, in the three ways the formats need: the full reader
/// (<see cref="Read"/>: every problem reported at its path), the one-pass reader (<see cref="ReadFast"/>:
/// only what the full reader reads without a problem, anything else gives up) and the writer.
/// <typeparamref name="P"/> is the property's type and always nullable: null is "absent", "failed" (full
/// reader, after reporting) or "give up" (one-pass reader).
/// </summary>
internal abstract class JsonCodec<P>
{
    /// <summary>Reads a present value (JSON null only inside arrays, where it is an error); null after reporting a problem.</summary>
    public abstract P Read(JsonElement element, LazyPath path, ErrorSink errors);

    /// <summary>Reads a value from its first token (never JSON null); null to give up.</summary>
    public abstract P ReadFast(ref Utf8JsonReader reader);

    /// <summary>Writes a value that is not null.</summary>
    public abstract void Write(Utf8JsonWriter writer, P value);

    /// <summary>How a JSON value is named in messages: "a string", "null".</summary>
    public static string Describe(JsonElement element) => JsonValues.Describe(element);

    /// <summary>A JSON string's text, or null after reporting an escaped lone surrogate (no .NET text can hold it).</summary>
    protected static string? Text(JsonElement element, LazyPath path, ErrorSink errors)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(path, LoneSurrogate);
            return null;
        }
    }
}

/// <summary>Small facts about JSON values that every reader of the library's documents needs alike.</summary>
internal static class JsonValues
{
    /// <summary>How a JSON value is named in messages: "a string", "null".</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// Whether a JSON number's text surely reads into a decimal exactly: without exponent and at most 28
    /// characters, so at most 28 significant digits and 27 decimals. Longer numbers and exponents need
    /// <see cref="IsExact"/>.
    /// </summary>
    public static bool SurelyExact(ReadOnlySpan<byte> raw) => raw.Length <= 28 && raw.IndexOfAny((byte)'e', (byte)'E') < 0;

    /// <summary>Whether <paramref name="value"/>, read from the JSON number <paramref name="raw"/>, is exactly that number (a decimal rounds past 28 or 29 digits).</summary>
    public static bool IsExact(string raw, decimal value) =>
        Normalize(raw, out var a) && Normalize(value.ToString(CultureInfo.InvariantCulture), out var b)
        && a.Negative == b.Negative && a.Exponent == b.Exponent && a.Digits.SequenceEqual(b.Digits);

    /// <summary>A number's text as sign, significant digits (no leading or trailing zeros) and a power of ten.</summary>
    private static bool Normalize(string text, out (bool Negative, string Digits, long Exponent) number)
    {
        number = default;
        int end = text.IndexOfAny(['e', 'E']);
        long exponent = 0;
        if (end >= 0 && !long.TryParse(text.AsSpan(end + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
        var mantissa = end >= 0 ? text.AsSpan(0, end) : text.AsSpan();
        bool negative = mantissa.StartsWith("-");
        if (negative) mantissa = mantissa[1..];
        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa.ToString() : string.Concat(mantissa[..point], mantissa[(point + 1)..]);
        if (point >= 0) exponent -= mantissa.Length - point - 1;
        string significant = digits.TrimStart('0');
        int trailing = significant.Length - significant.TrimEnd('0').Length;
        significant = significant[..^trailing];
        number = (negative, significant, significant.Length == 0 ? 0 : exponent + trailing);
        return true;
    }

    /// <summary>Whether a number's text is zero before any exponent (<c>0.00</c>, <c>-0e5</c>): a decimal that parsed to 0 from other text underflowed.</summary>
    public static bool IsZeroText(string raw)
    {
        foreach (char c in raw)
        {
            if (c is 'e' or 'E') break;
            if (c is >= '1' and <= '9') return false;
        }
        return true;
    }
}

/// <summary>The codecs of the formats' value kinds.</summary>
internal static class Codecs
{
    public static readonly JsonCodec<string?> String = new StringCodec();
    public static readonly JsonCodec<decimal?> Number = new NumberCodec();
    public static readonly JsonCodec<long?> Integer = new IntegerCodec();
    public static readonly JsonCodec<int?> Int32 = new Int32Codec();
    public static readonly JsonCodec<bool?> Bool = new BoolCodec();
    public static readonly JsonCodec<DateTimeOffset?> Instant = new InstantCodec();
    public static readonly JsonCodec<IReadOnlyList<string>?> Strings = new ArrayCodec<string>(String);

    private sealed class StringCodec : JsonCodec<string?>
    {
        public override string? Read(JsonElement element, LazyPath path, ErrorSink errors)
        {
            if (element.ValueKind == JsonValueKind.String) return Text(element, path, errors);
            errors.Add(path, ExpectedString(Describe(element)));
            return null;
        }

        public override string? ReadFast(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

        public override void Write(Utf8JsonWriter writer, string? value) => writer.WriteStringValue(value);
    }

    private sealed class NumberCodec : JsonCodec<decimal?>
    {
        public override decimal? Read(JsonElement element, LazyPath path, ErrorSink errors)
        {
            if (element.ValueKind != JsonValueKind.Number)
            {
                errors.Add(path, ExpectedNumber(Describe(element)));
                return null;
            }
            // The common case, without copying the text: short and without exponent, so a decimal holds it exactly.
            if (element.TryGetDecimal(out decimal quick) && quick != 0 && JsonValues.SurelyExact(JsonMarshal.GetRawUtf8Value(element))) return quick;
            string raw = element.GetRawText();
            if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) && (number != 0 || JsonValues.IsZeroText(raw)))
            {
                if (number == 0 || JsonValues.IsExact(raw, number)) return number;
                // 69.9000000000000000000000000000001 is not 69.90: rounding it would hide the decimals the checks look for.
                errors.Add(path, NumberTooPrecise(raw));
                return null;
            }
            errors.Add(path, NumberOutOfRange(raw));
            return null;
        }

        /// <summary>A number without exponent, read as <see cref="Read"/> reads it (zero from its text, so its scale is kept alike).</summary>
        public override decimal? ReadFast(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number || reader.HasValueSequence) return null;
            if (!JsonValues.SurelyExact(reader.ValueSpan)) return null; // exponents and long numbers: left to the full reader
            if (!reader.TryGetDecimal(out decimal number)) return null;
            if (number == 0 && !decimal.TryParse(Encoding.UTF8.GetString(reader.ValueSpan), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                return null;
            return number;
        }

        public override void Write(Utf8JsonWriter writer, decimal? value) => writer.WriteNumberValue(value!.Value);
    }

    private sealed class IntegerCodec : JsonCodec<long?>
    {
        public override long? Read(JsonElement element, LazyPath path, ErrorSink errors)
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long quick)) return quick;
            decimal? number = Number.Read(element, path, errors);
            if (number is null) return null;
            if (number != decimal.Truncate(number.Value))
            {
                errors.Add(path, ExpectedWholeNumber(element.GetRawText()));
                return null;
            }
            if (number > long.MaxValue || number < long.MinValue)
            {
                errors.Add(path, NumberOutOfRange(element.GetRawText()));
                return null;
            }
            return (long)number.Value;
        }

        public override long? ReadFast(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number) ? number : null;

        public override void Write(Utf8JsonWriter writer, long? value) => writer.WriteNumberValue(value!.Value);
    }

    private sealed class Int32Codec : JsonCodec<int?>
    {
        public override int? Read(JsonElement element, LazyPath path, ErrorSink errors)
        {
            long? value = Integer.Read(element, path, errors);
            if (value is null) return null;
            if (value is < int.MinValue or > int.MaxValue)
            {
                errors.Add(path, Between(int.MinValue, int.MaxValue, value.Value));
                return null;
            }
            return (int)value;
        }

        public override int? ReadFast(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int number) ? number : null;

        public override void Write(Utf8JsonWriter writer, int? value) => writer.WriteNumberValue(value!.Value);
    }

    private sealed class BoolCodec : JsonCodec<bool?>
    {
        public override bool? Read(JsonElement element, LazyPath path, ErrorSink errors)
        {
            if (element.ValueKind is JsonValueKind.True or JsonValueKind.False) return element.GetBoolean();
            errors.Add(path, ExpectedBoolean(Describe(element)));
            return null;
        }

        public override bool? ReadFast(ref Utf8JsonReader reader) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };

        public override void Write(Utf8JsonWriter writer, bool? value) => writer.WriteBooleanValue(value!.Value);
    }

    /// <summary>An instant needs its offset: a bare local time would make the answer depend on the server's zone.</summary>
    private sealed class InstantCodec : JsonCodec<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(JsonElement element, LazyPath path, ErrorSink errors)
        {
            if (element.ValueKind == JsonValueKind.String && TryReadIsoInstant(element, out var quick)) return quick;
            string? text = String.Read(element, path, errors);
            if (text is null) return null;
            if (TryParseInstant(text, out var instant)) return instant;
            errors.Add(path, ExpectedInstant(text));
            return null;
        }

        /// <summary>As <see cref="Read"/>: plain ISO 8601 with an offset from the bytes, else the text parser.</summary>
        public override DateTimeOffset? ReadFast(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String) return null;
            if (!reader.ValueIsEscaped && HasOffsetAfterT(reader.ValueSpan) && reader.TryGetDateTimeOffset(out var quick)) return quick;
            return TryParseInstant(reader.GetString()!, out var instant) ? instant : null;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value) => writer.WriteStringValue(value!.Value);
    }

    /// <summary>
    /// The common case of <see cref="TryParseInstant"/> read straight from the UTF-8 bytes: an unescaped
    /// ISO 8601 instant with an offset, as the JSON reader parses it (no string, no culture-aware parse).
    /// False means "not this simple form"; the caller then parses the text.
    /// </summary>
    internal static bool TryReadIsoInstant(JsonElement value, out DateTimeOffset instant)
    {
        instant = default;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.IndexOf((byte)'\\') < 0 && HasOffsetAfterT(raw) && value.TryGetDateTimeOffset(out instant);
    }

    internal static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        int t = text.IndexOf('T');
        if (t < 0) return false;
        string time = text[(t + 1)..];
        bool hasOffset = time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.Contains('-');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>Whether an instant's UTF-8 text has a time part with an offset (Z, + or -) after its T.</summary>
    internal static bool HasOffsetAfterT(ReadOnlySpan<byte> text)
    {
        int t = text.IndexOf((byte)'T');
        return t >= 0 && text[(t + 1)..].IndexOfAny((byte)'Z', (byte)'+', (byte)'-') >= 0;
    }
}

/// <summary>An enum as one of its JSON spellings (<see cref="JsonNames"/>).</summary>
internal sealed class EnumCodec<E>(Spellings<E> spellings) : JsonCodec<E?> where E : struct, Enum
{
    public Spellings<E> Spellings { get; } = spellings;

    public override E? Read(JsonElement element, LazyPath path, ErrorSink errors)
    {
        string? text = Codecs.String.Read(element, path, errors);
        if (text is null) return null;
        if (Spellings.TryParse(text, out var value)) return value;
        errors.Add(path, UnknownValue(text, Spellings.Names));
        return null;
    }

    public override E? ReadFast(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && Spellings.TryRead(ref reader, out var value) ? value : null;

    public override void Write(Utf8JsonWriter writer, E? value) => writer.WriteStringValue(Spellings.NameOf(value!.Value));
}

/// <summary>A list; an item that fails to read stays as null (its problem is reported) so later paths stay right.</summary>
internal sealed class ArrayCodec<U>(JsonCodec<U?> item) : JsonCodec<IReadOnlyList<U>?> where U : class
{
    public override IReadOnlyList<U>? Read(JsonElement element, LazyPath path, ErrorSink errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, ExpectedArray(Describe(element)));
            return null;
        }
        var items = new U[element.GetArrayLength()];
        int index = 0;
        foreach (JsonElement value in element.EnumerateArray())
        {
            items[index] = item.Read(value, path.Index(index), errors)!;
            index++;
        }
        return items;
    }

    public override IReadOnlyList<U>? ReadFast(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return null;
        var items = new List<U>();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return items.ToArray();
            if (item.ReadFast(ref reader) is not { } value) return null; // a JSON null item too: the full reader reports it
            items.Add(value);
        }
        return null;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<U>? value)
    {
        writer.WriteStartArray();
        foreach (U? entry in value!)
        {
            if (entry is null) writer.WriteNullValue();
            else item.Write(writer, entry);
        }
        writer.WriteEndArray();
    }
}

/// <summary>
/// An object whose property names are keys (a usage map), each value read by <paramref name="value"/>; JSON
/// null stays a null value. A key twice is reported like any duplicate property.
/// </summary>
internal sealed class MapCodec<U>(JsonCodec<U> value) : JsonCodec<IReadOnlyDictionary<string, U>?>
{
    public override IReadOnlyDictionary<string, U>? Read(JsonElement element, LazyPath path, ErrorSink errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, ExpectedObject(Describe(element)));
            return null;
        }
        var map = new Dictionary<string, U>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!ObjectReader.TryName(property, path, errors, out string key)) continue;
            LazyPath keyPath = path.Property(key);
            if (map.ContainsKey(key)) errors.Add(keyPath, DuplicateProperty(key));
            else map[key] = property.Value.ValueKind == JsonValueKind.Null ? default! : value.Read(property.Value, keyPath, errors);
        }
        return map;
    }

    public override IReadOnlyDictionary<string, U>? ReadFast(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        var map = new Dictionary<string, U>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return map;
            string key = reader.GetString()!;
            if (!reader.Read()) return null;
            U item = default!;
            if (reader.TokenType != JsonTokenType.Null && (item = value.ReadFast(ref reader)) is null) return null;
            if (!map.TryAdd(key, item)) return null; // a duplicate key: the full reader reports it
        }
        return null;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, U>? map)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in map!)
        {
            writer.WritePropertyName(key);
            if (item is null) writer.WriteNullValue();
            else value.Write(writer, item);
        }
        writer.WriteEndObject();
    }
}

/// <summary>An object of a <see cref="JsonShape{T}"/>: read by <see cref="ObjectReader"/> or <see cref="FastReader"/>, written field by field.</summary>
internal sealed class ObjectCodec<T>(JsonShape<T> shape) : JsonCodec<T?> where T : class
{
    public JsonShape<T> Shape { get; } = shape;

    public override T? Read(JsonElement element, LazyPath path, ErrorSink errors) => ObjectReader.Read(Shape, element, path, errors);

    public override T? ReadFast(ref Utf8JsonReader reader) => FastReader.ReadObject(Shape, ref reader);

    public override void Write(Utf8JsonWriter writer, T? value)
    {
        writer.WriteStartObject();
        foreach (var field in Shape.Fields) field.Write(writer, value!);
        writer.WriteEndObject();
    }
}
