using System.Collections.Frozen;
using System.Text.Json;
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
/// The JSON form is <c>{ "currency": "CNY", "products": [{ "sku", "barcode", "name", "unitPrice",
/// "categories", "brand", "tags" }] }</c>.
/// </summary>
public sealed class Catalog
{
    /// <summary>The <see cref="ValidationError.Document"/> name of catalog errors.</summary>
    public const string Document = "catalog";

    private readonly FrozenDictionary<string, CatalogProduct> _bySku;
    private readonly FrozenDictionary<string, CatalogProduct> _byBarcode;

    private Catalog(string currency, IReadOnlyList<CatalogProduct> products)
    {
        Currency = currency;
        Products = products;
        _bySku = products.ToFrozenDictionary(p => p.Sku, StringComparer.Ordinal);
        _byBarcode = products.Where(p => p.Barcode is not null).ToFrozenDictionary(p => p.Barcode!, StringComparer.Ordinal);
    }

    /// <summary>Currency of the list prices; must be the rule set's.</summary>
    public string Currency { get; }

    /// <summary>Products, in catalog order.</summary>
    public IReadOnlyList<CatalogProduct> Products { get; }

    /// <summary>
    /// Builds a catalog from products.
    /// </summary>
    /// <exception cref="PromoValidationException">The products are invalid (every problem is listed, document <c>catalog</c>).</exception>
    public static Catalog Create(string currency, IEnumerable<CatalogProduct> products)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(products);
        var list = products.ToList();
        var errors = new List<ValidationError>();
        if (currency.Length == 0) errors.Add(Error("$.currency", "must be a non-empty string"));
        Check(currency, list.Select((p, i) => (i, p)).ToList(), errors);
        if (errors.Count > 0) throw new PromoValidationException(errors);
        return new Catalog(currency, list);
    }

    /// <summary>Checks products (with their positions in the document) as a whole.</summary>
    private static void Check(string? currency, List<(int Index, CatalogProduct Product)> list, List<ValidationError> errors)
    {
        int digits = -1;
        if (currency is not null && Currencies.TryGetMinorDigits(currency, out int known)) digits = known;
        foreach (var (index, p) in list)
        {
            string at = $"$.products[{index}]";
            if (string.IsNullOrEmpty(p.Sku)) errors.Add(Error($"{at}.sku", "must be a non-empty string"));
            if (p.Barcode is { Length: 0 }) errors.Add(Error($"{at}.barcode", "must be a non-empty string when given"));
            if (string.IsNullOrEmpty(p.Name)) errors.Add(Error($"{at}.name", "must be a non-empty string"));
            if (p.UnitPrice < 0) errors.Add(Error($"{at}.unitPrice", "must not be negative"));
            else if (digits >= 0 && !MinorUnits.TryFromMajor(p.UnitPrice, digits, out _))
                errors.Add(Error($"{at}.unitPrice", $"has more than {digits} decimals for {currency}"));
            if (p.Categories is null || p.Categories.Any(string.IsNullOrEmpty)) errors.Add(Error($"{at}.categories", "must be a list of non-empty strings"));
            if (p.Tags is null || p.Tags.Any(string.IsNullOrEmpty)) errors.Add(Error($"{at}.tags", "must be a list of non-empty strings"));
        }
        var skus = new HashSet<string>(StringComparer.Ordinal);
        var barcodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, p) in list)
        {
            if (p.Sku is { Length: > 0 } && !skus.Add(p.Sku)) errors.Add(Error($"$.products[{index}].sku", $"duplicate sku '{p.Sku}'"));
            if (p.Barcode is { Length: > 0 } && !barcodes.Add(p.Barcode)) errors.Add(Error($"$.products[{index}].barcode", $"duplicate barcode '{p.Barcode}'"));
        }
        foreach (var (index, p) in list)
        {
            if (p.Barcode is { Length: > 0 } barcode && barcode != p.Sku && skus.Contains(barcode))
                errors.Add(Error($"$.products[{index}].barcode", $"'{barcode}' is another product's sku, so a scan of it would be ambiguous"));
        }
        var ordered = errors.OrderBy(e => ProductIndex(e.Path)).ToList(); // stable: document order, product by product
        errors.Clear();
        errors.AddRange(ordered);
    }

    private static int ProductIndex(string path) =>
        path.StartsWith("$.products[", StringComparison.Ordinal) && int.TryParse(path.AsSpan(11, path.IndexOf(']') - 11), out int i) ? i : -1;

    /// <summary>Reads a catalog from JSON. Unknown properties are ignored; <c>barcode</c>, <c>brand</c>,
    /// <c>categories</c> and <c>tags</c> are optional; <c>name</c> defaults to the SKU.</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed or the catalog is invalid (document <c>catalog</c>).</exception>
    public static Catalog FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PromoValidationException([Error("$", $"malformed JSON: {e.Message}")]);
        }
        using (document)
        {
            var errors = new List<ValidationError>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PromoValidationException([Error("$", "must be an object")]);
            string? currency = ReadString(root, "currency", "$", errors, required: true);
            var products = new List<(int Index, CatalogProduct Product)>();
            if (!root.TryGetProperty("products", out var array) || array.ValueKind != JsonValueKind.Array)
                errors.Add(Error("$.products", "must be an array of products"));
            else
            {
                int i = -1;
                foreach (var item in array.EnumerateArray())
                {
                    string at = $"$.products[{++i}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(Error(at, "must be an object"));
                        continue;
                    }
                    int before = errors.Count;
                    string? sku = ReadString(item, "sku", at, errors, required: true);
                    string? barcode = ReadString(item, "barcode", at, errors, required: false);
                    string? name = ReadString(item, "name", at, errors, required: false);
                    string? brand = ReadString(item, "brand", at, errors, required: false);
                    decimal? price = null;
                    if (!item.TryGetProperty("unitPrice", out var priceElement) || priceElement.ValueKind == JsonValueKind.Null)
                        errors.Add(Error($"{at}.unitPrice", "is required"));
                    else if (priceElement.ValueKind != JsonValueKind.Number || !priceElement.TryGetDecimal(out decimal value))
                        errors.Add(Error($"{at}.unitPrice", "must be a number"));
                    else price = value;
                    var categories = ReadStrings(item, "categories", at, errors);
                    var tags = ReadStrings(item, "tags", at, errors);
                    if (errors.Count == before)
                        products.Add((i, new CatalogProduct(sku!, barcode, name ?? sku!, price!.Value, categories, brand, tags)));
                }
            }
            Check(currency, products, errors);
            if (errors.Count > 0) throw new PromoValidationException(errors);
            return new Catalog(currency!, products.Select(p => p.Product).ToList());
        }
    }

    /// <summary>Reads a catalog file.</summary>
    /// <exception cref="PromoValidationException">The catalog is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Catalog Load(string path) => FromJson(File.ReadAllText(path));

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

    private static ValidationError Error(string path, string message) => new(Document, path, message);

    private static string? ReadString(JsonElement obj, string name, string at, List<ValidationError> errors, bool required)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(Error($"{at}.{name}", "is required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            errors.Add(Error($"{at}.{name}", "must be a non-empty string"));
            return null;
        }
        return text;
    }

    private static IReadOnlyList<string> ReadStrings(JsonElement obj, string name, string at, List<ValidationError> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Error($"{at}.{name}", "must be an array of strings"));
            return [];
        }
        var list = new List<string>();
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
                errors.Add(Error($"{at}.{name}[{i}]", "must be a non-empty string"));
            else list.Add(text);
            i++;
        }
        return list;
    }
}
