using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>Reads a cart document into a <see cref="CartDefinition"/>, recording every structural error.</summary>
internal static class CartReader
{
    public static CartDefinition? Read(JsonElement root, ErrorSink errors)
    {
        var r = ObjectReader.Open(root, LazyPath.Root, errors);
        if (r is null) return null;
        var cart = new CartDefinition
        {
            Currency = r.String("currency"),
            Channel = r.String("channel"),
            StoreId = r.String("storeId"),
            At = r.Instant("at"),
            Customer = r.Object("customer", static c => new CustomerDefinition
            {
                Id = c.String("id"), Tier = c.String("tier"), Points = c.Integer("points"),
            }),
            Lines = r.Objects("lines", static l => new CartLineDefinition
            {
                Id = l.String("id"),
                Sku = l.String("sku"),
                UnitPrice = l.Number("unitPrice"),
                Quantity = l.Integer("quantity"),
                Categories = l.Strings("categories"),
                Brand = l.String("brand"),
                Tags = l.Strings("tags"),
            }),
            Coupons = r.Objects("coupons", static c => new CouponInstanceDefinition
            {
                Code = c.String("code"), CouponId = c.String("couponId"),
            }),
            UsePoints = ReadUsePoints(r),
            Usage = r.Object("usage", static u => new UsageDefinition
            {
                Promotions = u.Map("promotions", ReadCounts),
                Coupons = u.Map("coupons", ReadCounts),
                Codes = u.Map("codes", static (value, path, errors) => ObjectReader.ReadInteger(value, path, errors)),
            }),
            Schema = r.String("$schema"),
        };
        r.Finish();
        return cart;
    }

    private static UsageCountsDefinition? ReadCounts(JsonElement value, LazyPath path, ErrorSink errors)
    {
        var c = ObjectReader.Open(value, path, errors);
        if (c is null) return null;
        var counts = new UsageCountsDefinition
        {
            Uses = c.Integer("uses"),
            CustomerUses = c.Integer("customerUses"),
            Units = c.Integer("units"),
            CustomerUnits = c.Integer("customerUnits"),
            Spent = c.Number("spent"),
        };
        c.Finish();
        return counts;
    }

    private static PointsRequest? ReadUsePoints(ObjectReader r)
    {
        if (!r.TryGet("usePoints", out var value)) return null;
        var path = r.Location.Property("usePoints");
        if (value.ValueKind == JsonValueKind.String && value.GetString() == "max") return PointsRequest.All;
        if (value.ValueKind != JsonValueKind.Number)
        {
            r.Errors.Add(path.ToString(), $"expected a whole number of points or \"max\", got {ObjectReader.Describe(value)}");
            return null;
        }
        long? points = ObjectReader.ReadInteger(value, path, r.Errors);
        return points is null ? null : PointsRequest.Of(points.Value);
    }
}
