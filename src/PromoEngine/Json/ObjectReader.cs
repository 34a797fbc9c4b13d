using System.Globalization;
using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>
/// Reads one JSON object strictly: each property is read at most once with its expected type;
/// <see cref="Finish"/> reports every property nobody asked for as unknown. Type errors are
/// recorded with their path and read as absent, so reading always goes on to find every error.
/// Objects are small: arrays and a linear search beat a dictionary, and paths are built only for errors.
/// </summary>
internal sealed class ObjectReader
{
    // One array of entries per object (was three arrays): a 100,000-promotion rule set opens about half a
    // million objects.
    private readonly Entry[] _entries;
    private int _count;

    private struct Entry
    {
        public string Name;
        public JsonElement Value;
        public bool Read;
    }

    private ObjectReader(ErrorSink errors, int capacity, LazyPath path)
    {
        Errors = errors;
        Location = path;
        _entries = new Entry[capacity];
    }

    public ErrorSink Errors { get; }

    public LazyPath Location { get; }

    /// <summary>This object's JSON path.</summary>
    public string Path => Location.ToString();

    /// <summary>Opens <paramref name="element"/> as an object, or records a type error and returns null.</summary>
    public static ObjectReader? Open(JsonElement element, LazyPath path, ErrorSink errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.ToString(), $"expected an object, got {Describe(element)}");
            return null;
        }
        int capacity = 0;
        foreach (JsonProperty _ in element.EnumerateObject()) capacity++;
        var reader = new ObjectReader(errors, capacity, path);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name = PropertyNames.Of(property); // JsonProperty.Name makes a new string each time it is asked
            if (reader.Find(name) >= 0)
            {
                errors.Add(reader.PathOf(name), $"duplicate property '{name}'");
                continue;
            }
            reader._entries[reader._count++] = new Entry { Name = name, Value = property.Value };
        }
        return reader;
    }

    public string PathOf(string name) => JsonPath.Property(Path, name);

    /// <summary>The raw value of a property; false when absent or JSON null.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        int at = Find(name);
        if (at >= 0)
        {
            _entries[at].Read = true;
            if (_entries[at].Value.ValueKind != JsonValueKind.Null)
            {
                value = _entries[at].Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public string? String(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Errors.Add(PathOf(name), $"expected a string, got {Describe(value)}");
        return null;
    }

    public decimal? Number(string name) => TryGet(name, out var value) ? ReadNumber(value, Location.Property(name), Errors) : null;

    public long? Integer(string name) => TryGet(name, out var value) ? ReadInteger(value, Location.Property(name), Errors) : null;

    public int? Int32(string name)
    {
        long? value = Integer(name);
        if (value is null) return null;
        if (value is < int.MinValue or > int.MaxValue)
        {
            Errors.Add(PathOf(name), $"must be between {int.MinValue} and {int.MaxValue}, got {value}");
            return null;
        }
        return (int)value;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Errors.Add(PathOf(name), $"expected true or false, got {Describe(value)}");
        return null;
    }

    public DateTimeOffset? Instant(string name)
    {
        if (TryGet(name, out var value) && value.ValueKind == JsonValueKind.String && TryReadIsoInstant(value, out var quick)) return quick;
        string? text = String(name);
        if (text is null) return null;
        if (TryParseInstant(text, out var instant)) return instant;
        Errors.Add(PathOf(name), $"expected an ISO-8601 instant with an offset (e.g. 2026-03-08T10:00:00+08:00), got \"{text}\"");
        return null;
    }

    /// <summary>
    /// The common case of <see cref="TryParseInstant"/> read straight from the UTF-8 bytes: an unescaped
    /// ISO 8601 instant with an offset, as the JSON reader parses it (no string, no culture-aware parse).
    /// False means "not this simple form"; the caller then parses the text as before.
    /// </summary>
    internal static bool TryReadIsoInstant(JsonElement value, out DateTimeOffset instant)
    {
        instant = default;
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
        return raw.IndexOf((byte)'\\') < 0 && FastJson.HasOffsetAfterT(raw) && value.TryGetDateTimeOffset(out instant);
    }

    public TEnum? Enum<TEnum>(string name, IReadOnlyDictionary<string, TEnum> names) where TEnum : struct
    {
        string? text = String(name);
        if (text is null) return null;
        if (names.TryGetValue(text, out var value)) return value;
        Errors.Add(PathOf(name), $"unknown value \"{text}\"; expected one of {string.Join(", ", names.Keys.Select(k => '"' + k + '"'))}");
        return null;
    }

    public IReadOnlyList<string>? Strings(string name) =>
        Array(name, static (element, path, errors) =>
        {
            if (element.ValueKind == JsonValueKind.String) return element.GetString();
            errors.Add(path.ToString(), $"expected a string, got {Describe(element)}");
            return null;
        });

    public T? Object<T>(string name, Func<ObjectReader, T> read) where T : class
    {
        if (!TryGet(name, out var value)) return null;
        var reader = Open(value, Location.Property(name), Errors);
        if (reader is null) return null;
        T result = read(reader);
        reader.Finish();
        return result;
    }

    /// <summary>Reads an array; an item that fails to read stays as null (its error is recorded) so later paths stay right.</summary>
    public IReadOnlyList<T>? Array<T>(string name, Func<JsonElement, LazyPath, ErrorSink, T?> readItem) where T : class
    {
        if (!TryGet(name, out var value)) return null;
        var path = Location.Property(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(path.ToString(), $"expected an array, got {Describe(value)}");
            return null;
        }
        var items = new T[value.GetArrayLength()];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            items[index] = readItem(item, path.Index(index), Errors)!;
            index++;
        }
        return items;
    }

    public IReadOnlyList<T>? Objects<T>(string name, Func<ObjectReader, T> read) where T : class =>
        Array(name, (element, path, errors) =>
        {
            var reader = Open(element, path, errors);
            if (reader is null) return null;
            T result = read(reader);
            reader.Finish();
            return result;
        });

    /// <summary>
    /// <c>funding</c> (spec §10): a party id, or a list of <c>{ "party", "percent" }</c> shares.
    /// </summary>
    public FundingDefinition? Funding(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String) return FundingDefinition.By(value.GetString()!);
        if (value.ValueKind == JsonValueKind.Array)
            return new FundingDefinition
            {
                Shares = Objects(name, static s => new FundingShareDefinition { Party = s.String("party"), Percent = s.Number("percent") }),
            };
        Errors.Add(PathOf(name), $"expected a party id or a list of shares, got {Describe(value)}");
        return null;
    }

    /// <summary>
    /// An object whose property names are keys (a usage map): each value read by <paramref name="readValue"/>,
    /// JSON null kept as a null value. A duplicate key is reported like any duplicate property.
    /// </summary>
    public IReadOnlyDictionary<string, T>? Map<T>(string name, Func<JsonElement, LazyPath, ErrorSink, T> readValue)
    {
        if (!TryGet(name, out var value)) return null;
        var reader = Open(value, Location.Property(name), Errors);
        if (reader is null) return null;
        var map = new Dictionary<string, T>(reader._count, StringComparer.Ordinal);
        for (int i = 0; i < reader._count; i++)
        {
            ref Entry entry = ref reader._entries[i];
            entry.Read = true;
            map[entry.Name] = entry.Value.ValueKind == JsonValueKind.Null
                ? default!
                : readValue(entry.Value, reader.Location.Property(entry.Name), Errors);
        }
        return map;
    }

    /// <summary>Marks the remaining properties as read without reporting them.</summary>
    public void SkipRest()
    {
        for (int i = 0; i < _count; i++) _entries[i].Read = true;
    }

    /// <summary>Reports every property that was not read as unknown.</summary>
    public void Finish()
    {
        for (int i = 0; i < _count; i++)
            if (!_entries[i].Read) Errors.Add(PathOf(_entries[i].Name), $"unknown property '{_entries[i].Name}'");
    }

    internal static decimal? ReadNumber(JsonElement value, LazyPath path, ErrorSink errors)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path.ToString(), $"expected a number, got {Describe(value)}");
            return null;
        }
        if (value.TryGetDecimal(out decimal quick) && quick != 0) return quick; // the common case, without copying the text
        string raw = value.GetRawText();
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) && (number != 0 || IsZeroText(raw)))
            return number;
        errors.Add(path.ToString(), $"number {raw} is out of range");
        return null;
    }

    internal static long? ReadInteger(JsonElement value, LazyPath path, ErrorSink errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long quick)) return quick;
        decimal? number = ReadNumber(value, path, errors);
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value))
        {
            errors.Add(path.ToString(), $"expected a whole number, got {value.GetRawText()}");
            return null;
        }
        if (number > long.MaxValue || number < long.MinValue)
        {
            errors.Add(path.ToString(), $"number {value.GetRawText()} is out of range");
            return null;
        }
        return (long)number.Value;
    }

    internal static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        // An instant needs its offset: a bare local time would make the answer depend on the server's zone.
        int t = text.IndexOf('T');
        if (t < 0) return false;
        string time = text[(t + 1)..];
        bool hasOffset = time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.Contains('-');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    private int Find(string name)
    {
        for (int i = 0; i < _count; i++)
            if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal)) return i;
        return -1;
    }

    private static bool IsZeroText(string raw)
    {
        foreach (char c in raw)
        {
            if (c is 'e' or 'E') break;
            if (c is >= '1' and <= '9') return false;
        }
        return true;
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
