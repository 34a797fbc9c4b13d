using System.Globalization;
using System.Text.Json;
using PromoEngine.Json;
using PromoEngine.Money;
using PromoEngine.Validation;

namespace PromoEngine.Returns;

/// <summary>
/// Reads one JSON object of a result or returns document strictly: each property at most once with
/// its expected type, JSON <c>null</c> as absent, and <see cref="Finish"/> reports every property
/// nobody asked for. A value of the wrong type is reported and read as absent, so reading goes on
/// and finds every error. Messages and codes are the shared ones of <see cref="ErrorCatalog"/>.
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

    /// <summary>The currency, for messages about money; empty when it is not one of the §1 table.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Opens <paramref name="element"/> as an object, or reports that it is not one and returns null.</summary>
    public static JsonFields? Open(JsonElement element, string path, DocumentErrors errors, int moneyDigits = 0, string currency = "")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, ErrorCatalog.ExpectedObject(Describe(element)));
            return null;
        }
        var fields = new JsonFields(path, errors) { MoneyDigits = moneyDigits, Currency = currency };
        foreach (var property in element.EnumerateObject())
        {
            if (!TryName(property, out string name))
            {
                errors.Add(path, ErrorCatalog.LoneSurrogate);
                continue;
            }
            if (!fields._properties.TryAdd(name, property.Value)) errors.Add(PathOf(path, name), ErrorCatalog.DuplicateProperty(name));
        }
        return fields;
    }

    /// <summary>Another object read with the same money digits.</summary>
    public JsonFields? Child(JsonElement element, string path) => Open(element, path, _errors, MoneyDigits, Currency);

    public string PathOf(string name) => PathOf(Path, name);

    /// <summary>Reports a problem with property <paramref name="name"/>.</summary>
    public void ErrorAt(string name, Problem problem) => _errors.Add(PathOf(name), problem);

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
        if (required) _errors.Add(PathOf(name), ErrorCatalog.Required(name));
        return false;
    }

    /// <summary>A non-empty string.</summary>
    public string? String(string name, bool required = true) =>
        TryGet(name, required, out var value) ? ReadString(value, PathOf(name), name, _errors) : null;

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
        _errors.Add(PathOf(name), ErrorCatalog.ExpectedArray(Describe(value)));
        return null;
    }

    public JsonFields? Object(string name, bool required = true) =>
        TryGet(name, required, out var value) ? Child(value, PathOf(name)) : null;

    /// <summary>An array of non-empty strings; an item that is not one is reported and read as null.</summary>
    public string?[]? Strings(string name, bool required = true)
    {
        var items = Array(name, required);
        if (items is null) return null;
        var strings = new string?[items.Length];
        for (int i = 0; i < items.Length; i++) strings[i] = ReadString(items[i], $"{PathOf(name)}[{i}]", name, _errors);
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
            if (!_read.Contains(name)) _errors.Add(PathOf(name), ErrorCatalog.UnknownProperty(name));
    }

    public long? ReadMoney(JsonElement value, string path, bool signed = false)
    {
        decimal? number = ReadNumber(value, path, _errors);
        if (number is null) return null;
        if (number < 0 && !signed)
        {
            _errors.Add(path, ErrorCatalog.Negative(number.Value));
            return null;
        }
        if (!MinorUnits.TryFromMajor(number.Value, MoneyDigits, out long minor))
        {
            _errors.Add(path, !MinorUnits.HasAtMostDigits(number.Value, MoneyDigits)
                ? (Currency.Length > 0 ? ErrorCatalog.TooManyDecimals(number.Value, Currency, MoneyDigits) : ErrorCatalog.TooManyDecimalsForDigits(number.Value, MoneyDigits))
                : ErrorCatalog.TooLarge(number.Value));
            return null;
        }
        return minor;
    }

    /// <summary>A non-empty string, or null (reported); <paramref name="name"/> names it in the message.</summary>
    public static string? ReadString(JsonElement value, string path, string name, DocumentErrors errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, ErrorCatalog.ExpectedString(Describe(value)));
            return null;
        }
        if (!TryText(value, out string text))
        {
            errors.Add(path, ErrorCatalog.LoneSurrogate);
            return null;
        }
        if (text.Length > 0) return text;
        errors.Add(path, ErrorCatalog.NotEmpty(name));
        return null;
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
                errors.Add(path, ErrorCatalog.ExpectedWholeNumber(value.GetRawText()));
                return null;
            }
            if (number > long.MaxValue || number < long.MinValue)
            {
                errors.Add(path, ErrorCatalog.NumberOutOfRange(value.GetRawText()));
                return null;
            }
            result = (long)number.Value;
        }
        if (result < min)
        {
            errors.Add(path, ErrorCatalog.AtLeast(min, result));
            return null;
        }
        return result;
    }

    public static decimal? ReadNumber(JsonElement value, string path, DocumentErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, ErrorCatalog.ExpectedNumber(Describe(value)));
            return null;
        }
        if (value.TryGetDecimal(out decimal quick) && quick != 0) return quick;
        // A tiny number (1e-40) reads as 0 without complaint: only a zero written as zero is 0.
        string raw = value.GetRawText();
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) && (number != 0 || JsonValues.IsZeroText(raw)))
            return number;
        errors.Add(path, ErrorCatalog.NumberOutOfRange(raw));
        return null;
    }

    /// <summary>A string's text; false when it escapes a lone UTF-16 surrogate, which is no text at all.</summary>
    public static bool TryText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>A property's name; false when it escapes a lone UTF-16 surrogate.</summary>
    public static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>How a JSON value is named in messages: the same words as the rule-set and cart readers use.</summary>
    public static string Describe(JsonElement element) => JsonValues.Describe(element);
}
