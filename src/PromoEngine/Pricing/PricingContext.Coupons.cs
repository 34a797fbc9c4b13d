using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// §5.1: the cart's coupons are sorted into static rejections and candidates, then the allowed subset
/// of candidates whose pass gives the lowest total is chosen (ties: fewer coupons, then the smallest
/// sorted list of codes). The search walks a prefix tree: each layer's thresholds, then its coupons one
/// at a time in coupon order, so every partial pass is shared by all the choices that extend it.
/// </summary>
internal sealed partial class PricingContext
{
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private CouponReason?[] _staticReason = [];
    private CompiledCoupon?[] _instanceCoupon = [];
    // Candidates (statically valid instances), in coupon order within each layer.
    private CompiledCoupon[] _candCoupon = [];
    private string[] _candCode = [];
    private int[] _candPosition = [];
    private long[] _candApplied = [];
    private int[] _candJudgedCount = [];
    private long[] _candJudgedTotal = [];
    private int _candTotal;
    private int[] _layerCandStart = [], _layerCandCount = [];
    private int[] _exclusive = [];
    private int _exclusiveTotal;

    // Search state.
    private readonly List<long[]> _buffers = [];
    private int[] _chosen = [];
    private int _chosenTotal;
    private int[] _best = [];
    private int _bestCount;
    private long _bestTotal;
    private bool _hasBest;
    private int[] _sortScratch = [];
    private long[] _afterFirstThresholds = [];

    private void ChooseCouponsAndRunLayers(PricingResultBuffer output)
    {
        ClassifyCoupons();
        int layers = _r.Layers.Length;

        _hasBest = false;
        _chosenTotal = 0;
        _bestCount = 0;
        if (_candTotal > 0)
        {
            FindReachableThresholds(); // only the search's branches skip what no branch can reach
            // The search's first path, with no coupon at all, also judges why unused candidates could not be used.
            SearchLayer(0, 0, _amount);
            for (int x = 0; x < _exclusiveTotal; x++) TryExclusive(_exclusive[x]);
        }

        // The final, recorded pass with the chosen coupons. The first layer's thresholds were recorded
        // by the search's root, on the same amounts: their result is taken over, not run again.
        int next = 0;
        for (int l = 0; l < layers; l++)
        {
            if (l == 0 && _candTotal > 0) Array.Copy(_afterFirstThresholds, _amount, _n);
            else RunThresholds(l, _amount, record: true);
            while (next < _bestCount && _candCoupon[_best[next]].LayerIndex == l)
                ApplyCoupon(_best[next++], _amount, record: true);
            CouponHints(l);
        }
        WriteCouponResults(output);
    }

    /// <summary>Static checks in the order of §5.1; the rest become candidates.</summary>
    private void ClassifyCoupons()
    {
        var coupons = _cart.Coupons;
        int count = coupons?.Count ?? 0;
        Grow.To(ref _staticReason, count);
        Grow.To(ref _candCoupon, count);
        Grow.To(ref _candCode, count);
        Grow.To(ref _candPosition, count);
        Grow.To(ref _candApplied, count);
        Grow.To(ref _candJudgedCount, count);
        Grow.To(ref _candJudgedTotal, count);
        Grow.To(ref _exclusive, count);
        Grow.To(ref _instanceCoupon, count);
        _codes.Clear();
        int layers = _r.Layers.Length;
        Grow.To(ref _layerCandStart, layers);
        Grow.To(ref _layerCandCount, layers);

        // Candidates are written layer by layer, each layer in coupon order; exclusive ones go to the end.
        _candTotal = 0;
        _exclusiveTotal = 0;
        for (int i = 0; i < count; i++)
        {
            var instance = coupons![i];
            bool first = _codes.Add(instance.Code!);
            _staticReason[i] = null;
            _instanceCoupon[i] = _r.Coupons.TryGetValue(instance.CouponId!, out var coupon) ? coupon : null;
            if (coupon is null) _staticReason[i] = CouponReason.UnknownCoupon;
            else if (!first) _staticReason[i] = CouponReason.DuplicateCode;
            else if (CodeUsed(instance.Code!, coupon)) _staticReason[i] = CouponReason.CodeUsed;
            else if (coupon.Conditions.FirstFailure(_facts) is { } failure) _staticReason[i] = failure;
            else if (CouponExhausted(coupon)) _staticReason[i] = CouponReason.LimitReached;
        }
        for (int l = 0; l < layers; l++)
        {
            _layerCandStart[l] = _candTotal;
            for (int i = 0; i < count; i++)
            {
                if (_staticReason[i] is not null) continue;
                var coupon = _instanceCoupon[i]!;
                if (coupon.LayerIndex != l || coupon.Exclusive) continue;
                AddCandidate(i, coupon);
            }
            _layerCandCount[l] = _candTotal - _layerCandStart[l];
            SortCandidates(_layerCandStart[l], _layerCandCount[l]);
        }
        for (int i = 0; i < count; i++)
        {
            if (_staticReason[i] is not null) continue;
            var coupon = _instanceCoupon[i]!;
            if (coupon.Exclusive) _exclusive[_exclusiveTotal++] = AddCandidate(i, coupon);
        }
        Array.Clear(_candApplied, 0, _candTotal);
        FindCandidateLines();
    }

    private int AddCandidate(int position, CompiledCoupon coupon)
    {
        int c = _candTotal++;
        _candCoupon[c] = coupon;
        _candCode[c] = _cart.Coupons![position].Code!;
        _candPosition[c] = position;
        return c;
    }

    /// <summary>Insertion sort of a layer's candidates into coupon order: priority desc, couponId, code.</summary>
    private void SortCandidates(int start, int count)
    {
        for (int a = start + 1; a < start + count; a++)
        {
            for (int b = a; b > start && CompareCandidates(b, b - 1) < 0; b--)
            {
                (_candCoupon[b], _candCoupon[b - 1]) = (_candCoupon[b - 1], _candCoupon[b]);
                (_candCode[b], _candCode[b - 1]) = (_candCode[b - 1], _candCode[b]);
                (_candPosition[b], _candPosition[b - 1]) = (_candPosition[b - 1], _candPosition[b]);
            }
        }
    }

    private int CompareCandidates(int a, int b)
    {
        int c = _candCoupon[b].Priority.CompareTo(_candCoupon[a].Priority);
        if (c != 0) return c;
        c = string.CompareOrdinal(_candCoupon[a].Id, _candCoupon[b].Id);
        return c != 0 ? c : string.CompareOrdinal(_candCode[a], _candCode[b]);
    }

    private long[] Buffer(int depth)
    {
        while (_buffers.Count <= depth) _buffers.Add([]);
        var buffer = _buffers[depth];
        if (buffer.Length < _n)
        {
            buffer = new long[Math.Max(_n, buffer.Length * 2)];
            _buffers[depth] = buffer;
        }
        return buffer;
    }

    /// <summary>Runs layer <paramref name="layer"/>'s thresholds on a copy of <paramref name="input"/>, then extends with its coupons.</summary>
    private void SearchLayer(int layer, int depth, long[] input)
    {
        long[] state = Buffer(depth);
        Array.Copy(input, state, _n);
        bool root = depth == 0; // the first layer on the cart's own amounts: the recorded pass's first step too
        RunThresholds(layer, state, record: root);
        if (root)
        {
            Grow.To(ref _afterFirstThresholds, _n);
            Array.Copy(state, _afterFirstThresholds, _n);
        }
        if (_chosenTotal == 0) JudgeLayer(layer, state);
        if (layer == _boundLayer) ComputeCouponBounds(layer, state);
        Extend(layer, depth + 1, state, _layerCandStart[layer], 0);
    }

    private void Extend(int layer, int depth, long[] state, int from, int used)
    {
        bool lastLayer = layer + 1 == _r.Layers.Length;
        if (lastLayer) Consider(Sum(state));
        else SearchLayer(layer + 1, depth, state);

        if (used == _r.Layers[layer].MaxCoupons) return;
        int end = _layerCandStart[layer] + _layerCandCount[layer];
        // The last coupon of the last layer ends the pass: its discount is all that changes the total,
        // so the leaf needs no copy and no allocation (the shares sum to the discount).
        bool leaf = lastLayer && used + 1 == _r.Layers[layer].MaxCoupons;
        // Past the last layer with thresholds in play, only coupons remain: a choice whose best case
        // cannot beat the best total found so far is not tried (see PricingContext.Bounds.cs).
        bool prune = _hasBest && layer >= _boundLayer;
        long stateTotal = leaf || prune ? Sum(state) : 0;
        int after = _r.Layers[layer].MaxCoupons - used - 1; // coupons of this layer that may follow
        for (int c = from; c < end; c++)
        {
            if (!CouponUseLeft(c)) continue; // its definition's uses left are taken by earlier instances (§14)
            if (prune && stateTotal - BestSavingsStartingWith(c, end, after, layer) > _bestTotal) continue;
            Grow.To(ref _chosen, _chosenTotal + 1);
            if (leaf)
            {
                long discount = CouponDiscountIfApplies(c, state);
                if (discount == 0) continue;
                _chosen[_chosenTotal++] = c;
                Consider(stateTotal - discount);
                _chosenTotal--;
                continue;
            }
            long[] next = Buffer(depth);
            Array.Copy(state, next, _n);
            long applied = ApplyCoupon(c, next, record: false);
            if (applied == 0) continue;
            _chosen[_chosenTotal++] = c;
            Extend(layer, depth + 1, next, c + 1, used + 1);
            _chosenTotal--;
            TakeCoupon(c, -applied, -1);
        }
    }

    private long Sum(long[] state)
    {
        long total = 0;
        for (int i = 0; i < _n; i++) total += state[i];
        return total;
    }

    /// <summary>An exclusive coupon alone, across all layers.</summary>
    private void TryExclusive(int c)
    {
        var coupon = _candCoupon[c];
        if (_r.Layers[coupon.LayerIndex].MaxCoupons < 1) return;
        long[] state = Buffer(0); // the search is over: its buffers are free
        Array.Copy(_amount, state, _n);
        long applied = 0;
        for (int l = 0; l < _r.Layers.Length; l++)
        {
            RunThresholds(l, state, record: false);
            if (l == coupon.LayerIndex && (applied = ApplyCoupon(c, state, record: false)) == 0) return;
        }
        TakeCoupon(c, -applied, -1);
        Grow.To(ref _chosen, 1);
        _chosen[0] = c;
        _chosenTotal = 1;
        Consider(Sum(state));
        _chosenTotal = 0;
    }

    /// <summary>In the pass with no coupon: each candidate of the layer's eligible lines and total, for its reason and hint.</summary>
    private void JudgeLayer(int layer, long[] state)
    {
        for (int c = 0; c < _candTotal; c++)
            if (_candCoupon[c].LayerIndex == layer) _candJudgedCount[c] = CouponEligible(c, state, out _candJudgedTotal[c]);
    }

    private void Consider(long total)
    {
        if (_hasBest)
        {
            int cmp = total.CompareTo(_bestTotal);
            if (cmp == 0) cmp = _chosenTotal.CompareTo(_bestCount);
            if (cmp == 0) cmp = CompareSortedCodes();
            if (cmp >= 0) return;
        }
        _hasBest = true;
        _bestTotal = total;
        _bestCount = _chosenTotal;
        Grow.To(ref _best, _chosenTotal);
        Array.Copy(_chosen, _best, _chosenTotal);
    }

    /// <summary>Compares the sorted codes of the current choice with the best's (ordinal, element by element).</summary>
    private int CompareSortedCodes()
    {
        Grow.To(ref _sortScratch, 2 * _chosenTotal);
        var current = _sortScratch.AsSpan(0, _chosenTotal);
        var best = _sortScratch.AsSpan(_chosenTotal, _chosenTotal);
        _chosen.AsSpan(0, _chosenTotal).CopyTo(current);
        _best.AsSpan(0, _chosenTotal).CopyTo(best);
        var byCode = new ByCode(_candCode);
        SpanSort.Sort(current, byCode);
        SpanSort.Sort(best, byCode);
        for (int k = 0; k < _chosenTotal; k++)
        {
            int c = string.CompareOrdinal(_candCode[current[k]], _candCode[best[k]]);
            if (c != 0) return c;
        }
        return 0;
    }

    private readonly struct ByCode(string[] codes) : IComparer<int>
    {
        public int Compare(int a, int b) => string.CompareOrdinal(codes[a], codes[b]);
    }

    /// <summary>The layer's coupon hints, in coupon order (exclusive candidates included).</summary>
    private void CouponHints(int layer)
    {
        Grow.To(ref _sortScratch, _candTotal);
        int count = 0;
        for (int c = 0; c < _candTotal; c++)
            if (_candCoupon[c].LayerIndex == layer) _sortScratch[count++] = c;
        SpanSort.Sort(_sortScratch.AsSpan(0, count), new InCouponOrder(this));
        for (int k = 0; k < count; k++) CouponHint(_sortScratch[k]);
    }

    private readonly struct InCouponOrder(PricingContext context) : IComparer<int>
    {
        public int Compare(int a, int b) => context.CompareCandidates(a, b);
    }

    /// <summary>A minSpend hint for a candidate that was not used and fell short in the pass with no coupon.</summary>
    private void CouponHint(int c)
    {
        if (_candApplied[c] > 0 || _candJudgedCount[c] == 0) return;
        var coupon = _candCoupon[c];
        if (_candJudgedTotal[c] >= coupon.MinSpend) return;
        long saving = Math.Min(CouponDiscount(coupon, coupon.MinSpend), _couponBudgetLeft[coupon.Ordinal]);
        if (saving > 0) _output!.AddHint(_candCode[c], coupon.Name, coupon.MinSpend - _candJudgedTotal[c], false, saving, null);
    }

    private void WriteCouponResults(PricingResultBuffer output)
    {
        var coupons = _cart.Coupons;
        int count = coupons?.Count ?? 0;
        for (int i = 0; i < count; i++)
        {
            var instance = coupons![i];
            if (_staticReason[i] is { } reason)
            {
                output.AddCoupon(instance.Code!, instance.CouponId!, _instanceCoupon[i]?.Name, 0, reason);
                continue;
            }
            int c = CandidateAt(i);
            if (_candApplied[c] > 0) output.AddCoupon(instance.Code!, instance.CouponId!, _candCoupon[c].Name, _candApplied[c], null);
            else
            {
                var why = _candJudgedCount[c] == 0 ? CouponReason.NoEligibleItems
                    : _candJudgedTotal[c] < _candCoupon[c].MinSpend ? CouponReason.MinSpendNotMet
                    : CouponReason.NotInBestCombination;
                output.AddCoupon(instance.Code!, instance.CouponId!, _candCoupon[c].Name, 0, why);
            }
        }
    }

    private int CandidateAt(int position)
    {
        for (int c = 0; c < _candTotal; c++)
            if (_candPosition[c] == position) return c;
        throw new InvalidOperationException("internal error: coupon candidate not found");
    }
}
