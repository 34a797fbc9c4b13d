namespace PromoEngine.Pricing;

/// <summary>The pass of spec §5 for one validated cart: item, multibuy, layers with the coupon choice, points, earn.</summary>
internal static class PricingPass
{
    public static PricingResult Run(PassState s)
    {
        ItemStage.Run(s);
        MultibuyStage.Run(s);

        var layers = new LayerStage(s);
        var chooser = new CouponChooser(s, layers);
        var (staticReasons, candidates) = chooser.Classify();
        int layerCount = s.Rules.Layers.Length;

        // The pass with no coupon judges why unused coupons could not be used, and their hints.
        var judged = new Dictionary<int, (int Eligible, long Total)>();
        var noCoupon = (long[])s.Amounts.Clone();
        for (int l = 0; l < layerCount; l++)
        {
            int layer = l;
            layers.Run(l, noCoupon, [], null, amounts =>
            {
                foreach (var c in candidates.Where(c => c.Coupon.LayerIndex == layer))
                {
                    var (eligible, total) = layers.CouponEligible(c.Coupon, amounts);
                    judged[c.Position] = (eligible.Count, total);
                }
            });
        }

        var choice = chooser.Choose(candidates);
        var recorder = new LayerStage.Recorder { ThresholdHints = Enumerable.Range(0, layerCount).Select(_ => new List<HintResult>()).ToArray() };
        for (int l = 0; l < layerCount; l++) layers.Run(l, s.Amounts, choice.ByLayer[l], recorder);

        var couponResults = new CouponResult[s.Cart.Coupons.Length];
        var couponHints = Enumerable.Range(0, layerCount).Select(_ => new List<(CouponCandidate Candidate, HintResult Hint)>()).ToArray();
        foreach (var c in candidates)
        {
            if (recorder.CouponAmounts.TryGetValue(c.Position, out long amount))
            {
                couponResults[c.Position] = new CouponResult(c.Code, c.Coupon.Id, true, amount, null);
                continue;
            }
            var (eligible, total) = judged[c.Position];
            CouponReason reason = eligible == 0 ? CouponReason.NoEligibleItems
                : total < c.Coupon.MinSpend ? CouponReason.MinSpendNotMet : CouponReason.NotInBestCombination;
            couponResults[c.Position] = new CouponResult(c.Code, c.Coupon.Id, false, 0, reason);
            if (reason == CouponReason.MinSpendNotMet)
            {
                long saving = layers.CouponDiscount(c.Coupon, c.Coupon.MinSpend);
                if (saving > 0) couponHints[c.Coupon.LayerIndex].Add((c, new HintResult(c.Code, c.Coupon.MinSpend - total, false, saving, null)));
            }
        }
        for (int i = 0; i < couponResults.Length; i++)
            if (staticReasons[i] is { } reason)
                couponResults[i] = new CouponResult(s.Cart.Coupons[i].Code!, s.Cart.Coupons[i].CouponId!, false, 0, reason);

        for (int l = 0; l < layerCount; l++)
        {
            s.Hints.AddRange(recorder.ThresholdHints[l]);
            couponHints[l].Sort((a, b) => CouponCandidate.Compare(a.Candidate, b.Candidate));
            s.Hints.AddRange(couponHints[l].Select(h => h.Hint));
        }

        var (used, value, linePoints, lineValues) = PointsStage.Use(s);
        return Build(s, couponResults, used, value, linePoints, lineValues);
    }

    private static PricingResult Build(PassState s, CouponResult[] coupons, long used, long value, long[] linePoints, long[] lineValues)
    {
        var lines = new LineResult[s.Lines.Length];
        long subtotal = 0, discount = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = s.Lines[i];
            long adjusted = 0;
            foreach (var a in s.LineAdjustments[i]) adjusted += a.Amount;
            long amount = line.ListAmount - adjusted;
            if (amount != s.Amounts[i] || amount < 0) throw new InvalidOperationException($"internal error: line {line.Id} does not balance");
            subtotal += line.ListAmount;
            discount += adjusted;
            lines[i] = new LineResult
            {
                Id = line.Id,
                Sku = line.Sku,
                Quantity = line.Quantity,
                ListAmount = line.ListAmount,
                Adjustments = s.LineAdjustments[i].ToArray(),
                Amount = amount,
                PointsUsed = linePoints[i],
                PointsValue = lineValues[i],
                Payable = amount - lineValues[i],
            };
        }
        long total = subtotal - discount;
        long payable = total - value;
        return new PricingResult
        {
            RuleSet = new RuleSetRef(s.Rules.Id, s.Rules.Version),
            Currency = s.Rules.Currency,
            MinorDigits = s.Rules.MinorDigits,
            Subtotal = subtotal,
            Discount = discount,
            Total = total,
            Points = new PointsResult(used, value, PointsStage.Earn(s, payable)),
            Payable = payable,
            Lines = lines,
            Applied = s.Applied.ToArray(),
            Coupons = coupons,
            Gifts = s.Gifts.ToArray(),
            Hints = s.Hints.ToArray(),
        };
    }
}
