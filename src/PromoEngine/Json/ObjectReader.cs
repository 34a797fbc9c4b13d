using System.Globalization;
using System.Text.Json;
using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>
/// Reads one JSON object strictly: each property is read at most once with its expected type;
/// <see cref="Finish"/> reports every property nobody asked for as unknown. Type errors are
/// recorded with their path and read as absent, so reading always goes on to find every error.
/// </summary>
internal sealed class ObjectReader
{
    private readonly Dictionary<string, (JsonElement Value, string Path)> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private ObjectReader(ErrorSink errors, string path)
    {
        Errors = errors;
        Path = path;
    }

    public ErrorSink Errors { get; }

    public string Path { get; }

    /// <summary>Opens <paramref name="element"/> as an object, or records a type error and returns null.</summary>
    public static ObjectReader? Open(JsonElement element, string path, ErrorSink errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object, got {Describe(element)}");
            return null;
        }
        var reader = new ObjectReader(errors, path);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string propertyPath = JsonPath.Property(path, property.Name);
            if (reader._properties.ContainsKey(property.Name))
            {
                errors.Add(propertyPath, $"duplicate property '{property.Name}'");
                continue;
            }
            reader._properties[property.Name] = (property.Value, propertyPath);
            reader._order.Add(property.Name);
        }
        return reader;
    }

    public string PathOf(string name) => JsonPath.Property(Path, name);

    /// <summary>The raw value of a property, null when absent or JSON null.</summary>
    public bool TryGet(string name, out JsonElement value, out string path)
    {
        _read.Add(name);
        path = PathOf(name);
        if (_properties.TryGetValue(name, out var found) && found.Value.ValueKind != JsonValueKind.Null)
        {
            value = found.Value;
            return true;
        }
        value = default;
        return false;
    }

    public string? String(string name)
    {
        if (!TryGet(name, out var value, out var path)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Errors.Add(path, $"expected a string, got {Describe(value)}");
        return null;
    }

    public decimal? Number(string name)
    {
        if (!TryGet(name, out var value, out var path)) return null;
        return ReadNumber(value, path, Errors);
    }

    public long? Integer(string name)
    {
        if (!TryGet(name, out var value, out var path)) return null;
        return ReadInteger(value, path, Errors);
    }

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
        if (!TryGet(name, out var value, out var path)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Errors.Add(path, $"expected true or false, got {Describe(value)}");
        return null;
    }

    public DateTimeOffset? Instant(string name)
    {
        string? text = String(name);
        if (text is null) return null;
        if (TryParseInstant(text, out var instant)) return instant;
        Errors.Add(PathOf(name), $"expected an ISO-8601 instant with an offset (e.g. 2026-03-08T10:00:00+08:00), got \"{text}\"");
        return null;
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
            errors.Add(path, $"expected a string, got {Describe(element)}");
            return null;
        });

    public T? Object<T>(string name, Func<ObjectReader, T> read) where T : class
    {
        if (!TryGet(name, out var value, out var path)) return null;
        var reader = Open(value, path, Errors);
        if (reader is null) return null;
        T result = read(reader);
        reader.Finish();
        return result;
    }

    /// <summary>Reads an array; items that fail to read are left out (their error is recorded).</summary>
    public IReadOnlyList<T>? Array<T>(string name, Func<JsonElement, string, ErrorSink, T?> readItem) where T : class
    {
        if (!TryGet(name, out var value, out var path)) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(path, $"expected an array, got {Describe(value)}");
            return null;
        }
        var items = new List<T>(value.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            T? read = readItem(item, JsonPath.Index(path, index++), Errors);
            items.Add(read!); // a null keeps the positions (and so the paths) of later items right
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

    /// <summary>Marks the remaining properties as read without reporting them.</summary>
    public void SkipRest()
    {
        foreach (string name in _order) _read.Add(name);
    }

    /// <summary>Reports every property that was not read as unknown.</summary>
    public void Finish()
    {
        foreach (string name in _order)
            if (!_read.Contains(name)) Errors.Add(PathOf(name), $"unknown property '{name}'");
    }

    internal static decimal? ReadNumber(JsonElement value, string path, ErrorSink errors)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, $"expected a number, got {Describe(value)}");
            return null;
        }
        if (decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
            && (number != 0 || IsZeroText(value.GetRawText())))
            return number;
        errors.Add(path, $"number {value.GetRawText()} is out of range");
        return null;
    }

    internal static long? ReadInteger(JsonElement value, string path, ErrorSink errors)
    {
        decimal? number = ReadNumber(value, path, errors);
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value))
        {
            errors.Add(path, $"expected a whole number, got {value.GetRawText()}");
            return null;
        }
        if (number > long.MaxValue || number < long.MinValue)
        {
            errors.Add(path, $"number {value.GetRawText()} is out of range");
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
