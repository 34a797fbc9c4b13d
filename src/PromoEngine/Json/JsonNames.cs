using System.Collections.Frozen;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Json;

/// <summary>The JSON spellings of the enums.</summary>
internal static class JsonNames
{
    public static readonly FrozenDictionary<string, RoundingMode> Rounding = new Dictionary<string, RoundingMode>
    {
        ["halfUp"] = RoundingMode.HalfUp, ["halfEven"] = RoundingMode.HalfEven, ["down"] = RoundingMode.Down,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, PromotionKind> Kinds = new Dictionary<string, PromotionKind>
    {
        ["specialPrice"] = PromotionKind.SpecialPrice, ["itemDiscount"] = PromotionKind.ItemDiscount,
        ["nthItem"] = PromotionKind.NthItem, ["buyXGetY"] = PromotionKind.BuyXGetY,
        ["bundle"] = PromotionKind.Bundle, ["threshold"] = PromotionKind.Threshold,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, ThresholdBasis> Bases = new Dictionary<string, ThresholdBasis>
    {
        ["amount"] = ThresholdBasis.Amount, ["quantity"] = ThresholdBasis.Quantity,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, ThresholdOn> ThresholdOns = new Dictionary<string, ThresholdOn>
    {
        ["current"] = ThresholdOn.Current, ["itemPrice"] = ThresholdOn.ItemPrice,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string Name<TEnum>(FrozenDictionary<string, TEnum> names, TEnum value) where TEnum : struct, Enum
    {
        foreach (var pair in names)
            if (EqualityComparer<TEnum>.Default.Equals(pair.Value, value)) return pair.Key;
        throw new ArgumentOutOfRangeException(nameof(value));
    }
}
