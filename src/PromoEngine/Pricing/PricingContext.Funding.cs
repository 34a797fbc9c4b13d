using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// Spec §10: every adjustment of a line, and its points value, split over the parties that fund its
/// source with the §2 routine; per line and in all, per party in ordinal order, zeros left out.
/// </summary>
internal sealed partial class PricingContext
{
    private long[] _partyLine = [], _partyOrder = [];
    private int[] _partiesTouched = [];
    private int _partiesTouchedCount;
    private long[] _fundingShares = [];

    private void PrepareFunding()
    {
        int parties = _r.Parties.Count;
        Grow.To(ref _partyLine, parties);
        Grow.To(ref _partyOrder, parties);
        Grow.To(ref _partiesTouched, parties);
        Array.Clear(_partyOrder, 0, parties);
    }

    /// <summary>Writes line <paramref name="i"/>'s funding to the output and adds it to the order's.</summary>
    private void FundLine(int i, PricingResultBuffer output)
    {
        for (int k = _adjHead[i]; k >= 0; k = _adjNext[k]) Fund(_adjAmount[k], _adjFunding[k]);
        if (_lineValue[i] > 0) Fund(_lineValue[i], _r.PointsFunding);

        // Party indices follow ordinal order: the few touched ones, sorted, give the line's list.
        var touched = _partiesTouched.AsSpan(0, _partiesTouchedCount);
        touched.Sort();
        foreach (int party in touched)
        {
            output.AddLineFunding(_r.Parties.Names[party], _partyLine[party]);
            _partyOrder[party] += _partyLine[party];
            _partyLine[party] = 0;
        }
        _partiesTouchedCount = 0;
    }

    private void Fund(long amount, CompiledFunding funding)
    {
        if (funding.Single)
        {
            Credit(funding.Parties[0], amount);
            return;
        }
        int count = funding.Parties.Length;
        Grow.To(ref _fundingShares, count);
        var shares = _fundingShares.AsSpan(0, count);
        Money.Allocation.Split(amount, funding.Weights, funding.Ranks, shares);
        for (int k = 0; k < count; k++) Credit(funding.Parties[k], shares[k]);
    }

    private void Credit(int party, long amount)
    {
        if (amount == 0) return;
        if (_partyLine[party] == 0) _partiesTouched[_partiesTouchedCount++] = party;
        _partyLine[party] += amount;
    }

    /// <summary>The order's funding, per party in ordinal order.</summary>
    private void FundOrder(PricingResultBuffer output)
    {
        int parties = _r.Parties.Count;
        for (int party = 0; party < parties; party++)
            if (_partyOrder[party] > 0) output.AddOrderFunding(_r.Parties.Names[party], _partyOrder[party]);
    }
}
