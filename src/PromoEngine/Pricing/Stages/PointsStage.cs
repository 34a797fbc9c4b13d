using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>Steps 5 and 6 (spec §5.5, §5.6): points part-payment over the points scope, and points earned on the cash due.</summary>
internal sealed class PointsStage(PassState state)
{
    private readonly PassState _s = state;

    /// <summary>Points and their value per line.</summary>
    public long[] LinePoints = [], LineValue = [];

    public long Used { get; private set; }
    public long Value { get; private set; }

    public void Run()
    {
        int n = _s.Cart.Count;
        Grow.To(ref LinePoints, n);
        Grow.To(ref LineValue, n);
        Array.Clear(LinePoints, 0, n);
        Array.Clear(LineValue, 0, n);
        Used = 0;
        Value = 0;
        var points = _s.Rules.Points;
        if (points is null || _s.Cart.RequestedPoints == 0) return;

        var amounts = _s.Amounts.Amount;
        var eligible = _s.Eligible;
        eligible.Clear();
        long eligibleAmount = 0;
        for (int i = 0; i < n; i++)
        {
            if (amounts[i] <= 0 || !_s.Cart.InScope(points.Scope, i)) continue;
            eligible.Add(i);
            eligibleAmount += amounts[i];
        }
        long unit = Currencies.Pow10(_s.Rules.MinorDigits);
        long cap = points.MaxPercent.Of(eligibleAmount, RoundingMode.Down);
        Int128 limit = Int128.Min(_s.Cart.RequestedPoints, (Int128)cap * points.PointsPerUnit / unit);
        if (points.MaxPoints is { } maxPoints) limit = Int128.Min(limit, maxPoints);
        long used = (long)(limit / points.Step * points.Step);
        if (used < points.MinPoints) used = 0;
        long value = (long)((Int128)used * unit / points.PointsPerUnit);
        if (value == 0) return; // points worth nothing are not used

        eligible.Split(value, amounts, _s.Cart.IdRank);
        for (int k = 0; k < eligible.Count; k++) LineValue[eligible.Lines[k]] = eligible.Shares[k];
        // The points follow the value: the same lines, weighted by each line's value share.
        eligible.Split(used, LineValue, _s.Cart.IdRank);
        for (int k = 0; k < eligible.Count; k++) LinePoints[eligible.Lines[k]] = eligible.Shares[k];
        Used = used;
        Value = value;
    }

    /// <summary>Points earned on the cash due (§5.6); 0 for a guest.</summary>
    public long Earned(long payable)
    {
        if (_s.Rules.Points is not { } points || !_s.Cart.HasCustomer || points.EarnPerUnit == 0) return 0;
        decimal earned = payable * points.EarnPerUnit / Currencies.Pow10(_s.Rules.MinorDigits);
        return (long)decimal.Floor(earned);
    }
}
