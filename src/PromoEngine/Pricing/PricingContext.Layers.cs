using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 4: for each layer, its threshold promotions in order, then its chosen coupons in coupon order.
/// Works on a given copy of the line amounts so the coupon search can try many combinations; only the
/// final run (<c>record</c>) writes adjustments, applied promotions, gifts and hints.
/// </summary>
internal sealed partial class PricingContext
{
    private bool[] _reachable = [];

    /// <summary>
    /// Marks the threshold promotions whose lowest tier or step some pass could reach. Amounts only go
    /// down after the multibuy stage, so a threshold out of reach now (all its lines counted, unclaimed)
    /// is out of reach in every branch of the coupon search: it changes nothing there and is skipped. The
    /// recorded pass still evaluates it, for its hint. Only layers after the first gain from this: theirs
    /// run once per branch.
    /// </summary>
    private void FindReachableThresholds()
    {
        Grow.To(ref _reachable, _groupTotal);
        int layers = _r.Layers.Length;
        int all = _layerThresholdStart[layers - 1] + _layerThresholdCount[layers - 1]; // thresholds of every layer
        _boundLayer = 0;
        // The first layer's thresholds run once in the search, at its root: finding out first would cost
        // as much as running them, so they all count as reachable. (Running one out of reach changes nothing.)
        int firstLayerEnd = _layerThresholdStart[0] + _layerThresholdCount[0];
        for (int t = 0; t < firstLayerEnd; t++) _reachable[_layerThresholds[t]] = true;
        for (int t = firstLayerEnd; t < all; t++)
        {
            int g = _layerThresholds[t];
            var p = GroupPromotion(g);
            long most = 0;
            int start = _groupStart[g], end = start + _groupCount[g];
            for (int k = start; k < end; k++)
            {
                int i = PairLine(k);
                if (p.ExcludePromoted && _promoted[i]) continue;
                most += p.QuantityBasis ? _qty[i] : _itemAmount[i];
            }
            long lowest = p.Repeat is { } repeat ? repeat.Every : p.Tiers[0].AtLeast;
            _reachable[g] = most >= lowest;
            if (_reachable[g]) _boundLayer = Math.Max(_boundLayer, p.LayerIndex);
        }
    }

    /// <summary>Runs the layer's threshold promotions on <paramref name="amounts"/>.</summary>
    private void RunThresholds(int layer, long[] amounts, bool record)
    {
        Array.Clear(_claimed, 0, _n);
        int start = _layerThresholdStart[layer], end = start + _layerThresholdCount[layer];
        for (int t = start; t < end; t++)
        {
            int g = _layerThresholds[t];
            if (record || _reachable[g]) Threshold(g, amounts, record);
        }
    }

    private void Threshold(int g, long[] amounts, bool record)
    {
        var p = GroupPromotion(g);
        int count = 0;
        long amount = 0, basis = 0;
        int start = _groupStart[g], end = start + _groupCount[g];
        for (int k = start; k < end; k++)
        {
            int i = PairLine(k);
            if (amounts[i] <= 0 || _claimed[i] || (p.ExcludePromoted && _promoted[i])) continue;
            _eligible[count++] = i;
            amount += amounts[i];
            basis += p.QuantityBasis ? _qty[i] : p.OnItemPrice ? _itemAmount[i] : amounts[i];
        }
        if (count == 0) return; // no eligible line: claims nothing, gives no hint

        long discount = 0;
        bool reached = false;
        GiftResult? gift = null;
        int tier = -1;
        long steps = 0;
        if (p.Repeat is { } repeat)
        {
            steps = basis / repeat.Every;
            if (steps > 0)
            {
                reached = true;
                discount = WithinBudget(p, RepeatDiscount(repeat, steps, amount));
            }
        }
        else
        {
            for (int t = 0; t < p.Tiers.Length && p.Tiers[t].AtLeast <= basis; t++) tier = t;
            if (tier >= 0)
            {
                reached = true;
                discount = WithinBudget(p, TierDiscount(p.Tiers[tier], amount));
                gift = p.Tiers[tier].Gift;
            }
        }

        if (reached)
        {
            for (int k = 0; k < count; k++) _claimed[_eligible[k]] = true;
            AllocateOverEligible(discount, count, amounts);
            for (int k = 0; k < count; k++)
            {
                int i = _eligible[k];
                amounts[i] -= _shares[k];
                if (record && _shares[k] > 0) AddAdjustment(i, p.Id, PricingStage.Threshold, _shares[k], p.Funding);
            }
            if (record)
            {
                if (gift is not null) _output!.AddGift(gift);
                if (discount > 0 || gift is not null)
                    _output!.AddApplied(p.Id, p.Name, PricingStage.Threshold, _r.Layers[p.LayerIndex].Id, discount, -1, _eligible.AsSpan(0, count));
            }
        }
        if (record) ThresholdHint(p, basis, discount, tier, steps);
    }

    /// <summary>A 凑单 hint toward the next tier or step (spec §6, §9).</summary>
    private void ThresholdHint(CompiledPromotion p, long basis, long discountNow, int tierIndex, long steps)
    {
        if (p.Repeat is { } repeat)
        {
            if (repeat.Cap is { } cap && discountNow >= cap) return;
            long next = checked((steps + 1) * repeat.Every);
            if (p.QuantityBasis) { _output!.AddHint(p.Id, p.Name, next - basis, true, null, null); return; }
            long saving = WithinBudget(p, RepeatDiscount(repeat, steps + 1, next)) - discountNow;
            if (saving > 0) _output!.AddHint(p.Id, p.Name, next - basis, false, saving, null);
            return;
        }
        if (tierIndex + 1 >= p.Tiers.Length) return;
        var tier = p.Tiers[tierIndex + 1];
        if (p.QuantityBasis) { _output!.AddHint(p.Id, p.Name, tier.AtLeast - basis, true, null, tier.Gift); return; }
        long tierSaving = WithinBudget(p, TierDiscount(tier, tier.AtLeast)) - discountNow;
        if (tierSaving > 0 || tier.Gift is not null) _output!.AddHint(p.Id, p.Name, tier.AtLeast - basis, false, tierSaving, tier.Gift);
    }

    private long TierDiscount(ThresholdTier tier, long amount)
    {
        long off = tier.AmountOff ?? tier.PercentOff?.Of(amount, _r.Rounding) ?? 0;
        if (tier.MaxOff is { } max) off = Math.Min(off, max);
        return Math.Min(off, amount);
    }

    private static long RepeatDiscount(RepeatStep repeat, long steps, long amount)
    {
        Int128 off = (Int128)repeat.AmountOff * steps;
        if (repeat.Cap is { } cap && off > cap) off = cap;
        return (long)Int128.Min(off, amount);
    }

    /// <summary>
    /// Applies candidate <paramref name="c"/> on <paramref name="amounts"/> and notes it in the choice
    /// being tried; returns its discount, 0 when it does not apply (no eligible line, minSpend not
    /// reached, or nothing off — also when its definition's budget is spent).
    /// </summary>
    private long ApplyCoupon(int c, long[] amounts, bool record)
    {
        int count = CouponEligible(c, amounts, out long total);
        long discount = DiscountIfApplies(c, count, total);
        if (discount == 0) return 0;
        TakeCoupon(c, discount, 1);
        AllocateOverEligible(discount, count, amounts);
        for (int k = 0; k < count; k++)
        {
            int i = _eligible[k];
            amounts[i] -= _shares[k];
            if (record && _shares[k] > 0) AddAdjustment(i, _candCode[c], PricingStage.Coupon, _shares[k], _candCoupon[c].Funding);
        }
        if (record) _candApplied[c] = discount;
        return discount;
    }

    /// <summary>The discount candidate <paramref name="c"/> would give on <paramref name="amounts"/>; 0 when it does not apply.</summary>
    private long CouponDiscountIfApplies(int c, long[] amounts)
    {
        int count = CouponEligible(c, amounts, out long total);
        return DiscountIfApplies(c, count, total);
    }

    private long DiscountIfApplies(int c, int eligibleLines, long eligibleTotal) =>
        eligibleLines == 0 || eligibleTotal < _candCoupon[c].MinSpend ? 0 : WithinCouponBudget(c, CouponDiscount(_candCoupon[c], eligibleTotal));

    /// <summary>The coupon's eligible lines (into <see cref="_eligible"/>): those it may take whose amount is still &gt; 0.</summary>
    private int CouponEligible(int c, long[] amounts, out long total)
    {
        int count = 0;
        total = 0;
        for (int k = _candLineStart[c], end = k + _candLineCount[c]; k < end; k++)
        {
            int i = _candLines[k];
            if (amounts[i] <= 0) continue;
            _eligible[count++] = i;
            total += amounts[i];
        }
        return count;
    }

    /// <summary>The coupon's discount on an eligible total: amount or percentage, capped at maxOff and at the total.</summary>
    private long CouponDiscount(CompiledCoupon coupon, long total)
    {
        long off = coupon.AmountOff ?? coupon.PercentOff!.Value.Of(total, _r.Rounding);
        if (coupon.MaxOff is { } max) off = Math.Min(off, max);
        return Math.Min(off, total);
    }
}
