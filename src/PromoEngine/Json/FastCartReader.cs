using System.Text.Json;
using PromoEngine.Definitions;
using static PromoEngine.Json.FastJson;

namespace PromoEngine.Json;

/// <summary>
/// Reads a well-formed cart in one forward pass over its UTF-8 bytes, for the common case of a cart
/// with nothing to report. It accepts only what <see cref="CartReader"/> reads without a single error
/// (a JSON null is an absent property there too) and gives up (returns null) on anything else: an
/// unknown or duplicate property, a value of another type, a number in exponent form, an instant it
/// cannot read. The caller then reads the cart again with <see cref="CartReader"/>, whose messages and
/// JSON paths stay the one source of diagnostics. Building a document and a reader object per JSON
/// object made reading a 20-line cart cost as much as pricing it.
/// </summary>
internal static class FastCartReader
{
    /// <summary>The cart, or null when it has anything <see cref="CartReader"/> would report.</summary>
    public static CartDefinition? TryRead(string json) => Run(json, ReadCart);

    private static CartDefinition? ReadCart(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? currency = null, channel = null, storeId = null;
        DateTimeOffset? at = null;
        CustomerDefinition? customer = null;
        CartLineDefinition[]? lines = null;
        CouponInstanceDefinition[]? coupons = null;
        PointsRequest? usePoints = null;
        UsageDefinition? usage = null;
        string? schema = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new CartDefinition
                {
                    Currency = currency, Channel = channel, StoreId = storeId, At = at, Customer = customer,
                    Lines = lines, Coupons = coupons, UsePoints = usePoints, Usage = usage, Schema = schema,
                };
            bool ok;
            if (First(ref r, "currency"u8, 1, ref seen)) ok = String(ref r, out currency);
            else if (First(ref r, "channel"u8, 2, ref seen)) ok = String(ref r, out channel);
            else if (First(ref r, "storeId"u8, 4, ref seen)) ok = String(ref r, out storeId);
            else if (First(ref r, "at"u8, 8, ref seen)) ok = Instant(ref r, out at);
            else if (First(ref r, "customer"u8, 16, ref seen)) ok = Object(ref r, ReadCustomer, out customer);
            else if (First(ref r, "lines"u8, 32, ref seen)) ok = Array(ref r, ReadLine, out lines);
            else if (First(ref r, "coupons"u8, 64, ref seen)) ok = Array(ref r, ReadCoupon, out coupons);
            else if (First(ref r, "usePoints"u8, 128, ref seen)) ok = UsePoints(ref r, out usePoints);
            else if (First(ref r, "usage"u8, 256, ref seen)) ok = Object(ref r, ReadUsage, out usage);
            else if (First(ref r, "$schema"u8, 512, ref seen)) ok = String(ref r, out schema);
            else ok = false; // unknown or repeated property
            if (!ok) return null;
        }
        return null;
    }

    private static CustomerDefinition? ReadCustomer(ref Utf8JsonReader r)
    {
        string? id = null, tier = null;
        long? points = null;
        long seen = 0;
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
        long seen = 0;
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
            else if (First(ref r, "categories"u8, 16, ref seen)) ok = Strings(ref r, out categories);
            else if (First(ref r, "brand"u8, 32, ref seen)) ok = String(ref r, out brand);
            else if (First(ref r, "tags"u8, 64, ref seen)) ok = Strings(ref r, out tags);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static CouponInstanceDefinition? ReadCoupon(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? code = null, couponId = null;
        long seen = 0;
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

    private static UsageDefinition? ReadUsage(ref Utf8JsonReader r)
    {
        IReadOnlyDictionary<string, UsageCountsDefinition?>? promotions = null, coupons = null;
        IReadOnlyDictionary<string, long?>? codes = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new UsageDefinition { Promotions = promotions, Coupons = coupons, Codes = codes };
            bool ok;
            if (First(ref r, "promotions"u8, 1, ref seen)) ok = Map(ref r, ReadCounts, out promotions);
            else if (First(ref r, "coupons"u8, 2, ref seen)) ok = Map(ref r, ReadCounts, out coupons);
            else if (First(ref r, "codes"u8, 4, ref seen)) ok = Map(ref r, ReadCode, out codes);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static bool ReadCounts(ref Utf8JsonReader r, out UsageCountsDefinition? value)
    {
        value = null;
        if (r.TokenType != JsonTokenType.StartObject) return false;
        long? uses = null, customerUses = null, units = null, customerUnits = null;
        decimal? spent = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
            {
                value = new UsageCountsDefinition { Uses = uses, CustomerUses = customerUses, Units = units, CustomerUnits = customerUnits, Spent = spent };
                return true;
            }
            bool ok;
            if (First(ref r, "uses"u8, 1, ref seen)) ok = Integer(ref r, out uses);
            else if (First(ref r, "customerUses"u8, 2, ref seen)) ok = Integer(ref r, out customerUses);
            else if (First(ref r, "units"u8, 4, ref seen)) ok = Integer(ref r, out units);
            else if (First(ref r, "customerUnits"u8, 8, ref seen)) ok = Integer(ref r, out customerUnits);
            else if (First(ref r, "spent"u8, 16, ref seen)) ok = Number(ref r, out spent);
            else ok = false;
            if (!ok) return false;
        }
        return false;
    }

    private static bool ReadCode(ref Utf8JsonReader r, out long? value)
    {
        value = null;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out long count)) return false;
        value = count;
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
