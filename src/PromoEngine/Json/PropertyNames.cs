using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace PromoEngine.Json;

/// <summary>
/// The property names the readers know, as shared strings: a rule set of 100,000 promotions has about
/// a million properties, and asking <see cref="JsonProperty.Name"/> for each made a new string every time.
/// A name found here is compared as raw UTF-8 bytes; anything else (an unknown or escaped name) falls
/// back to <see cref="JsonProperty.Name"/>, so the readers see the same text either way.
/// </summary>
internal static class PropertyNames
{
    private static readonly string[] Known =
    [
        "$schema", "amountOff", "at", "atLeast", "basis", "brand", "brands", "budget", "buy", "cap", "categories",
        "channel", "channels", "code", "codes", "components", "couponId", "coupons", "couponSearch", "currency",
        "customer", "customerUnits", "customerUses", "defaultFunder", "description", "earnPerUnit", "every",
        "excludeBrands", "excludeCategories", "excludePromoted", "excludeSkus", "excludeTags", "exclusive", "from",
        "funding", "get", "gift", "id", "kind", "layer", "layers", "limitPerOrder", "limits", "lines", "maxChoices",
        "maxCoupons", "maxOff", "maxPercent", "maxPoints", "memberPrices", "minorDigits", "minPoints", "minSpend",
        "minTier", "n", "name", "party", "percent", "percentOff", "points", "pointsPerUnit", "price", "priority",
        "promotions", "quantity", "repeat", "rounding", "scope", "sku", "skus", "spent", "stacksWithMemberPrice",
        "step", "storeId", "stores", "tags", "thresholdOn", "tier", "tiers", "to", "unitPrice", "units",
        "unitsPerCustomer", "usage", "usePoints", "uses", "usesPerCode", "usesPerCustomer", "version", "window",
    ];

    // Bucketed by length and first byte: a lookup compares a handful of short byte strings at most.
    private static readonly Dictionary<int, (byte[] Utf8, string Name)[]> ByShape = Known
        .Select(name => (Utf8: Encoding.UTF8.GetBytes(name), Name: name))
        .GroupBy(entry => Shape(entry.Utf8))
        .ToDictionary(group => group.Key, group => group.ToArray());

    /// <summary>The property's name: a shared string when it is a known name written plainly.</summary>
    public static string Of(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length > 0 && ByShape.TryGetValue(Shape(raw), out var candidates))
            foreach (var (utf8, name) in candidates)
                if (raw.SequenceEqual(utf8)) return name;
        return property.Name;
    }

    private static int Shape(ReadOnlySpan<byte> utf8) => (utf8.Length << 8) | utf8[0];
}
