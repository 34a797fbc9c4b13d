using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>Steps 5 and 6: points part-payment over the points scope, and points earned on the cash due.</summary>
internal sealed partial class PricingContext
{
    private long[] _linePoints = [], _lineValue = [];
    private long _pointsUsed, _pointsValue;

    private void PointsStage()
    {
        Grow.To(ref _linePoints, _n);
        Grow.To(ref _lineValue, _n);
        Array.Clear(_linePoints, 0, _n);
        Array.Clear(_lineValue, 0, _n);
        _pointsUsed = 0;
        _pointsValue = 0;
        var points = _r.Points;
        if (points is null || _requestedPoints == 0) return;

        int count = 0;
        long eligibleAmount = 0;
        for (int i = 0; i < _n; i++)
        {
            if (_amount[i] <= 0 || !InScope(points.Scope, i)) continue;
            _eligible[count++] = i;
            eligibleAmount += _amount[i];
        }
        long unit = Currencies.Pow10(_r.MinorDigits);
        long cap = points.MaxPercent.Of(eligibleAmount, RoundingMode.Down);
        Int128 limit = Int128.Min(_requestedPoints, (Int128)cap * points.PointsPerUnit / unit);
        if (points.MaxPoints is { } maxPoints) limit = Int128.Min(limit, maxPoints);
        long used = (long)(limit / points.Step * points.Step);
        if (used < points.MinPoints) used = 0;
        long value = (long)((Int128)used * unit / points.PointsPerUnit);
        if (value == 0) return; // points worth nothing are not used

        AllocateOverEligible(value, count, _amount);
        for (int k = 0; k < count; k++) _lineValue[_eligible[k]] = _shares[k];
        // The points follow the value: the same lines, weighted by each line's value share.
        AllocateOverEligible(used, count, _lineValue);
        for (int k = 0; k < count; k++) _linePoints[_eligible[k]] = _shares[k];
        _pointsUsed = used;
        _pointsValue = value;
    }

    private long PointsEarned(long payable)
    {
        if (_r.Points is not { } points || !_hasCustomer || points.EarnPerUnit == 0) return 0;
        decimal earned = payable * points.EarnPerUnit / Currencies.Pow10(_r.MinorDigits);
        return (long)decimal.Floor(earned);
    }
}
