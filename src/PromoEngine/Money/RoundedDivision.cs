namespace PromoEngine.Money;

/// <summary>Integer division of a non-negative numerator with the rule set's rounding mode.</summary>
public static class RoundedDivision
{
    /// <summary>Divides <paramref name="numerator"/> (≥ 0) by <paramref name="divisor"/> (&gt; 0), rounding by <paramref name="mode"/>.</summary>
    public static long Divide(Int128 numerator, long divisor, RoundingMode mode)
    {
        if (numerator <= long.MaxValue)
            return Round((long)numerator / divisor, (long)numerator % divisor, divisor, mode); // 64-bit: the common case
        Int128 quotient = Int128.DivRem(numerator, divisor).Quotient;
        Int128 remainder = numerator - quotient * divisor;
        if (remainder != 0 && mode != RoundingMode.Down)
        {
            Int128 twice = remainder * 2;
            if (twice > divisor || (twice == divisor && (mode == RoundingMode.HalfUp || !Int128.IsEvenInteger(quotient))))
                quotient += 1;
        }
        return checked((long)quotient);
    }

    private static long Round(long quotient, long remainder, long divisor, RoundingMode mode)
    {
        if (remainder == 0 || mode == RoundingMode.Down) return quotient;
        // remainder < divisor ≤ long.MaxValue / 2 is not guaranteed, so compare without doubling.
        long rest = divisor - remainder;
        if (remainder > rest || (remainder == rest && (mode == RoundingMode.HalfUp || (quotient & 1) == 1))) return quotient + 1;
        return quotient;
    }
}
