namespace PromoEngine.Money;

/// <summary>
/// An exact percentage (rule sets give them in (0, 100]), kept as an integer over a power of ten so that
/// <c>12.5 %</c> of an amount is computed without floating point. <c>default</c> is 0 %.
/// </summary>
public readonly struct Percentage : IEquatable<Percentage>
{
    private readonly long _scaled;         // percent × 10^scale
    private readonly long _divisorOver100; // 100 × 10^scale − 100: kept so that default(Percentage) is 0 / 100, never 0 / 0

    private Percentage(long scaled, long divisor)
    {
        _scaled = scaled;
        _divisorOver100 = divisor - 100;
    }

    private long Divisor => _divisorOver100 + 100;

    /// <summary>Creates the percentage from its decimal value (e.g. <c>15</c> for 15 %).</summary>
    public static Percentage FromDecimal(decimal percent)
    {
        decimal normalized = percent / 1.000000000000000000000000000000000m; // strip trailing zeros
        long pow = Currencies.Pow10(normalized.Scale);
        return new Percentage((long)(normalized * pow), 100 * pow);
    }

    /// <summary>The percentage as a fraction of one: <c>percent / 100</c>.</summary>
    internal (long Numerator, long Denominator) Fraction => (_scaled, Divisor);

    /// <summary>The rounded discount: <c>round(amount × percent / 100)</c>.</summary>
    public long Of(long amount, RoundingMode mode) => RoundedDivision.Divide((Int128)amount * _scaled, Divisor, mode);

    /// <inheritdoc />
    public bool Equals(Percentage other) => (Int128)_scaled * other.Divisor == (Int128)other._scaled * Divisor;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Percentage p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => ((decimal)_scaled / Divisor).GetHashCode();
}
