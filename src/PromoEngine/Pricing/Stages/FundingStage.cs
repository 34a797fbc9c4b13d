using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// Spec §10: every adjustment of a line, and its points value, split over the parties that fund its
/// source with the §2 routine; per line and in all, per party in ordinal order, zeros left out.
/// </summary>
internal sealed class FundingStage(PassState state)
{
    private readonly PassState _s = state;
    private long[] _lineAmount = [], _orderAmount = []; // per party, indexed as the rule set's party table
    private int[] _touched = [];
    private int _touchedCount;
    private long[] _shares = [];

    public void Start()
    {
        int parties = _s.Rules.Parties.Count;
        Grow.To(ref _lineAmount, parties);
        Grow.To(ref _orderAmount, parties);
        Grow.To(ref _touched, parties);
        Array.Clear(_orderAmount, 0, parties);
    }

    /// <summary>Writes line <paramref name="i"/>'s funding to the result and adds it to the order's.</summary>
    public void FundLine(int i, long pointsValue)
    {
        var adjustments = _s.Adjustments;
        for (int k = adjustments.First(i); k >= 0; k = adjustments[k].Next) Fund(adjustments[k].Amount, adjustments[k].Funding);
        if (pointsValue > 0) Fund(pointsValue, _s.Rules.PointsFunding);

        // Party indices follow ordinal order: the few touched ones, sorted, give the line's list.
        var touched = _touched.AsSpan(0, _touchedCount);
        touched.Sort();
        foreach (int party in touched)
        {
            _s.Output.AddLineFunding(_s.Rules.Parties.Names[party], _lineAmount[party]);
            _orderAmount[party] += _lineAmount[party];
            _lineAmount[party] = 0;
        }
        _touchedCount = 0;
    }

    /// <summary>Writes the order's funding, per party in ordinal order.</summary>
    public void FundOrder()
    {
        var names = _s.Rules.Parties.Names;
        for (int party = 0; party < names.Length; party++)
            if (_orderAmount[party] > 0) _s.Output.AddOrderFunding(names[party], _orderAmount[party]);
    }

    private void Fund(long amount, CompiledFunding funding)
    {
        if (funding.Single)
        {
            Credit(funding.Parties[0], amount);
            return;
        }
        int count = funding.Parties.Length;
        Grow.To(ref _shares, count);
        var shares = _shares.AsSpan(0, count);
        Money.Allocation.Split(amount, funding.Weights, funding.Ranks, shares);
        for (int k = 0; k < count; k++) Credit(funding.Parties[k], shares[k]);
    }

    private void Credit(int party, long amount)
    {
        if (amount == 0) return;
        if (_lineAmount[party] == 0) _touched[_touchedCount++] = party;
        _lineAmount[party] += amount;
    }
}
