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

    /// <summary>
    /// Per layer and line, the largest share of the line's amount a threshold of the layer could take
    /// off it (as a fraction), and per layer the fixed amounts its thresholds could add. A threshold
    /// claims a line at most once per layer, and its discount is at most its tier's rate times its
    /// eligible amount plus the tier's fixed part: for a percent tier, the percentage and a minor unit of
    /// rounding; for an amount tier on current amounts, amountOff / atLeast; for an amount tier judged on
    /// units or item prices, the amount itself. Worked out once per cart, for <see cref="MostOffByRate"/>.
    /// </summary>
    public void PrepareRates()
    {
        int n = _s.Cart.Count, layers = _s.Rules.Layers.Length;
        Grow.To(ref _lineRate, layers * n);
        Grow.To(ref _rateFixed, layers);
        for (int l = 1; l < layers; l++) // the first layer's thresholds run before any coupon: no bound needs them
        {
            _lineRate.AsSpan(l * n, n).Clear();
            long fixedPart = 0;
            foreach (int g in _candidates.Thresholds(l))
            {
                if (!_reachable[g]) continue; // it takes nothing off in any branch
                var p = _candidates.Promotion(g);
                var (num, den, fixedOff) = Rate(p, g);
                fixedPart = Math.Min(long.MaxValue - fixedOff, fixedPart) + fixedOff;
                if (num == 0) continue;
                // The rate in 32-bit fixed point, rounded up, so that the bound stays a bound.
                ulong rate = (ulong)(((UInt128)(ulong)num << 32) + (ulong)den - 1) / (ulong)den;
                ref readonly var group = ref _candidates[g];
                for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
                {
                    int at = l * n + _candidates.Line(k);
                    if (rate > _lineRate[at]) _lineRate[at] = rate;
                }
            }
            _rateFixed[l] = fixedPart;
        }
    }

    private ulong[] _lineRate = [];
    private long[] _rateFixed = [];

    /// <summary>
    /// The most <paramref name="layer"/>'s thresholds could take off <paramref name="amounts"/> or any
    /// amounts below them: each line's amount times its largest rate (rounded up), plus the fixed parts.
    /// </summary>
    public long MostOffByRate(int layer, long[] amounts)
    {
        int n = _s.Cart.Count;
        UInt128 most = (ulong)_rateFixed[layer];
        var rates = _lineRate.AsSpan(layer * n, n);
        for (int i = 0; i < n; i++)
        {
            if (rates[i] == 0 || amounts[i] <= 0) continue;
            most += ((UInt128)(ulong)amounts[i] * rates[i] + uint.MaxValue) >> 32;
        }
        return most > long.MaxValue ? long.MaxValue : (long)most;
    }

    /// <summary>A threshold's largest rate (a fraction of its eligible amount, at most all of it) and fixed part: its discount is never more than rate × eligible amount + fixed part.</summary>
    private (long Numerator, long Denominator, long Fixed) Rate(CompiledPromotion p, int g)
    {
        (long num, long den) rate = (0, 1);
        long fixedOff = 0;
        void Ratio(long num, long den)
        {
            if (den <= 0 || num >= den) rate = (1, 1);
            else if ((Int128)num * rate.den > (Int128)rate.num * den) rate = (num, den);
        }
        bool onAmount = !p.QuantityBasis && !p.OnItemPrice; // the basis is the amount the discount comes off
        if (p.Repeat is { } repeat)
        {
            if (onAmount) Ratio(repeat.AmountOff, repeat.Every);
            else fixedOff = RepeatDiscount(repeat, FixedBasis(p, g) / repeat.Every, long.MaxValue); // units or item prices do not fall
        }
        foreach (var tier in p.Tiers)
        {
            if (tier.PercentOff is { } percent)
            {
                var (n, d) = percent.Fraction;
                Ratio(n, d);
                fixedOff = Math.Max(fixedOff, 1); // rounding half up may add a minor unit
            }
            else if (tier.AmountOff is { } off)
            {
                long amount = tier.MaxOff is { } max ? Math.Min(off, max) : off;
                if (onAmount && tier.AtLeast > 0) Ratio(amount, tier.AtLeast);
                else fixedOff = Math.Max(fixedOff, amount);
            }
        }
        return (rate.num, rate.den, fixedOff);
    }

    /// <summary>A units or item-price basis of all the group's lines: the pass never raises it.</summary>
    private long FixedBasis(CompiledPromotion p, int g)
    {
        ref readonly var group = ref _candidates[g];
        long basis = 0;
        for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
        {
            int i = _candidates.Line(k);
            basis += p.QuantityBasis ? _s.Cart.Quantity[i] : _s.Amounts.ItemAmount[i];
        }
        return basis;
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
