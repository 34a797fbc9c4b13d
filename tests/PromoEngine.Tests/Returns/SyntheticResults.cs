namespace PromoEngine.Tests.Returns;

/// <summary>
/// Valid results made up from a seed, for the return properties: lines with random quantities,
/// adjustments, points and funding parties, and now and then amounts near the 64-bit limit, so that
/// every product of §13 needs more than 64 bits.
/// </summary>
internal static class SyntheticResults
{
    private static readonly string[] Parties = ["platform", "merchant", "brand:acme", "store", "Ω-partner"];

    public static PricingResult Generate(int seed)
    {
        var r = new Random(seed);
        bool huge = r.Next(6) == 0;
        int count = r.Next(1, 7);
        long ceiling = huge ? long.MaxValue / count : 5_000_00;
        var lines = new LineResult[count];
        for (int i = 0; i < count; i++)
        {
            long quantity = r.Next(4) switch { 0 => 1, 1 => r.Next(2, 5), 2 => r.Next(5, 13), _ => huge ? r.NextInt64(1, long.MaxValue) : r.Next(13, 1000) };
            long list = r.Next(8) == 0 ? 0 : r.NextInt64(0, ceiling);
            var adjustments = new List<Adjustment>();
            long left = list;
            foreach (var (source, stage) in new[] { ("member:gold", PricingStage.Item), ("nth", PricingStage.Multibuy), ("full", PricingStage.Threshold), ("C-1", PricingStage.Coupon) })
            {
                if (left == 0 || r.Next(2) == 0) continue;
                long amount = r.NextInt64(1, left / (r.Next(3) + 1) + 1);
                amount = Math.Min(amount, left);
                adjustments.Add(new Adjustment(source, stage, amount));
                left -= amount;
            }
            long pointsValue = left == 0 || r.Next(3) == 0 ? 0 : r.NextInt64(0, left + 1);
            long pointsUsed = pointsValue == 0 ? 0 : r.NextInt64(1, Math.Min(pointsValue, ceiling / 2) * 2 + 1);
            long funded = adjustments.Sum(a => a.Amount) + pointsValue;
            var shares = new SortedDictionary<string, long>(StringComparer.Ordinal);
            int parties = r.Next(1, 4);
            for (int p = 0; p < parties && funded > 0; p++)
            {
                string party = Parties[r.Next(Parties.Length)];
                long share = p == parties - 1 ? funded : r.NextInt64(0, funded + 1);
                shares[party] = shares.GetValueOrDefault(party) + share;
                funded -= share;
            }
            if (funded > 0) shares["merchant"] = shares.GetValueOrDefault("merchant") + funded;
            lines[i] = ReturnSamples.Line($"L{(i * 7 + seed) % 11}-{i}", $"S{i}", quantity, list, adjustments.ToArray(), pointsUsed, pointsValue,
                shares.Where(s => s.Value > 0).Select(s => new FundingAmount(s.Key, s.Value)).ToArray());
        }
        long subtotal = lines.Sum(l => l.ListAmount), discount = lines.Sum(l => l.Adjustments.Sum(a => a.Amount));
        long value = lines.Sum(l => l.PointsValue), payable = lines.Sum(l => l.Payable);
        long earned = payable == 0 ? 0 : r.Next(3) switch { 0 => 0, 1 => payable / 100, _ => r.NextInt64(0, long.MaxValue) };
        var funding = lines.SelectMany(l => l.Funding).GroupBy(f => f.Party, StringComparer.Ordinal)
            .Select(g => new FundingAmount(g.Key, g.Sum(f => f.Amount))).OrderBy(f => f.Party, StringComparer.Ordinal).ToArray();
        bool yen = r.Next(5) == 0;
        return new PricingResult
        {
            RuleSet = new RuleSetRef("synthetic", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Currency = yen ? "JPY" : "CNY",
            MinorDigits = yen ? 0 : 2,
            Subtotal = subtotal,
            Discount = discount,
            Total = subtotal - discount,
            Points = new PointsResult(lines.Sum(l => l.PointsUsed), value, earned),
            Payable = payable,
            Lines = lines,
            Applied = [],
            Coupons = r.Next(2) == 0 ? [] : [new CouponResult("C-1", "c1", true, lines.Sum(l => l.Adjustments.Where(a => a.Source == "C-1").Sum(a => a.Amount)), null),
                new CouponResult("X", "c2", false, 0, CouponReason.NotInBestCombination)],
            Gifts = r.Next(2) == 0 ? [] : [new GiftResult("full", "GIFT", 1)],
            Hints = [],
            Funding = funding,
            Usage = new UsageResult([new PromotionUsage("full", 1, null, 0)], [], ["C-1"]),
        };
    }
}
