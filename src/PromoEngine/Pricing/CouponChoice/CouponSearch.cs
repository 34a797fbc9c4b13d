namespace PromoEngine.Pricing;

/// <summary>
/// §5.1: the allowed subset of coupon candidates whose pass gives the lowest total (ties: fewer coupons,
/// then the smallest sorted list of codes). The search walks a prefix tree — each layer's thresholds,
/// then its coupons one at a time in coupon order — so that every partial pass is shared by all the
/// choices that extend it. Once only coupons remain, a branch that cannot beat the best total is cut
/// (see Bounds below). The search's root also judges why unused candidates could not be used.
/// </summary>
internal sealed class CouponSearch(PassState state, ThresholdStage thresholds, CouponCandidates candidates)
{
    private readonly PassState _s = state;
    private readonly ThresholdStage _thresholds = thresholds;
    private readonly CouponCandidates _candidates = candidates;
    private readonly List<long[]> _buffers = []; // line amounts, one per depth of the tree
    private int[] _chosen = [];
    private int _chosenCount;
    private int[] _best = [];
    private long _bestTotal;
    private bool _hasBest;
    private int[] _sortScratch = [];
    private int _boundLayer;

    // Pruning (once only coupons remain): each candidate's discount at the bound layer bounds its
    // discount in every branch below, and per layer the bound of all later layers.
    private long[] _couponBound = [];
    private long[] _laterLayersBound = [];
    private long[] _topScratch = [];

    /// <summary>The chosen candidates, in search order (layer by layer, coupon order).</summary>
    public ReadOnlySpan<int> Best => _best.AsSpan(0, BestCount);

    public int BestCount { get; private set; }

    /// <summary>The line amounts after the first layer's thresholds, as the search's root recorded them.</summary>
    public long[] AfterFirstThresholds { get; private set; } = [];

    /// <summary>Searches the candidates of <see cref="CouponCandidates"/>; the root records the first layer's thresholds.</summary>
    public void Run()
    {
        _hasBest = false;
        _chosenCount = 0;
        BestCount = 0;
        _boundLayer = _thresholds.MarkReachable();
        SearchLayer(0, 0, _s.Amounts.Amount);
        foreach (int c in _candidates.Exclusive) TryExclusive(c);
    }

    private long[] Buffer(int depth)
    {
        int n = _s.Cart.Count;
        while (_buffers.Count <= depth) _buffers.Add([]);
        var buffer = _buffers[depth];
        if (buffer.Length < n)
        {
            buffer = new long[Math.Max(n, buffer.Length * 2)];
            _buffers[depth] = buffer;
        }
        return buffer;
    }

    /// <summary>Runs layer <paramref name="layer"/>'s thresholds on a copy of <paramref name="input"/>, then extends with its coupons.</summary>
    private void SearchLayer(int layer, int depth, long[] input)
    {
        int n = _s.Cart.Count;
        long[] state = Buffer(depth);
        Array.Copy(input, state, n);
        bool root = depth == 0; // the first layer on the cart's own amounts: the recorded pass's first step too
        _thresholds.Run(layer, state, record: root);
        if (root)
        {
            var after = AfterFirstThresholds;
            Grow.To(ref after, n);
            Array.Copy(state, after, n);
            AfterFirstThresholds = after;
        }
        if (_chosenCount == 0) _candidates.Judge(layer, state);
        if (layer == _boundLayer) ComputeBounds(layer, state);
        Extend(layer, depth + 1, state, _candidates.Layer(layer).Start, 0);
    }

    private void Extend(int layer, int depth, long[] state, int from, int used)
    {
        var layers = _s.Rules.Layers;
        bool lastLayer = layer + 1 == layers.Length;
        if (lastLayer) Consider(Sum(state));
        else SearchLayer(layer + 1, depth, state);

        int maxCoupons = layers[layer].MaxCoupons;
        if (used == maxCoupons) return;
        var (start, count) = _candidates.Layer(layer);
        int end = start + count;
        // The last coupon of the last layer ends the pass: its discount is all that changes the total,
        // so the leaf needs no copy (the shares sum to the discount).
        bool leaf = lastLayer && used + 1 == maxCoupons;
        // Past the last layer with thresholds in play, only coupons remain: a choice whose best case
        // cannot beat the best total found so far is not tried.
        bool prune = _hasBest && layer >= _boundLayer;
        long stateTotal = leaf || prune ? Sum(state) : 0;
        int after = maxCoupons - used - 1; // coupons of this layer that may follow
        for (int c = from; c < end; c++)
        {
            if (!_s.Limits.CouponUseLeft(_candidates[c].Coupon)) continue; // its definition's uses left are taken (§14)
            if (prune && stateTotal - BestSavingsStartingWith(c, end, after, layer) > _bestTotal) continue;
            Grow.To(ref _chosen, _chosenCount + 1);
            if (leaf)
            {
                long discount = _candidates.DiscountIfApplies(c, state);
                if (discount == 0) continue;
                _chosen[_chosenCount++] = c;
                Consider(stateTotal - discount);
                _chosenCount--;
                continue;
            }
            long[] next = Buffer(depth);
            Array.Copy(state, next, _s.Cart.Count);
            long applied = _candidates.Apply(c, next, record: false);
            if (applied == 0) continue;
            _chosen[_chosenCount++] = c;
            Extend(layer, depth + 1, next, c + 1, used + 1);
            _chosenCount--;
            _candidates.Unapply(c, applied);
        }
    }

    private long Sum(long[] state)
    {
        long total = 0;
        for (int i = 0, n = _s.Cart.Count; i < n; i++) total += state[i];
        return total;
    }

    /// <summary>An exclusive coupon alone, across all layers.</summary>
    private void TryExclusive(int c)
    {
        var coupon = _candidates[c].Coupon;
        if (_s.Rules.Layers[coupon.LayerIndex].MaxCoupons < 1) return;
        long[] state = Buffer(0); // the search is over: its buffers are free
        Array.Copy(_s.Amounts.Amount, state, _s.Cart.Count);
        long applied = 0;
        for (int l = 0; l < _s.Rules.Layers.Length; l++)
        {
            _thresholds.Run(l, state, record: false);
            if (l == coupon.LayerIndex && (applied = _candidates.Apply(c, state, record: false)) == 0) return;
        }
        _candidates.Unapply(c, applied);
        Grow.To(ref _chosen, 1);
        _chosen[0] = c;
        _chosenCount = 1;
        Consider(Sum(state));
        _chosenCount = 0;
    }

    private void Consider(long total)
    {
        if (_hasBest)
        {
            int cmp = total.CompareTo(_bestTotal);
            if (cmp == 0) cmp = _chosenCount.CompareTo(BestCount);
            if (cmp == 0) cmp = CompareSortedCodes();
            if (cmp >= 0) return;
        }
        _hasBest = true;
        _bestTotal = total;
        BestCount = _chosenCount;
        Grow.To(ref _best, _chosenCount);
        Array.Copy(_chosen, _best, _chosenCount);
    }

    /// <summary>Compares the sorted codes of the current choice with the best's (ordinal, element by element).</summary>
    private int CompareSortedCodes()
    {
        Grow.To(ref _sortScratch, 2 * _chosenCount);
        var current = _sortScratch.AsSpan(0, _chosenCount);
        var best = _sortScratch.AsSpan(_chosenCount, _chosenCount);
        _chosen.AsSpan(0, _chosenCount).CopyTo(current);
        _best.AsSpan(0, _chosenCount).CopyTo(best);
        var byCode = new ByCode(_candidates);
        SpanSort.Sort(current, byCode);
        SpanSort.Sort(best, byCode);
        for (int k = 0; k < _chosenCount; k++)
        {
            int c = string.CompareOrdinal(_candidates[current[k]].Code, _candidates[best[k]].Code);
            if (c != 0) return c;
        }
        return 0;
    }

    private readonly struct ByCode(CouponCandidates candidates) : IComparer<int>
    {
        public int Compare(int a, int b) => string.CompareOrdinal(candidates[a].Code, candidates[b].Code);
    }

    // ---- Bounds -----------------------------------------------------------------------------------
    // Once the last layer whose thresholds can still be reached has run them, only coupons remain, and
    // amounts only go down from there. A coupon's discount is a non-decreasing function of its eligible
    // total (minSpend, percentage, maxOff, the cap at the total and a budget all keep that order), so
    // its discount on the amounts of that moment bounds its discount in every branch below. A branch
    // whose total minus the largest discounts it could still take is above the best total found is
    // therefore never better, and is skipped. Ties are not pruned: an equal total may still win on
    // fewer coupons or smaller codes, so it is priced.

    /// <summary>Each candidate's discount on <paramref name="state"/> (its bound below), and per layer the bound of all later layers.</summary>
    private void ComputeBounds(int layer, long[] state)
    {
        Grow.To(ref _couponBound, _candidates.Count);
        int layers = _s.Rules.Layers.Length;
        Grow.To(ref _laterLayersBound, layers);
        for (int l = layer; l < layers; l++)
        {
            var (start, count) = _candidates.Layer(l);
            for (int c = start; c < start + count; c++) _couponBound[c] = _candidates.DiscountIfApplies(c, state);
        }
        long later = 0;
        for (int l = layers - 1; l >= layer; l--)
        {
            _laterLayersBound[l] = later;
            var (start, count) = _candidates.Layer(l);
            later += LargestBounds(start, start + count, _s.Rules.Layers[l].MaxCoupons);
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
