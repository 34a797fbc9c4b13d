using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 4a (满减, spec §5.4a, §9): a layer's threshold promotions in order, each on the eligible lines
/// not yet claimed by another of the layer. Works on a given copy of the line amounts so that the coupon
/// choice can run it in many branches; only the recorded run writes adjustments, applied promotions,
/// gifts and hints.
/// </summary>
internal sealed class ThresholdStage(PassState state, CandidateCollection candidates)
{
    private readonly PassState _s = state;
    private readonly CandidateCollection _candidates = candidates;
    private bool[] _claimed = [];   // per line: claimed by a threshold of the layer being run
    private bool[] _reachable = []; // per group: some branch of the coupon choice could reach its lowest tier

    /// <summary>Runs <paramref name="layer"/>'s thresholds on <paramref name="amounts"/>; with <paramref name="record"/>, into the result.</summary>
    public void Run(int layer, long[] amounts, bool record)
    {
        Grow.To(ref _claimed, _s.Cart.Count);
        Array.Clear(_claimed, 0, _s.Cart.Count);
        foreach (int g in _candidates.Thresholds(layer))
            if (record || _reachable[g]) Threshold(g, amounts, record);
    }

    /// <summary>
    /// Marks the thresholds whose lowest tier or step some branch of the coupon choice could reach, and
    /// returns the last layer that has one (the coupon choice's bounds start there). Amounts only go down
    /// after the multibuy stage, so a threshold out of reach now (all its lines counted, unclaimed) is
    /// out of reach in every branch: it changes nothing there and is skipped; the recorded pass still
    /// runs it for its hint. The first layer's thresholds run once, at the search's root: finding out
    /// first would cost as much as running them, so they all count as reachable.
    /// </summary>
    public int MarkReachable()
    {
        Grow.To(ref _reachable, _candidates.GroupCount);
        foreach (int g in _candidates.Thresholds(0)) _reachable[g] = true;
        int lastLayer = 0;
        if (_s.Rules.Layers.Length == 1) return 0;
        var amounts = _s.Amounts;
        foreach (int g in _candidates.ThresholdsFrom(1))
        {
            var p = _candidates.Promotion(g);
            ref readonly var group = ref _candidates[g];
            long most = 0;
            for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
            {
                int i = _candidates.Line(k);
                if (p.ExcludePromoted && amounts.Promoted[i]) continue;
                most += p.QuantityBasis ? _s.Cart.Quantity[i] : amounts.ItemAmount[i];
            }
            long lowest = p.Repeat is { } repeat ? repeat.Every : p.Tiers[0].AtLeast;
            _reachable[g] = most >= lowest;
            if (_reachable[g]) lastLayer = Math.Max(lastLayer, p.LayerIndex);
        }
        return lastLayer;
    }

    private void Threshold(int g, long[] amounts, bool record)
    {
        var p = _candidates.Promotion(g);
        ref readonly var group = ref _candidates[g];
        var cart = _s.Cart;
        var eligible = _s.Eligible;
        var into = eligible.Lines;
        var claimed = _claimed;
        var promoted = _s.Amounts.Promoted;
        int count = 0;
        long amount = 0, basis = 0;
        for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
        {
            int i = _candidates.Line(k);
            if (amounts[i] <= 0 || claimed[i] || (p.ExcludePromoted && promoted[i])) continue;
            into[count++] = i;
            amount += amounts[i];
            basis += p.QuantityBasis ? cart.Quantity[i] : p.OnItemPrice ? _s.Amounts.ItemAmount[i] : amounts[i];
        }
        eligible.SetCount(count);
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
                discount = _s.Limits.WithinBudget(p, RepeatDiscount(repeat, steps, amount));
            }
        }
        else
        {
            for (int t = 0; t < p.Tiers.Length && p.Tiers[t].AtLeast <= basis; t++) tier = t;
            if (tier >= 0)
            {
                reached = true;
                discount = _s.Limits.WithinBudget(p, TierDiscount(p.Tiers[tier], amount));
                gift = p.Tiers[tier].Gift;
            }
        }

        if (reached)
        {
            foreach (int i in eligible.Span) _claimed[i] = true;
            eligible.Split(discount, amounts, cart.IdRank);
            for (int k = 0; k < eligible.Count; k++)
            {
                int i = eligible.Lines[k];
                long share = eligible.Shares[k];
                amounts[i] -= share;
                if (record && share > 0) _s.Adjustments.Add(i, p.Id, PricingStage.Threshold, share, p.Funding);
            }
            if (record)
            {
                if (gift is not null) _s.Output.AddGift(gift);
                if (discount > 0 || gift is not null)
                    _s.Output.AddApplied(p.Id, p.Name, PricingStage.Threshold, _s.Rules.Layers[p.LayerIndex].Id, discount, -1, eligible.Span);
            }
        }
        if (record) Hint(p, basis, discount, tier, steps);
    }

    /// <summary>A 凑单 hint toward the next tier or step (spec §6, §9), with the budget's cap (§11).</summary>
    private void Hint(CompiledPromotion p, long basis, long discountNow, int tierIndex, long steps)
    {
        var output = _s.Output;
        if (p.Repeat is { } repeat)
        {
            if (repeat.Cap is { } cap && discountNow >= cap) return;
            long next = checked((steps + 1) * repeat.Every);
            if (p.QuantityBasis) { output.AddHint(p.Id, p.Name, next - basis, true, null, null); return; }
            long saving = _s.Limits.WithinBudget(p, RepeatDiscount(repeat, steps + 1, next)) - discountNow;
            if (saving > 0) output.AddHint(p.Id, p.Name, next - basis, false, saving, null);
            return;
        }
        if (tierIndex + 1 >= p.Tiers.Length) return;
        var tier = p.Tiers[tierIndex + 1];
        if (p.QuantityBasis) { output.AddHint(p.Id, p.Name, tier.AtLeast - basis, true, null, tier.Gift); return; }
        long tierSaving = _s.Limits.WithinBudget(p, TierDiscount(tier, tier.AtLeast)) - discountNow;
        if (tierSaving > 0 || tier.Gift is not null) output.AddHint(p.Id, p.Name, tier.AtLeast - basis, false, tierSaving, tier.Gift);
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
}
