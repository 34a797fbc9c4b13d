using System.Collections.Frozen;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Json;

/// <summary>The JSON spellings of the enums, the one place they are written (readers, writer and messages use these).</summary>
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
}
