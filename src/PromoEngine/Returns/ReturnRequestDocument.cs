using System.Text.Json;

namespace PromoEngine.Returns;

/// <summary>
/// Reads a returns document, <c>{ "previous": [{ "line", "quantity" }], "now": [...] }</c> (spec §13),
/// strictly: types, required and unknown properties, each error at its own path in document
/// <c>returns</c>. Whether its lines and quantities fit an order is checked against the order's result
/// by <see cref="ReturnPricing.Price(PricingResult, ReturnRequest)"/>.
/// </summary>
public static class ReturnRequestDocument
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads a returns document.</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed or breaks the document's shape.</exception>
    public static ReturnRequest Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new DocumentErrors(ReturnPricing.ReturnsDocument, everythingAtRoot: false);
        var raw = Read(json, errors);
        ThrowIfAny(errors);
        return raw!.ToRequest();
    }

    /// <summary>Reads a returns document already parsed.</summary>
    /// <exception cref="PromoValidationException">The document breaks its shape.</exception>
    public static ReturnRequest Read(JsonElement element)
    {
        var errors = new DocumentErrors(ReturnPricing.ReturnsDocument, everythingAtRoot: false);
        var raw = Read(element, errors);
        ThrowIfAny(errors);
        return raw!.ToRequest();
    }

    internal static RawReturnRequest? Read(string json, DocumentErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            errors.Add("$", Validation.ErrorCatalog.MalformedJson(e.Message));
            return null;
        }
        using (document) return Read(document.RootElement, errors);
    }

    /// <summary>
    /// Reads what can be read; an entry with a broken line or quantity keeps its place with that part
    /// missing, so the checks against the result still see every entry at its index.
    /// </summary>
    internal static RawReturnRequest? Read(JsonElement element, DocumentErrors errors)
    {
        var top = JsonFields.Open(element, "$", errors);
        if (top is null) return null;
        var previous = ReadEntries(top, "previous", required: false) ?? [];
        RawReturnLine[]? now = ReadEntries(top, "now", required: false);
        if (now is null)
        {
            errors.Add("$.now", ReturnErrors.NowRequired); // unless a wrong type is reported there already
        }
        else if (now.Length == 0)
        {
            errors.Add("$.now", ReturnErrors.NowEmpty);
        }
        top.Finish();
        return new RawReturnRequest(previous, now ?? []);
    }

    private static RawReturnLine[]? ReadEntries(JsonFields top, string name, bool required)
    {
        var items = top.Array(name, required);
        if (items is null) return null;
        var entries = new RawReturnLine[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            var f = top.Child(items[i], $"{top.PathOf(name)}[{i}]");
            if (f is null)
            {
                entries[i] = new RawReturnLine(null, null, Broken: true);
                continue;
            }
            string? line = f.TryGet("line", required: true, out var value) ? LineId(value, f) : null;
            long? quantity = f.TryGet("quantity", required: true, out var q) ? JsonFields.ReadInteger(q, f.PathOf("quantity"), long.MinValue, f.Errors) : null;
            f.Finish();
            entries[i] = new RawReturnLine(line, quantity, Broken: line is null || quantity is null);
        }
        return entries;
    }

    private static string? LineId(JsonElement value, JsonFields f)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            f.ErrorAt("line", Validation.ErrorCatalog.ExpectedString(JsonFields.Describe(value)));
            return null;
        }
        if (JsonFields.TryText(value, out string id)) return id; // "" is a line id like any other: unknown
        f.ErrorAt("line", Validation.ErrorCatalog.LoneSurrogate);
        return null;
    }

    private static void ThrowIfAny(DocumentErrors errors)
    {
        if (errors.HasErrors) throw new PromoValidationException(errors.Errors.ToArray());
    }
}

/// <summary>One entry of a returns document as read: a part that could not be read is null.</summary>
internal sealed record RawReturnLine(string? Line, long? Quantity, bool Broken);

/// <summary>A returns document as read, before it is checked against the result.</summary>
internal sealed record RawReturnRequest(IReadOnlyList<RawReturnLine> Previous, IReadOnlyList<RawReturnLine> Now)
{
    public static RawReturnRequest From(ReturnRequest request) => new(
        (request.Previous ?? []).Select(Entry).ToArray(),
        (request.Now ?? []).Select(Entry).ToArray());

    private static RawReturnLine Entry(ReturnLine? line) => line is null
        ? new RawReturnLine(null, null, Broken: true)
        : new RawReturnLine(line.Line, line.Quantity, Broken: false);

    public ReturnRequest ToRequest() => new(
        Previous.Select(e => new ReturnLine(e.Line!, e.Quantity!.Value)).ToArray(),
        Now.Select(e => new ReturnLine(e.Line!, e.Quantity!.Value)).ToArray());
}
