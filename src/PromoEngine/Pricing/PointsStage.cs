using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>Steps 5 and 6: points part-payment over the points scope, and points earned on the cash due.</summary>
internal static class PointsStage
{
    public static (long Used, long Value, long[] LinePoints, long[] LineValues) Use(PassState s)
    {
        int n = s.Lines.Length;
        var linePoints = new long[n];
        var lineValues = new long[n];
        var points = s.Rules.Points;
        if (points is null || s.Cart.RequestedPoints == 0) return (0, 0, linePoints, lineValues);

        var eligible = new List<int>();
        long eligibleAmount = 0;
        for (int i = 0; i < n; i++)
        {
            if (s.Amounts[i] <= 0 || !s.InScope(points.Scope, i)) continue;
            eligible.Add(i);
            eligibleAmount += s.Amounts[i];
        }
        long unit = Currencies.Pow10(s.Rules.MinorDigits);
        long cap = points.MaxPercent.Of(eligibleAmount, RoundingMode.Down);
        Int128 limit = Int128.Min(s.Cart.RequestedPoints, (Int128)cap * points.PointsPerUnit / unit);
        if (points.MaxPoints is { } maxPoints) limit = Int128.Min(limit, maxPoints);
        long used = (long)(limit / points.Step * points.Step);
        if (used < points.MinPoints) used = 0;
        long value = (long)((Int128)used * unit / points.PointsPerUnit);
        if (value == 0) return (0, 0, linePoints, lineValues); // points worth nothing are not used

        var weights = eligible.Select(i => s.Amounts[i]).ToArray();
        var ranks = eligible.Select(i => s.IdRanks[i]).ToArray();
        var valueShares = new long[eligible.Count];
        Allocation.Split(value, weights, ranks, valueShares);
        var pointShares = new long[eligible.Count];
        Allocation.Split(used, valueShares, ranks, pointShares);
        for (int k = 0; k < eligible.Count; k++)
        {
            lineValues[eligible[k]] = valueShares[k];
            linePoints[eligible[k]] = pointShares[k];
        }
        return (used, value, linePoints, lineValues);
    }

    public static long Earn(PassState s, long payable)
    {
        if (s.Rules.Points is not { } points || !s.Cart.HasCustomer || points.EarnPerUnit == 0) return 0;
        decimal earned = payable * points.EarnPerUnit / Currencies.Pow10(s.Rules.MinorDigits);
        return (long)decimal.Floor(earned);
    }
}
