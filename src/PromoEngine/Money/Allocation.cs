namespace PromoEngine.Money;

/// <summary>
/// The one routine that splits an amount over lines (spec §2, 分摊): floor shares, then the leftover
/// units one each to the largest remainders; ties to the larger weight, then the smaller line id.
/// </summary>
public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="weights"/> into <paramref name="shares"/>.
    /// <paramref name="idRanks"/> gives each position's ordinal rank of its line id (smaller id, smaller rank),
    /// so ties never depend on the order of lines. Weights of 0 get 0. When every weight is 0 nothing is split
    /// and all shares are 0.
    /// </summary>
    public static void Split(long amount, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<long> shares)
    {
        if (weights.Length != shares.Length || idRanks.Length != weights.Length)
            throw new ArgumentException("weights, idRanks and shares must have the same length");
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "cannot allocate a negative amount");
        shares.Clear();
        Int128 total = 0;
        foreach (long w in weights)
        {
            if (w < 0) throw new ArgumentOutOfRangeException(nameof(weights), "weights must not be negative");
            total += w;
        }
        if (total == 0 || amount == 0) return;

        long given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            shares[i] = (long)((Int128)amount * weights[i] / total);
            given += shares[i];
        }
        long leftover = amount - given; // < number of positive weights
        for (; leftover > 0; leftover--)
        {
            int best = -1;
            Int128 bestRemainder = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                if (weights[i] == 0 || shares[i] != (long)((Int128)amount * weights[i] / total)) continue; // already got one
                Int128 remainder = (Int128)amount * weights[i] % total;
                if (best < 0 || remainder > bestRemainder
                    || (remainder == bestRemainder && (weights[i] > weights[best]
                        || (weights[i] == weights[best] && idRanks[i] < idRanks[best]))))
                {
                    best = i;
                    bestRemainder = remainder;
                }
            }
            shares[best]++;
        }
    }
}
