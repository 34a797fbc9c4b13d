using System.Globalization;

namespace PromoEngine.Money;

/// <summary>Exact conversion between decimal major units and integer minor units.</summary>
public static class MinorUnits
{
    /// <summary>
    /// Converts <paramref name="major"/> to minor units when it is exact at <paramref name="digits"/>
    /// and fits in <see cref="long"/>. <c>99.000</c> is exact in CNY; <c>12.345</c> is not.
    /// </summary>
    public static bool TryFromMajor(decimal major, int digits, out long minor)
    {
        // Fast path: the decimal's own integer and scale, when the integer fits in 64 bits (prices do).
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(major, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        if (bits[2] == 0 && scale <= digits && digits - scale <= 18)
        {
            ulong mantissa = unchecked(((ulong)(uint)bits[1] << 32) | (uint)bits[0]); // the bits are words, not numbers
            ulong factor = (ulong)Currencies.Pow10(digits - scale);
            if (mantissa <= long.MaxValue / factor)
            {
                long value = (long)(mantissa * factor);
                minor = negative ? -value : value;
                return true;
            }
        }
        minor = 0;
        decimal scaled;
        try
        {
            scaled = major * Currencies.Pow10(digits);
        }
        catch (OverflowException)
        {
            return false;
        }
        if (scaled != decimal.Truncate(scaled)) return false;
        if (scaled > long.MaxValue || scaled < long.MinValue) return false;
        minor = (long)scaled;
        return true;
    }

    /// <summary>Whether <paramref name="major"/> has no more fractional digits than <paramref name="digits"/>.</summary>
    public static bool HasAtMostDigits(decimal major, int digits)
    {
        if (major.Scale <= digits) return true;
        decimal scaled;
        try
        {
            scaled = major * Currencies.Pow10(Math.Min(digits, 28));
        }
        catch (OverflowException)
        {
            return true; // too large to carry any fraction at this precision
        }
        return scaled == decimal.Truncate(scaled);
    }

    /// <summary>The major-unit decimal for a minor amount, with exactly <paramref name="digits"/> fraction digits.</summary>
    public static decimal ToMajor(long minor, int digits)
    {
        // new decimal(lo, mid, hi, sign, scale) keeps trailing zeros, so 26800 fen prints as 268.00.
        bool negative = minor < 0;
        ulong magnitude = negative ? (ulong)(-(minor + 1)) + 1UL : (ulong)minor;
        // The casts cut the 64 bits into two 32-bit words on purpose: unchecked even in this checked assembly.
        return new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, negative, (byte)digits);
    }

    /// <summary>Formats a minor amount as invariant major-unit text: 26800 → "268.00" at 2 digits.</summary>
    public static string Format(long minor, int digits) =>
        ToMajor(minor, digits).ToString(CultureInfo.InvariantCulture);
}
