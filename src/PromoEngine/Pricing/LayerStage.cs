using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 4: for one layer, its threshold promotions in order, then its chosen coupons in coupon order.
/// Runs on a caller's copy of the line amounts, so the coupon search can try many combinations;
/// only the final run records adjustments, applied promotions, gifts and hints.
/// </summary>
internal sealed class LayerStage
{
    private readonly PassState _s;
    private readonly CompiledPromotion[][] _thresholds;
    private readonly Dictionary<CompiledScope, bool[]> _scopeCache = new(ReferenceEqualityComparer.Instance);

    public LayerStage(PassState s)
    {
        _s = s;
        _thresholds = new CompiledPromotion[s.Rules.Layers.Length][];
        for (int layer = 0; layer < _thresholds.Length; layer++)
            _thresholds[layer] = s.Promotions.Where(p => p.Kind == PromotionKind.Threshold && p.LayerIndex == layer).ToArray();
    }

    /// <summary>What the final run records.</summary>
    public sealed class Recorder
    {
        public List<HintResult>[] ThresholdHints { get; init; } = [];
        public Dictionary<int, long> CouponAmounts { get; } = [];
    }

    /// <summary>
    /// Runs layer <paramref name="layer"/> on <paramref name="amounts"/> with <paramref name="coupons"/> (in coupon order).
    /// Returns false when one of the coupons does not apply (minSpend not reached or nothing off).
    /// </summary>
    public bool Run(int layer, long[] amounts, IReadOnlyList<CouponCandidate> coupons, Recorder? recorder, Action<long[]>? afterThresholds = null)
    {
        var claimed = new bool[amounts.Length];
        foreach (var p in _thresholds[layer]) Threshold(p, amounts, claimed, recorder);
        afterThresholds?.Invoke(amounts);
        foreach (var candidate in coupons)
        {
            var (eligible, total) = CouponEligible(candidate.Coupon, amounts);
            if (eligible.Count == 0 || total < candidate.Coupon.MinSpend) return false;
            long discount = CouponDiscount(candidate.Coupon, total);
            if (discount == 0) return false;
            var shares = Allocate(discount, eligible, amounts);
            for (int k = 0; k < eligible.Count; k++)
            {
                int i = eligible[k];
                amounts[i] -= shares[k];
                if (recorder is not null && shares[k] > 0)
                    _s.LineAdjustments[i].Add(new Adjustment(candidate.Code, PricingStage.Coupon, shares[k]));
            }
            if (recorder is not null) recorder.CouponAmounts[candidate.Position] = discount;
        }
        return true;
    }

    /// <summary>A coupon's eligible lines and total on <paramref name="amounts"/>: in scope, amount &gt; 0, not promoted when excluded.</summary>
    public (List<int> Lines, long Total) CouponEligible(CompiledCoupon coupon, long[] amounts)
    {
        var inScope = Scope(coupon.Scope);
        var lines = new List<int>();
        long total = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            if (!inScope[i] || amounts[i] <= 0 || (coupon.ExcludePromoted && _s.Promoted[i])) continue;
            lines.Add(i);
            total += amounts[i];
        }
        return (lines, total);
    }

    /// <summary>The coupon's discount on an eligible total: amount or percentage, capped at maxOff and at the total.</summary>
    public long CouponDiscount(CompiledCoupon coupon, long total)
    {
        long off = coupon.AmountOff ?? coupon.PercentOff!.Value.Of(total, _s.Rules.Rounding);
        if (coupon.MaxOff is { } max) off = Math.Min(off, max);
        return Math.Min(off, total);
    }

    private void Threshold(CompiledPromotion p, long[] amounts, bool[] claimed, Recorder? recorder)
    {
        var inScope = Scope(p.Scope);
        var eligible = new List<int>();
        long amount = 0, basis = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            if (!inScope[i] || amounts[i] <= 0 || claimed[i] || (p.ExcludePromoted && _s.Promoted[i])) continue;
            eligible.Add(i);
            amount += amounts[i];
            basis += p.QuantityBasis ? _s.Lines[i].Quantity : p.OnItemPrice ? _s.ItemAmounts[i] : amounts[i];
        }
        if (eligible.Count == 0) return; // inactive in effect: claims nothing, gives no hint

        long discount = 0;
        bool reached = false;
        GiftResult? gift = null;
        int tierIndex = -1;
        long steps = 0;
        if (p.Repeat is { } repeat)
        {
            steps = basis / repeat.Every;
            if (steps > 0)
            {
                reached = true;
                discount = RepeatDiscount(repeat, steps, amount);
            }
        }
        else
        {
            for (int t = 0; t < p.Tiers.Length && p.Tiers[t].AtLeast <= basis; t++) tierIndex = t;
            if (tierIndex >= 0)
            {
                reached = true;
                discount = TierDiscount(p.Tiers[tierIndex], amount);
                gift = p.Tiers[tierIndex].Gift;
            }
        }

        if (reached)
        {
            foreach (int i in eligible) claimed[i] = true;
            var shares = Allocate(discount, eligible, amounts);
            for (int k = 0; k < eligible.Count; k++)
            {
                int i = eligible[k];
                amounts[i] -= shares[k];
                if (recorder is not null && shares[k] > 0)
                    _s.LineAdjustments[i].Add(new Adjustment(p.Id, PricingStage.Threshold, shares[k]));
            }
            if (recorder is not null)
            {
                if (gift is not null) _s.Gifts.Add(gift);
                if (discount > 0 || gift is not null)
                    _s.Applied.Add(new AppliedPromotion(p.Id, PricingStage.Threshold, _s.Rules.Layers[p.LayerIndex].Id, discount, _s.LineIds(eligible)));
            }
        }

        if (recorder is not null && Hint(p, basis, discount, tierIndex, steps) is { } hint)
            recorder.ThresholdHints[p.LayerIndex].Add(hint);
    }

    private HintResult? Hint(CompiledPromotion p, long basis, long discountNow, int tierIndex, long steps)
    {
        if (p.Repeat is { } repeat)
        {
            if (repeat.Cap is { } cap && discountNow >= cap) return null;
            long next = checked((steps + 1) * repeat.Every);
            if (p.QuantityBasis) return new HintResult(p.Id, next - basis, true, null, null);
            long saving = RepeatDiscount(repeat, steps + 1, next) - discountNow;
            return saving > 0 ? new HintResult(p.Id, next - basis, false, saving, null) : null;
        }
        if (tierIndex + 1 >= p.Tiers.Length) return null;
        var tier = p.Tiers[tierIndex + 1];
        if (p.QuantityBasis) return new HintResult(p.Id, tier.AtLeast - basis, true, null, tier.Gift);
        long tierSaving = TierDiscount(tier, tier.AtLeast) - discountNow;
        return tierSaving > 0 || tier.Gift is not null ? new HintResult(p.Id, tier.AtLeast - basis, false, tierSaving, tier.Gift) : null;
    }

    private long TierDiscount(ThresholdTier tier, long amount)
    {
        long off = tier.AmountOff ?? tier.PercentOff?.Of(amount, _s.Rules.Rounding) ?? 0;
        if (tier.MaxOff is { } max) off = Math.Min(off, max);
        return Math.Min(off, amount);
    }

    private static long RepeatDiscount(RepeatStep repeat, long steps, long amount)
    {
        Int128 off = (Int128)repeat.AmountOff * steps;
        if (repeat.Cap is { } cap && off > cap) off = cap;
        return (long)Int128.Min(off, amount);
    }

    private long[] Allocate(long discount, List<int> eligible, long[] amounts)
    {
        var weights = new long[eligible.Count];
        var ranks = new int[eligible.Count];
        for (int k = 0; k < eligible.Count; k++)
        {
            weights[k] = amounts[eligible[k]];
            ranks[k] = _s.IdRanks[eligible[k]];
        }
        var shares = new long[eligible.Count];
        Allocation.Split(discount, weights, ranks, shares);
        return shares;
    }

    private bool[] Scope(CompiledScope scope)
    {
        if (_scopeCache.TryGetValue(scope, out var cached)) return cached;
        var inScope = new bool[_s.Lines.Length];
        for (int i = 0; i < inScope.Length; i++) inScope[i] = _s.InScope(scope, i);
        _scopeCache[scope] = inScope;
        return inScope;
    }
}
