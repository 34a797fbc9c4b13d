using System.Buffers;
using System.Text;
using System.Text.Json;
using PromoEngine.Definitions;

namespace PromoEngine.Json;

/// <summary>
/// Reads a well-formed cart in one forward pass over its UTF-8 bytes, for the common case of a cart
/// with nothing to report. It accepts only what <see cref="CartReader"/> reads without a single error
/// (a JSON null is an absent property there too) and gives up (returns null) on anything else: an
/// unknown or duplicate property, a value of another type, a number in exponent form, an instant it
/// cannot read. The caller then
/// reads the cart again with <see cref="CartReader"/>, whose messages and JSON paths stay the one
/// source of diagnostics. Building a document and a reader object per JSON object made reading a
/// 20-line cart cost as much as pricing it.
/// </summary>
internal static class FastCartReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>The cart, or null when it has anything <see cref="CartReader"/> would report.</summary>
    public static CartDefinition? TryRead(string json)
    {
        byte[] bytes = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        try
        {
            int length = StrictUtf8.GetBytes(json, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length), Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            var cart = ReadCart(ref reader);
            return cart is not null && !reader.Read() ? cart : null; // nothing may follow the cart
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

    private static CartDefinition? ReadCart(ref Utf8JsonReader r)
    {
        string? currency = null, channel = null, storeId = null;
        DateTimeOffset? at = null;
        CustomerDefinition? customer = null;
        CartLineDefinition[]? lines = null;
        CouponInstanceDefinition[]? coupons = null;
        PointsRequest? usePoints = null;
        int seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new CartDefinition
                {
                    Currency = currency, Channel = channel, StoreId = storeId, At = at, Customer = customer,
                    Lines = lines, Coupons = coupons, UsePoints = usePoints,
                };
            bool ok;
            if (First(ref r, "currency"u8, 1, ref seen)) ok = String(ref r, out currency);
            else if (First(ref r, "channel"u8, 2, ref seen)) ok = String(ref r, out channel);
            else if (First(ref r, "storeId"u8, 4, ref seen)) ok = String(ref r, out storeId);
            else if (First(ref r, "at"u8, 8, ref seen)) ok = Instant(ref r, out at);
            else if (First(ref r, "customer"u8, 16, ref seen)) ok = Value(ref r, out bool isNull) && (isNull || (customer = ReadCustomer(ref r)) is not null);
            else if (First(ref r, "lines"u8, 32, ref seen)) ok = Value(ref r, out bool isNull) && (isNull || (lines = ReadArray(ref r, ReadLine)) is not null);
            else if (First(ref r, "coupons"u8, 64, ref seen)) ok = Value(ref r, out bool isNull) && (isNull || (coupons = ReadArray(ref r, ReadCoupon)) is not null);
            else if (First(ref r, "usePoints"u8, 128, ref seen)) ok = UsePoints(ref r, out usePoints);
            else ok = false; // unknown or repeated property
            if (!ok) return null;
        }
        return null;
    }

    private static CustomerDefinition? ReadCustomer(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null, tier = null;
        long? points = null;
        int seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new CustomerDefinition { Id = id, Tier = tier, Points = points };
            bool ok;
            if (First(ref r, "id"u8, 1, ref seen)) ok = String(ref r, out id);
            else if (First(ref r, "tier"u8, 2, ref seen)) ok = String(ref r, out tier);
            else if (First(ref r, "points"u8, 4, ref seen)) ok = Integer(ref r, out points);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static CartLineDefinition? ReadLine(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null, sku = null, brand = null;
        decimal? unitPrice = null;
        long? quantity = null;
        string[]? categories = null, tags = null;
        int seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new CartLineDefinition
                {
                    Id = id, Sku = sku, UnitPrice = unitPrice, Quantity = quantity, Categories = categories, Brand = brand, Tags = tags,
                };
            bool ok;
            if (First(ref r, "id"u8, 1, ref seen)) ok = String(ref r, out id);
            else if (First(ref r, "sku"u8, 2, ref seen)) ok = String(ref r, out sku);
            else if (First(ref r, "unitPrice"u8, 4, ref seen)) ok = Number(ref r, out unitPrice);
            else if (First(ref r, "quantity"u8, 8, ref seen)) ok = Integer(ref r, out quantity);
            else if (First(ref r, "categories"u8, 16, ref seen)) ok = Value(ref r, out bool isNull) && (isNull || (categories = Strings(ref r)) is not null);
            else if (First(ref r, "brand"u8, 32, ref seen)) ok = String(ref r, out brand);
            else if (First(ref r, "tags"u8, 64, ref seen)) ok = Value(ref r, out bool isNull) && (isNull || (tags = Strings(ref r)) is not null);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static CouponInstanceDefinition? ReadCoupon(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? code = null, couponId = null;
        int seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new CouponInstanceDefinition { Code = code, CouponId = couponId };
            bool ok;
            if (First(ref r, "code"u8, 1, ref seen)) ok = String(ref r, out code);
            else if (First(ref r, "couponId"u8, 2, ref seen)) ok = String(ref r, out couponId);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private delegate T? ItemReader<T>(ref Utf8JsonReader r) where T : class;

    /// <summary>An array whose every item <paramref name="readItem"/> reads (from its first token); null if one fails.</summary>
    private static T[]? ReadArray<T>(ref Utf8JsonReader r, ItemReader<T> readItem) where T : class
    {
        if (r.TokenType != JsonTokenType.StartArray) return null;
        var items = new List<T>();
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndArray) return items.ToArray();
            if (readItem(ref r) is not { } item) return null;
            items.Add(item);
        }
        return null;
    }

    private static string[]? Strings(ref Utf8JsonReader r) =>
        ReadArray(ref r, static (ref Utf8JsonReader item) => item.TokenType == JsonTokenType.String ? item.GetString() : null);

    /// <summary>Whether the current property is <paramref name="name"/>, seen for the first time in this object.</summary>
    private static bool First(ref Utf8JsonReader r, ReadOnlySpan<byte> name, int bit, ref int seen)
    {
        if (!r.ValueTextEquals(name)) return false;
        if ((seen & bit) != 0) return false; // a duplicate: it falls through to "unknown", and the full reader reports it
        seen |= bit;
        return true;
    }

    /// <summary>Moves to the property's value; false at JSON null, which the full reader reads as absent.</summary>
    private static bool Value(ref Utf8JsonReader r, out bool isNull)
    {
        bool read = r.Read();
        isNull = read && r.TokenType == JsonTokenType.Null;
        return read;
    }

    private static bool String(ref Utf8JsonReader r, out string? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.String) return false;
        value = r.GetString();
        return true;
    }

    private static bool Instant(ref Utf8JsonReader r, out DateTimeOffset? value)
    {
        value = null;
        if (!String(ref r, out string? text)) return false;
        if (text is null) return true;
        if (!ObjectReader.TryParseInstant(text, out var instant)) return false;
        value = instant;
        return true;
    }

    /// <summary>A number without exponent, read as the full reader reads it (zero from its text, so its scale is kept alike).</summary>
    private static bool Number(ref Utf8JsonReader r, out decimal? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.Number || r.HasValueSequence) return false;
        foreach (byte b in r.ValueSpan)
            if (b is (byte)'e' or (byte)'E') return false; // exponents: left to the full reader
        if (!r.TryGetDecimal(out decimal number)) return false;
        if (number == 0 && !decimal.TryParse(Encoding.UTF8.GetString(r.ValueSpan), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out number)) return false;
        value = number;
        return true;
    }

    private static bool Integer(ref Utf8JsonReader r, out long? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out long number)) return false;
        value = number;
        return true;
    }

    private static bool UsePoints(ref Utf8JsonReader r, out PointsRequest? value)
    {
        value = null;
        if (!Value(ref r, out bool isNull)) return false;
        if (isNull) return true;
        if (r.TokenType == JsonTokenType.String && r.ValueTextEquals("max"u8)) value = PointsRequest.All;
        else if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long points)) value = PointsRequest.Of(points);
        return value is not null;
    }
}
