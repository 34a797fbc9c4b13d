using System.Globalization;
using System.Text.Json;
using PromoEngine.Money;

namespace PromoEngine.Returns;

/// <summary>
/// Reads one JSON object of a result or returns document strictly: each property at most once with
/// its expected type, JSON <c>null</c> as absent, and <see cref="Finish"/> reports every property
/// nobody asked for. A value of the wrong type is reported and read as absent, so reading goes on
/// and finds every error.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly DocumentErrors _errors;

    private JsonFields(string path, DocumentErrors errors)
    {
        Path = path;
        _errors = errors;
    }

    /// <summary>Where this object's errors go.</summary>
    public DocumentErrors Errors => _errors;

    /// <summary>This object's JSON path.</summary>
    public string Path { get; }

    /// <summary>Minor digits for <see cref="Money"/>.</summary>
    public int MoneyDigits { get; init; }

    /// <summary>The currency, for messages about money.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Opens <paramref name="element"/> as an object, or reports that it is not one and returns null.</summary>
    public static JsonFields? Open(JsonElement element, string path, DocumentErrors errors, int moneyDigits = 0, string currency = "")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"expected an object, got {Describe(element)}");
            return null;
        }
        var fields = new JsonFields(path, errors) { MoneyDigits = moneyDigits, Currency = currency };
        foreach (var property in element.EnumerateObject())
        {
            if (!fields._properties.TryAdd(property.Name, property.Value))
                errors.Add(PathOf(path, property.Name), $"duplicate property '{property.Name}'");
        }
        return fields;
    }

    /// <summary>Another object read with the same money digits.</summary>
    public JsonFields? Child(JsonElement element, string path) => Open(element, path, _errors, MoneyDigits, Currency);

    public string PathOf(string name) => PathOf(Path, name);

    /// <summary>Reports a problem with property <paramref name="name"/>.</summary>
    public void ErrorAt(string name, string message) => _errors.Add(PathOf(name), message);

    public static string PathOf(string parent, string name)
    {
        bool plain = name.Length > 0 && !char.IsAsciiDigit(name[0]);
        foreach (char c in name) plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        return plain ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>The value of a property; false when absent or JSON null (a required one is then reported).</summary>
    public bool TryGet(string name, bool required, out JsonElement value)
    {
        _read.Add(name);
        if (_properties.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        if (required) _errors.Add(PathOf(name), "required");
        return false;
    }

    public string? String(string name, bool required = true)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!;
            if (text.Length > 0) return text;
            _errors.Add(PathOf(name), "must not be empty");
            return null;
        }
        _errors.Add(PathOf(name), $"expected a string, got {Describe(value)}");
        return null;
    }

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public long? Integer(string name, long min, bool required = true) =>
        TryGet(name, required, out var value) ? ReadInteger(value, PathOf(name), min, _errors) : null;

    /// <summary>Money in major units (≥ 0 unless <paramref name="signed"/>), converted exactly to minor units at <see cref="MoneyDigits"/>.</summary>
    public long? Money(string name, bool required = true, bool signed = false) =>
        TryGet(name, required, out var value) ? ReadMoney(value, PathOf(name), signed) : null;

    /// <summary>The items of an array property, or null (reported) when it is absent or not an array.</summary>
    public JsonElement[]? Array(string name, bool required = true)
    {
        if (!TryGet(name, required, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().ToArray();
        _errors.Add(PathOf(name), $"expected an array, got {Describe(value)}");
        return null;
    }

    public JsonFields? Object(string name, bool required = true) =>
        TryGet(name, required, out var value) ? Child(value, PathOf(name)) : null;

    /// <summary>An array of strings; a non-string item is reported and read as null.</summary>
    public string?[]? Strings(string name, bool required = true)
    {
        var items = Array(name, required);
        if (items is null) return null;
        var strings = new string?[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].ValueKind == JsonValueKind.String && items[i].GetString() is { Length: > 0 } text) strings[i] = text;
            else _errors.Add($"{PathOf(name)}[{i}]", items[i].ValueKind == JsonValueKind.String ? "must not be empty" : $"expected a string, got {Describe(items[i])}");
        }
        return strings;
    }

    /// <summary>The names and values of the properties (for maps keyed by id); all count as read.</summary>
    public IEnumerable<KeyValuePair<string, JsonElement>> Entries()
    {
        foreach (var (name, value) in _properties)
        {
            _read.Add(name);
            yield return new(name, value);
        }
    }

    /// <summary>Reports every property that was not read as unknown.</summary>
    public void Finish()
    {
        foreach (string name in _properties.Keys)
            if (!_read.Contains(name)) _errors.Add(PathOf(name), $"unknown property '{name}'");
    }

    public long? ReadMoney(JsonElement value, string path, bool signed = false)
    {
        decimal? number = ReadNumber(value, path, _errors);
        if (number is null) return null;
        if (number < 0 && !signed)
        {
            _errors.Add(path, $"must not be negative, got {value.GetRawText()}");
            return null;
        }
        if (!MinorUnits.TryFromMajor(number.Value, MoneyDigits, out long minor))
        {
            _errors.Add(path, MinorUnits.HasAtMostDigits(number.Value, MoneyDigits)
                ? $"number {value.GetRawText()} is out of range"
                : $"{value.GetRawText()} has more decimals than {Currency} allows ({MoneyDigits})");
            return null;
        }
        return minor;
    }

    public static long? ReadInteger(JsonElement value, string path, long min, DocumentErrors errors)
    {
        long result;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long quick))
        {
            result = quick;
        }
        else
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
            result = (long)number.Value;
        }
        if (result < min)
        {
            errors.Add(path, $"must be at least {min}, got {result}");
            return null;
        }
        return result;
    }

    public static decimal? ReadNumber(JsonElement value, string path, DocumentErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, $"expected a number, got {Describe(value)}");
            return null;
        }
        if (value.TryGetDecimal(out decimal quick) && quick != 0) return quick;
        // A tiny number (1e-40) reads as 0 without complaint: only a zero written as zero is 0.
        string raw = value.GetRawText();
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) && (number != 0 || IsZeroText(raw)))
            return number;
        errors.Add(path, $"number {raw} is out of range");
        return null;
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
}
