using System.Buffers;

namespace PromoEngine.Money;

/// <summary>
/// The one routine that splits an amount over lines (spec §2, 分摊): floor shares, then the leftover
/// units one each to the largest remainders; ties to the larger weight, then the smaller line id.
/// </summary>
public static class Allocation
{
    private const int StackLimit = 256;

    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="weights"/> into <paramref name="shares"/>.
    /// <paramref name="idRanks"/> gives each position's ordinal rank of its line id (smaller id, smaller rank),
    /// so ties never depend on the order of lines. Weights of 0 get 0. When every weight is 0 nothing is split
    /// and all shares are 0. The amount may exceed the total weight (points over value shares).
    /// </summary>
    public static void Split(long amount, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<long> shares)
    {
        int n = weights.Length;
        if (shares.Length != n || idRanks.Length != n)
            throw new ArgumentException("weights, idRanks and shares must have the same length");
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), "cannot allocate a negative amount");
        shares.Clear();
        Int128 total128 = 0;
        long maxWeight = 0;
        foreach (long w in weights)
        {
            if (w < 0) throw new ArgumentOutOfRangeException(nameof(weights), "weights must not be negative");
            total128 += w;
            maxWeight = Math.Max(maxWeight, w);
        }
        if (total128 == 0 || amount == 0) return;

        // Exact integer arithmetic throughout; 64-bit when the products cannot overflow, else 128-bit.
        if (total128 <= long.MaxValue && (maxWeight == 0 || amount <= long.MaxValue / maxWeight))
            SplitSmall(amount, weights, idRanks, shares, (long)total128);
        else
            SplitLarge(amount, weights, idRanks, shares, total128);
    }

    private static void SplitSmall(long amount, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<long> shares, long total)
    {
        // One division per position gives both the floor share and its remainder (−1 marks weight 0).
        long[]? rented = weights.Length > StackLimit ? ArrayPool<long>.Shared.Rent(weights.Length) : null;
        Span<long> remainders = rented is null ? stackalloc long[weights.Length] : rented.AsSpan(0, weights.Length);
        long given = 0;
        int positive = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] == 0)
            {
                remainders[i] = -1;
                continue;
            }
            (shares[i], remainders[i]) = Math.DivRem(amount * weights[i], total);
            given += shares[i];
            positive++;
        }
        long leftover = amount - given; // fewer than the positive weights
        if (leftover == 0)
        {
            if (rented is not null) ArrayPool<long>.Shared.Return(rented);
            return;
        }
        if (leftover <= positive / 2)
        {
            // Few extra units: pick the best position that many times.
            for (; leftover > 0; leftover--)
            {
                int best = -1;
                for (int i = 0; i < weights.Length; i++)
                {
                    if (remainders[i] < 0) continue;
                    if (best < 0 || Better(remainders[i].CompareTo(remainders[best]), weights, idRanks, i, best)) best = i;
                }
                remainders[best] = -1;
                shares[best]++;
            }
        }
        else
        {
            // Many extra units: give one to every positive weight, then take them back from the worst positions.
            for (int i = 0; i < weights.Length; i++)
                if (weights[i] > 0) shares[i]++;
            for (long back = positive - leftover; back > 0; back--)
            {
                int worst = -1;
                for (int i = 0; i < weights.Length; i++)
                {
                    if (remainders[i] < 0) continue;
                    if (worst < 0 || Better(remainders[worst].CompareTo(remainders[i]), weights, idRanks, worst, i)) worst = i;
                }
                remainders[worst] = -1;
                shares[worst]--;
            }
        }
        if (rented is not null) ArrayPool<long>.Shared.Return(rented);
    }

    private static void SplitLarge(long amount, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<long> shares, Int128 total)
    {
        bool[]? rented = weights.Length > StackLimit ? ArrayPool<bool>.Shared.Rent(weights.Length) : null;
        Span<bool> extra = rented is null ? stackalloc bool[weights.Length] : rented.AsSpan(0, weights.Length);
        extra.Clear();
        long given = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            shares[i] = (long)((Int128)amount * weights[i] / total);
            given += shares[i];
        }
        for (long leftover = amount - given; leftover > 0; leftover--)
        {
            int best = -1;
            Int128 bestRemainder = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                if (weights[i] == 0 || extra[i]) continue;
                Int128 remainder = (Int128)amount * weights[i] - (Int128)shares[i] * total;
                if (best < 0 || Better(remainder.CompareTo(bestRemainder), weights, idRanks, i, best))
                {
                    best = i;
                    bestRemainder = remainder;
                }
            }
            extra[best] = true;
            shares[best]++;
        }
        if (rented is not null) ArrayPool<bool>.Shared.Return(rented);
    }

    /// <summary>Whether position <paramref name="i"/> beats <paramref name="best"/>: larger remainder, then larger weight, then smaller id.</summary>
    private static bool Better(int remainderComparison, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, int i, int best) =>
        remainderComparison > 0
        || (remainderComparison == 0 && (weights[i] > weights[best] || (weights[i] == weights[best] && idRanks[i] < idRanks[best])));
}
