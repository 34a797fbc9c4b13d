using System.Collections.Frozen;
using System.Text.Json;
using PromoEngine.Loading;
using PromoEngine.Money;

namespace PromoEngine.Pos;

/// <summary>A product the till can sell.</summary>
/// <param name="Sku">SKU (unique in the catalog).</param>
/// <param name="Barcode">Barcode (EAN/UPC), unique in the catalog; null when the product has none.</param>
/// <param name="Name">Name printed on the receipt.</param>
/// <param name="UnitPrice">List unit price in major units (e.g. <c>268.00</c>).</param>
/// <param name="Categories">Category and its ancestors.</param>
/// <param name="Brand">Brand; null when unknown.</param>
/// <param name="Tags">Tags.</param>
public sealed record CatalogProduct(
    string Sku,
    string? Barcode,
    string Name,
    decimal UnitPrice,
    IReadOnlyList<string> Categories,
    string? Brand,
    IReadOnlyList<string> Tags);

/// <summary>
/// The till's product catalog: what a scanned code (SKU or barcode) is, and its list price and attributes.
/// The JSON form is <c>{ "currency": "CNY", "stores": ["SH-001"], "products": [{ "sku", "barcode", "name",
/// "unitPrice", "categories", "brand", "tags" }] }</c>; <c>stores</c>, the stores that sell from the catalog,
/// is optional.
/// </summary>
public sealed class Catalog
{
    /// <summary>The <see cref="ValidationError.Document"/> name of catalog errors.</summary>
    public const string Document = "catalog";

    private readonly FrozenDictionary<string, CatalogProduct> _bySku;
    private readonly FrozenDictionary<string, CatalogProduct> _byBarcode;

    private Catalog(string currency, IReadOnlyList<CatalogProduct> products, IReadOnlyList<string> stores)
    {
        Currency = currency;
        Products = products;
        Stores = stores;
        _bySku = products.ToFrozenDictionary(p => p.Sku, StringComparer.Ordinal);
        _byBarcode = products.Where(p => p.Barcode is not null).ToFrozenDictionary(p => p.Barcode!, StringComparer.Ordinal);
    }

    /// <summary>Currency of the list prices; must be the rule set's.</summary>
    public string Currency { get; }

    /// <summary>Products, in catalog order.</summary>
    public IReadOnlyList<CatalogProduct> Products { get; }

    /// <summary>The stores that sell from this catalog, in catalog order; empty when the catalog does not say.</summary>
    public IReadOnlyList<string> Stores { get; }

    /// <summary>
    /// Builds a catalog from products.
    /// </summary>
    /// <exception cref="PromoValidationException">The products are invalid (every problem is listed, document <c>catalog</c>).</exception>
    public static Catalog Create(string currency, IEnumerable<CatalogProduct> products) => Create(currency, products, []);

    /// <summary>
    /// Builds a catalog from products, sold in <paramref name="stores"/> (empty: the catalog names no store).
    /// </summary>
    /// <exception cref="PromoValidationException">The products or store ids are invalid (every problem is listed, document <c>catalog</c>).</exception>
    public static Catalog Create(string currency, IEnumerable<CatalogProduct> products, IEnumerable<string> stores)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(stores);
        var list = products.ToList();
        var storeList = stores.ToList();
        var errors = new List<ValidationError>();
        if (currency.Length == 0) errors.Add(Error("$.currency", "must be a non-empty string", ErrorCodes.Empty));
        CheckStores(storeList, errors);
        Check(currency, list.Select((p, i) => (i, p)).ToList(), errors);
        if (errors.Count > 0) throw new PromoValidationException(errors);
        return new Catalog(currency, list, storeList);
    }

    private static void CheckStores(List<string> stores, List<ValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < stores.Count; i++)
        {
            if (string.IsNullOrEmpty(stores[i])) errors.Add(Error($"$.stores[{i}]", "must be a non-empty string", ErrorCodes.Empty));
            else if (!seen.Add(stores[i])) errors.Add(Error($"$.stores[{i}]", $"duplicate store '{stores[i]}'", ErrorCodes.Duplicate));
        }
    }

    /// <summary>Checks products (with their positions in the document) as a whole.</summary>
    private static void Check(string? currency, List<(int Index, CatalogProduct Product)> list, List<ValidationError> errors)
    {
        int digits = -1;
        if (currency is not null && Currencies.TryGetMinorDigits(currency, out int known)) digits = known;
        foreach (var (index, p) in list)
        {
            string at = $"$.products[{index}]";
            if (string.IsNullOrEmpty(p.Sku)) errors.Add(Error($"{at}.sku", "must be a non-empty string", ErrorCodes.Empty));
            if (p.Barcode is { Length: 0 }) errors.Add(Error($"{at}.barcode", "must be a non-empty string when given", ErrorCodes.Empty));
            if (string.IsNullOrEmpty(p.Name)) errors.Add(Error($"{at}.name", "must be a non-empty string", ErrorCodes.Empty));
            if (p.UnitPrice < 0) errors.Add(Error($"{at}.unitPrice", "must not be negative", ErrorCodes.Negative));
            else if (digits >= 0 && !MinorUnits.TryFromMajor(p.UnitPrice, digits, out _))
                errors.Add(Error($"{at}.unitPrice", $"has more than {digits} decimals for {currency}", ErrorCodes.TooManyDecimals));
            if (p.Categories is null || p.Categories.Any(string.IsNullOrEmpty)) errors.Add(Error($"{at}.categories", "must be a list of non-empty strings", ErrorCodes.Empty));
            if (p.Tags is null || p.Tags.Any(string.IsNullOrEmpty)) errors.Add(Error($"{at}.tags", "must be a list of non-empty strings", ErrorCodes.Empty));
        }
        var skus = new HashSet<string>(StringComparer.Ordinal);
        var barcodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, p) in list)
        {
            if (p.Sku is { Length: > 0 } && !skus.Add(p.Sku)) errors.Add(Error($"$.products[{index}].sku", $"duplicate sku '{p.Sku}'", ErrorCodes.Duplicate));
            if (p.Barcode is { Length: > 0 } && !barcodes.Add(p.Barcode)) errors.Add(Error($"$.products[{index}].barcode", $"duplicate barcode '{p.Barcode}'", ErrorCodes.Duplicate));
        }
        foreach (var (index, p) in list)
        {
            if (p.Barcode is { Length: > 0 } barcode && barcode != p.Sku && skus.Contains(barcode))
                errors.Add(Error($"$.products[{index}].barcode", $"'{barcode}' is another product's sku, so a scan of it would be ambiguous", ErrorCodes.Duplicate));
        }
        var ordered = errors.OrderBy(e => ProductIndex(e.Path)).ToList(); // stable: document order, product by product
        errors.Clear();
        errors.AddRange(ordered);
    }

    private static int ProductIndex(string path) =>
        path.StartsWith("$.products[", StringComparison.Ordinal) && int.TryParse(path.AsSpan(11, path.IndexOf(']') - 11), out int i) ? i : -1;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>Reads a catalog from JSON. Unknown properties are ignored; <c>barcode</c>, <c>brand</c>,
    /// <c>categories</c> and <c>tags</c> are optional; <c>name</c> defaults to the SKU.</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed or the catalog is invalid (document <c>catalog</c>).</exception>
    public static Catalog FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException e)
        {
            throw new PromoValidationException([Error("$", $"malformed JSON: {e.Message}", ErrorCodes.MalformedJson)]);
        }
        using (document)
        {
            var errors = new List<ValidationError>();
            var root = document.RootElement;
            // Looking a property up compares names, and a name escaping a lone surrogate throws there: report them first.
            // Duplicate properties are refused too, as the rule-set and cart readers refuse them: which one counts is a guess.
            CheckNames(root, "$", errors);
            if (errors.Count > 0) throw new PromoValidationException(errors);
            if (root.ValueKind != JsonValueKind.Object) throw new PromoValidationException([Error("$", "must be an object", ErrorCodes.ExpectedObject)]);
            string? currency = ReadString(root, "currency", "$", errors, required: true);
            var stores = ReadStrings(root, "stores", "$", errors);
            var products = new List<(int Index, CatalogProduct Product)>();
            if (!root.TryGetProperty("products", out var array) || array.ValueKind != JsonValueKind.Array)
                errors.Add(Error("$.products", "must be an array of products", ErrorCodes.ExpectedArray));
            else
            {
                int i = -1;
                foreach (var item in array.EnumerateArray())
                {
                    string at = $"$.products[{++i}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(Error(at, "must be an object", ErrorCodes.ExpectedObject));
                        continue;
                    }
                    int before = errors.Count;
                    string? sku = ReadString(item, "sku", at, errors, required: true);
                    string? barcode = ReadString(item, "barcode", at, errors, required: false);
                    string? name = ReadString(item, "name", at, errors, required: false);
                    string? brand = ReadString(item, "brand", at, errors, required: false);
                    decimal? price = null;
                    if (!item.TryGetProperty("unitPrice", out var priceElement) || priceElement.ValueKind == JsonValueKind.Null)
                        errors.Add(Error($"{at}.unitPrice", "is required", ErrorCodes.Required));
                    else if (priceElement.ValueKind != JsonValueKind.Number)
                        errors.Add(Error($"{at}.unitPrice", "must be a number", ErrorCodes.ExpectedNumber));
                    else if (!priceElement.TryGetDecimal(out decimal value))
                        errors.Add(Error($"{at}.unitPrice", $"{priceElement.GetRawText()} is beyond what a price can be", ErrorCodes.OutOfRange));
                    else price = value;
                    var categories = ReadStrings(item, "categories", at, errors);
                    var tags = ReadStrings(item, "tags", at, errors);
                    if (errors.Count == before)
                        products.Add((i, new CatalogProduct(sku!, barcode, name ?? sku!, price!.Value, categories, brand, tags)));
                }
            }
            CheckStores([.. stores], errors);
            Check(currency, products, errors);
            if (errors.Count > 0) throw new PromoValidationException(errors);
            return new Catalog(currency!, products.Select(p => p.Product).ToList(), stores);
        }
    }

    /// <summary>Reads a catalog file: strict UTF-8 (a leading byte-order mark allowed), as rule-set files are read.</summary>
    /// <exception cref="PromoValidationException">The file is not UTF-8, or the catalog is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Catalog Load(string path) => FromJson(Utf8Document.Decode(File.ReadAllBytes(path), Document));

    /// <summary>
    /// Finds the product a scanned or typed code names: a SKU first, else a barcode.
    /// </summary>
    public bool TryFind(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogProduct? product)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _bySku.TryGetValue(code, out product) || _byBarcode.TryGetValue(code, out product);
    }

    /// <summary>The product with SKU <paramref name="sku"/>, or null.</summary>
    public CatalogProduct? FindSku(string sku)
    {
        ArgumentNullException.ThrowIfNull(sku);
        return _bySku.GetValueOrDefault(sku);
    }

    private static ValidationError Error(string path, string message, string code) => new(Document, path, message, code);

    /// <summary>The message of a string that escapes a lone surrogate, as the rule-set and cart readers word it.</summary>
    internal const string LoneSurrogateMessage = "a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text";

    /// <summary>Reports every property name, at any depth, that escapes a lone surrogate.</summary>
    private static void CheckNames(JsonElement element, string path, List<ValidationError> errors)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray()) CheckNames(item, $"{path}[{i++}]", errors);
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                string raw = System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property));
                errors.Add(Error(Property(path, raw), LoneSurrogateMessage, ErrorCodes.InvalidString));
                continue;
            }
            string at = Property(path, name);
            if (!seen.Add(name)) errors.Add(Error(at, $"duplicate property '{name}'", ErrorCodes.DuplicateProperty));
            CheckNames(property.Value, at, errors);
        }
    }

    /// <summary>A property's path as the engine writes it: <c>$.name</c>, or <c>$['a name']</c> for any other name.</summary>
    private static string Property(string parent, string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    /// <summary>A JSON string's text, or null after reporting one that escapes a lone surrogate (no .NET text holds it).</summary>
    private static string? Text(JsonElement value, string path, List<ValidationError> errors)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(Error(path, LoneSurrogateMessage, ErrorCodes.InvalidString));
            return null;
        }
    }

    private static string? ReadString(JsonElement obj, string name, string at, List<ValidationError> errors, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(Error($"{at}.{name}", "is required", ErrorCodes.Required));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Error($"{at}.{name}", "must be a non-empty string", ErrorCodes.ExpectedString));
            return null;
        }
        string? text = Text(value, $"{at}.{name}", errors);
        if (text is { Length: 0 }) errors.Add(Error($"{at}.{name}", "must be a non-empty string", ErrorCodes.Empty));
        return text is { Length: > 0 } ? text : null;
    }

    private static IReadOnlyList<string> ReadStrings(JsonElement obj, string name, string at, List<ValidationError> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Error($"{at}.{name}", "must be an array of strings", ErrorCodes.ExpectedArray));
            return [];
        }
        var list = new List<string>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            string path = $"{at}.{name}[{i}]";
            if (item.ValueKind != JsonValueKind.String) errors.Add(Error(path, "must be a non-empty string", ErrorCodes.ExpectedString));
            else if (Text(item, path, errors) is { } text)
            {
                if (text.Length > 0) list.Add(text);
                else errors.Add(Error(path, "must be a non-empty string", ErrorCodes.Empty));
            }
            i++;
        }
        return list;
    }
}
