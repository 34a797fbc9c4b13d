namespace PromoEngine.Pricing;

/// <summary>
/// The lines one discount is split over (§2) — a threshold's or coupon's eligible lines, a bundle's
/// lines, the points scope — with their weights and shares. Every stage borrows it for one split at a
/// time and nothing is kept from one split to the next.
/// </summary>
internal sealed class EligibleLines
{
    public int[] Lines = [];
    public long[] Weights = [], Shares = [];
    private int[] _ranks = [];

    public int Count { get; private set; }

    public void Reset(int lines)
    {
        Grow.To(ref Lines, lines);
        Grow.To(ref Weights, lines);
        Grow.To(ref Shares, lines);
        Grow.To(ref _ranks, lines);
        Count = 0;
    }

    public void Clear() => Count = 0;

    public void Add(int line) => Lines[Count++] = line;

    /// <summary>Sets how many of <see cref="Lines"/> a caller filled directly (hot loops keep the count in a local).</summary>
    public void SetCount(int count) => Count = count;

    /// <summary>Adds <paramref name="weight"/> to <paramref name="line"/>'s weight, adding the line when new.</summary>
    public void AddWeight(int line, long weight)
    {
        int at = Array.IndexOf(Lines, line, 0, Count);
        if (at < 0)
        {
            at = Count++;
            Lines[at] = line;
            Weights[at] = 0;
        }
        Weights[at] += weight;
    }

    public ReadOnlySpan<int> Span => Lines.AsSpan(0, Count);

    /// <summary>Splits <paramref name="amount"/> over the lines, weighted by <paramref name="weightOf"/>[line], into <see cref="Shares"/>.</summary>
    public void Split(long amount, long[] weightOf, int[] idRank)
    {
        for (int k = 0; k < Count; k++) Weights[k] = weightOf[Lines[k]];
        SplitByWeights(amount, idRank);
    }

    /// <summary>Splits <paramref name="amount"/> over the lines by the <see cref="Weights"/> already set, into <see cref="Shares"/>.</summary>
    public void SplitByWeights(long amount, int[] idRank)
    {
        for (int k = 0; k < Count; k++) _ranks[k] = idRank[Lines[k]];
        Money.Allocation.Split(amount, Weights.AsSpan(0, Count), _ranks.AsSpan(0, Count), Shares.AsSpan(0, Count));
    }
}
