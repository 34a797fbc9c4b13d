namespace PromoEngine.Pricing;

/// <summary>
/// Pruning for the coupon search (§5.1). Once the last layer whose thresholds can still be reached has
/// run them, only coupons remain, and amounts only go down from there. A coupon's discount is a
/// non-decreasing function of its eligible total (minSpend, percentage, maxOff and the cap at the total
/// all keep that order), so its discount on the amounts of that moment bounds its discount in every
/// branch below. A branch whose total minus the largest discounts it could still take is above the best
/// total found is therefore never better, and is skipped. Ties are not pruned: an equal total may still
/// win on fewer coupons or smaller codes, so it is priced.
/// </summary>
internal sealed partial class PricingContext
{
    private int _boundLayer;
    private long[] _couponBound = [];
    private long[] _laterLayersBound = [];
    private long[] _topScratch = [];

    /// <summary>Each candidate's discount on <paramref name="state"/> (its bound below), and per layer the bound of all later layers.</summary>
    private void ComputeCouponBounds(int layer, long[] state)
    {
        Grow.To(ref _couponBound, _candTotal);
        int layers = _r.Layers.Length;
        Grow.To(ref _laterLayersBound, layers);
        for (int l = layer; l < layers; l++)
        {
            int start = _layerCandStart[l], end = start + _layerCandCount[l];
            for (int c = start; c < end; c++) _couponBound[c] = CouponDiscountIfApplies(c, state);
        }
        long later = 0;
        for (int l = layers - 1; l >= layer; l--)
        {
            _laterLayersBound[l] = later;
            int start = _layerCandStart[l];
            later += LargestBounds(start, start + _layerCandCount[l], _r.Layers[l].MaxCoupons);
        }
    }

    /// <summary>
    /// The most a branch that takes candidate <paramref name="c"/> next can still save: its bound, the
    /// largest <paramref name="after"/> bounds after it in its layer, and the bounds of the later layers.
    /// </summary>
    private long BestSavingsStartingWith(int c, int end, int after, int layer) =>
        _couponBound[c] + LargestBounds(c + 1, end, after) + _laterLayersBound[layer];

    /// <summary>The sum of the <paramref name="count"/> largest bounds among candidates [start, end).</summary>
    private long LargestBounds(int start, int end, int count)
    {
        int size = end - start;
        if (count <= 0 || size <= 0) return 0;
        if (count >= size)
        {
            long all = 0;
            for (int c = start; c < end; c++) all += _couponBound[c];
            return all;
        }
        if (count == 1)
        {
            long most = 0;
            for (int c = start; c < end; c++) most = Math.Max(most, _couponBound[c]);
            return most;
        }
        Grow.To(ref _topScratch, size);
        Array.Copy(_couponBound, start, _topScratch, 0, size);
        var values = _topScratch.AsSpan(0, size);
        values.Sort();
        long sum = 0;
        for (int k = 0; k < count; k++) sum += values[size - 1 - k];
        return sum;
    }
}
