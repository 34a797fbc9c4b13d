namespace PromoEngine.Pricing;

/// <summary>
/// Step 4 (spec §5.4, §5.1): the coupons are chosen by searching every allowed combination through the
/// layers (<see cref="CouponSearch"/>), then the layers run once more with the chosen coupons and are
/// recorded: each layer's thresholds, its chosen coupons in coupon order, its hints.
/// </summary>
internal sealed class LayerStage(PassState state, ThresholdStage thresholds, CouponCandidates candidates, CouponSearch search)
{
    private readonly PassState _s = state;
    private readonly ThresholdStage _thresholds = thresholds;
    private readonly CouponCandidates _candidates = candidates;
    private readonly CouponSearch _search = search;

    public void Run(CancellationToken cancellation)
    {
        _candidates.Classify();
        bool searched = _candidates.Count > 0;
        if (searched)
        {
            _search.Run(cancellation);
            if (_search.Bounded) _s.Output.SetCouponChoice(CouponChoice.Bounded);
        }

        // The recorded pass with the chosen coupons. The first layer's thresholds were recorded by the
        // search's root, on the same amounts: their result is taken over, not run again.
        var amounts = _s.Amounts.Amount;
        var best = _search.Best;
        int next = 0;
        for (int l = 0; l < _s.Rules.Layers.Length; l++)
        {
            if (l == 0 && searched) Array.Copy(_search.AfterFirstThresholds, amounts, _s.Cart.Count);
            else _thresholds.Run(l, amounts, record: true);
            while (searched && next < best.Length && _candidates[best[next]].Coupon.LayerIndex == l)
                _candidates.Apply(best[next++], amounts, record: true);
            _candidates.Hints(l);
        }
        _candidates.WriteResults();
    }
}
