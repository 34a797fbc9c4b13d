namespace PromoEngine.Money;

/// <summary>
/// An exact percentage in (0, 100], kept as an integer over a power of ten so that
/// <c>12.5 %</c> of an amount is computed without floating point.
/// </summary>
public readonly struct Percentage : IEquatable<Percentage>
{
    private readonly long _scaled;   // percent × 10^_scale
    private readonly long _divisor;  // 100 × 10^_scale

    private Percentage(long scaled, long divisor)
    {
        _scaled = scaled;
        _divisor = divisor;
    }

    /// <summary>Creates the percentage from its decimal value (e.g. <c>15</c> for 15 %).</summary>
    public static Percentage FromDecimal(decimal percent)
    {
        decimal normalized = percent / 1.000000000000000000000000000000000m; // strip trailing zeros
        long pow = Currencies.Pow10(normalized.Scale);
        return new Percentage((long)(normalized * pow), 100 * pow);
    }

    /// <summary>The rounded discount: <c>round(amount × percent / 100)</c>.</summary>
    public long Of(long amount, RoundingMode mode) => RoundedDivision.Divide((Int128)amount * _scaled, _divisor, mode);

    /// <inheritdoc />
    public bool Equals(Percentage other) => (Int128)_scaled * other._divisor == (Int128)other._scaled * _divisor;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Percentage p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => ((decimal)_scaled / _divisor).GetHashCode();
}
