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
        {
            if (n == 2) SplitTwo(amount, weights, idRanks, shares, (long)total128);
            else SplitSmall(amount, weights, idRanks, shares, (long)total128);
        }
        else
            SplitLarge(amount, weights, idRanks, shares, total128);
    }

    /// <summary>
    /// Two positions, the commonest split (two lines, two funders): at most one leftover unit, to the larger
    /// remainder, then the larger weight, then the smaller id — the rule of <see cref="SplitSmall"/>
    /// without its buffers.
    /// </summary>
    private static void SplitTwo(long amount, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<long> shares, long total)
    {
        (long first, long firstRemainder) = Math.DivRem(amount * weights[0], total);
        (long second, long secondRemainder) = Math.DivRem(amount * weights[1], total);
        if (amount - first - second == 1) // both weights are positive: a weight of 0 takes nothing and leaves nothing
        {
            bool toFirst = firstRemainder != secondRemainder ? firstRemainder > secondRemainder
                : weights[0] != weights[1] ? weights[0] > weights[1]
                : idRanks[0] <= idRanks[1];
            if (toFirst) first++;
            else second++;
        }
        shares[0] = first;
        shares[1] = second;
    }

    private static void SplitSmall(long amount, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<long> shares, long total)
    {
        int n = weights.Length;
        // One division per position gives both the floor share and its remainder (−1 marks weight 0).
        long[]? rentedRemainders = n > StackLimit ? ArrayPool<long>.Shared.Rent(n) : null;
        Span<long> remainders = rentedRemainders is null ? stackalloc long[n] : rentedRemainders.AsSpan(0, n);
        long given = 0;
        int positive = 0;
        for (int i = 0; i < n; i++)
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
        int leftover = (int)(amount - given); // fewer than the positive weights
        if (leftover > 0)
        {
            // The leftover units go to the first positions in leftover order. When they are most of the
            // positions, every position gets one and the last ones in that order give it back: either
            // way only the smaller group is selected, in one pass.
            bool few = leftover <= positive / 2;
            int pick = few ? leftover : positive - leftover;
            int[]? rentedPicked = pick > StackLimit ? ArrayPool<int>.Shared.Rent(pick) : null;
            Span<int> picked = rentedPicked is null ? stackalloc int[pick] : rentedPicked.AsSpan(0, pick);
            SelectInLeftoverOrder(remainders, weights, idRanks, picked, fromFirst: few);
            if (!few)
                for (int i = 0; i < n; i++)
                    if (weights[i] > 0) shares[i]++;
            foreach (int i in picked) shares[i] += few ? 1 : -1;
            if (rentedPicked is not null) ArrayPool<int>.Shared.Return(rentedPicked);
        }
        if (rentedRemainders is not null) ArrayPool<long>.Shared.Return(rentedRemainders);
    }

    /// <summary>
    /// Fills <paramref name="picked"/> with the positions (remainder ≥ 0) that come first in leftover order,
    /// or last when <paramref name="fromFirst"/> is false. One pass keeps the chosen few sorted, so a
    /// position that cannot enter costs one comparison.
    /// </summary>
    private static void SelectInLeftoverOrder(ReadOnlySpan<long> remainders, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, Span<int> picked, bool fromFirst)
    {
        int count = 0;
        for (int i = 0; i < remainders.Length; i++)
        {
            if (remainders[i] < 0) continue;
            if (count == picked.Length)
            {
                if (Precedes(remainders, weights, idRanks, picked[count - 1], i) == fromFirst) continue;
                count--; // i displaces the last one kept
            }
            int k = count++;
            for (; k > 0 && Precedes(remainders, weights, idRanks, i, picked[k - 1]) == fromFirst; k--) picked[k] = picked[k - 1];
            picked[k] = i;
        }
    }

    /// <summary>
    /// Leftover order (spec §2): larger remainder, then larger weight, then smaller line id; positions
    /// equal in all three (never the case for distinct line ids) keep their order.
    /// </summary>
    private static bool Precedes(ReadOnlySpan<long> remainders, ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, int a, int b) =>
        remainders[a] != remainders[b] ? remainders[a] > remainders[b] : PrecedesOnEqualRemainders(weights, idRanks, a, b);

    /// <summary>The leftover order between positions of equal remainder: larger weight, smaller id, then position.</summary>
    private static bool PrecedesOnEqualRemainders(ReadOnlySpan<long> weights, ReadOnlySpan<int> idRanks, int a, int b)
    {
        if (weights[a] != weights[b]) return weights[a] > weights[b];
        if (idRanks[a] != idRanks[b]) return idRanks[a] < idRanks[b];
        return a < b;
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
                int byRemainder = best < 0 ? 1 : remainder.CompareTo(bestRemainder);
                if (byRemainder > 0 || (byRemainder == 0 && PrecedesOnEqualRemainders(weights, idRanks, i, best)))
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
}
