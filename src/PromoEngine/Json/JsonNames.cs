using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Json;

/// <summary>The JSON spellings of the enums, the one place they are written (readers, writer and messages use these).</summary>
internal static class JsonNames
{
    public static readonly Spellings<RoundingMode> Rounding = new(
        ("halfUp", RoundingMode.HalfUp), ("halfEven", RoundingMode.HalfEven), ("down", RoundingMode.Down));

    public static readonly Spellings<PromotionKind> Kinds = new(
        ("specialPrice", PromotionKind.SpecialPrice), ("itemDiscount", PromotionKind.ItemDiscount), ("nthItem", PromotionKind.NthItem),
        ("buyXGetY", PromotionKind.BuyXGetY), ("bundle", PromotionKind.Bundle), ("threshold", PromotionKind.Threshold));

    public static readonly Spellings<ThresholdBasis> Bases = new(("amount", ThresholdBasis.Amount), ("quantity", ThresholdBasis.Quantity));

    public static readonly Spellings<ThresholdOn> ThresholdOns = new(("current", ThresholdOn.Current), ("itemPrice", ThresholdOn.ItemPrice));
}

/// <summary>
/// An enum's JSON spellings, in the order messages list them. A handful of names: a linear search over
/// arrays beats a dictionary, reads a JSON string without making a .NET one, and costs a process almost
/// nothing to set up.
/// </summary>
internal sealed class Spellings<E> where E : struct, Enum
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;
    private readonly E[] _values;

    public Spellings(params (string Name, E Value)[] spellings)
    {
        if (Unsafe.SizeOf<E>() != sizeof(int)) throw new InvalidOperationException($"{typeof(E).Name}: spellings are for int enums");
        _names = new string[spellings.Length];
        _utf8 = new byte[spellings.Length][];
        _values = new E[spellings.Length];
        for (int i = 0; i < spellings.Length; i++)
            (_names[i], _utf8[i], _values[i]) = (spellings[i].Name, Encoding.UTF8.GetBytes(spellings[i].Name), spellings[i].Value);
    }

    /// <summary>The spellings, in order.</summary>
    public IReadOnlyList<string> Names => _names;

    public bool TryParse(string text, out E value)
    {
        for (int i = 0; i < _names.Length; i++)
            if (string.Equals(_names[i], text, StringComparison.Ordinal)) { value = _values[i]; return true; }
        value = default;
        return false;
    }

    /// <summary>The value of the JSON string at the reader (escaped or not), without making a .NET string.</summary>
    public bool TryRead(ref Utf8JsonReader reader, out E value)
    {
        for (int i = 0; i < _utf8.Length; i++)
            if (reader.ValueTextEquals(_utf8[i])) { value = _values[i]; return true; }
        value = default;
        return false;
    }

    public string NameOf(E value)
    {
        for (int i = 0; i < _values.Length; i++)
            if (Number(_values[i]) == Number(value)) return _names[i];
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    /// <summary>The enum's number (compared as such: an enum's default comparer is made by reflection on first use).</summary>
    public static int Number(E value) => Unsafe.As<E, int>(ref value);
}
