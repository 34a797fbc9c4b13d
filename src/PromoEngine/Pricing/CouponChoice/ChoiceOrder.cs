namespace PromoEngine.Pricing;

/// <summary>
/// §5.1's tie-break between two coupon choices that reach the same total: fewer coupons first, then the smaller
/// list of codes, each list sorted ordinally and compared element by element. The search uses it to keep the best
/// choice, and the state memo to keep the better of two prefixes that reach the same amounts.
/// </summary>
internal static class ChoiceOrder
{
    /// <summary>Below zero when <paramref name="a"/> wins, zero when they tie, above zero when <paramref name="b"/> wins.</summary>
    /// <param name="a">One choice, as candidate numbers in any order.</param>
    /// <param name="b">The other choice.</param>
    /// <param name="codes">The code of each candidate.</param>
    /// <param name="scratch">Room to sort copies of both in, grown when needed and kept by the caller.</param>
    public static int Compare(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ICouponCodes codes, ref int[] scratch)
    {
        if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
        Grow.To(ref scratch, 2 * a.Length);
        var x = scratch.AsSpan(0, a.Length);
        var y = scratch.AsSpan(a.Length, a.Length);
        a.CopyTo(x);
        b.CopyTo(y);
        var byCode = new ByCode(codes);
        SpanSort.Sort(x, byCode);
        SpanSort.Sort(y, byCode);
        for (int k = 0; k < x.Length; k++)
        {
            int c = string.CompareOrdinal(codes.Code(x[k]), codes.Code(y[k]));
            if (c != 0) return c;
        }
        return 0;
    }

    private readonly struct ByCode(ICouponCodes codes) : IComparer<int>
    {
        public int Compare(int a, int b) => string.CompareOrdinal(codes.Code(a), codes.Code(b));
    }
}

/// <summary>The code of each coupon candidate, by candidate number.</summary>
internal interface ICouponCodes
{
    string Code(int candidate);
}
