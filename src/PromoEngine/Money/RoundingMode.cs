namespace PromoEngine.Money;

/// <summary>How a percentage discount is rounded to the currency's minor unit (spec §1).</summary>
public enum RoundingMode
{
    /// <summary>Halves round away from zero (0.225 → 0.23). The default.</summary>
    HalfUp,
    /// <summary>Halves round to the even neighbour (0.225 → 0.22, 0.375 → 0.38).</summary>
    HalfEven,
    /// <summary>Discards the fraction (0.229 → 0.22).</summary>
    Down,
}
