using System.Collections.Frozen;

namespace PromoEngine.Money;

/// <summary>The currencies the engine knows and their minor-unit digits (spec §1).</summary>
public static class Currencies
{
    private static readonly FrozenDictionary<string, int> Known = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["CNY"] = 2, ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HKD"] = 2, ["SGD"] = 2,
        ["AUD"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["JPY"] = 0, ["KRW"] = 0,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The largest number of minor digits a rule set may declare.</summary>
    public const int MaxMinorDigits = 18;

    /// <summary>Gets the minor-unit digits of a known currency code.</summary>
    public static bool TryGetMinorDigits(string code, out int digits) => Known.TryGetValue(code, out digits);

    /// <summary>10 to the power <paramref name="digits"/> (0–18).</summary>
    public static long Pow10(int digits)
    {
        long result = 1;
        for (int i = 0; i < digits; i++) result *= 10;
        return result;
    }
}
