namespace PromoEngine.Pricing;

/// <summary>
/// §5.1: the allowed subset of coupon candidates whose pass gives the lowest total (ties: fewer coupons,
/// then the smallest sorted list of codes). A depth-first branch and bound over the layers, exact by
/// structure (docs/pricing-pass.md says why each step cannot change the answer):
/// <list type="bullet">
/// <item>instances of one definition are interchangeable: the search chooses how many, and takes the
/// smallest codes;</item>
/// <item>a branch is cut when even the largest discounts it could still take (each candidate's discount
/// on the amounts it starts from, each later threshold's largest tier) cannot beat the best total;</item>
/// <item>branches that reach the same line amounts after a layer are merged (<see cref="StateMemo"/>);</item>
/// <item>a greedy choice found first gives the bounds a good total to beat.</item>
/// </list>
/// Every coupon applied counts as one choice. Past the rule set's budget of choices the search stops
/// and the best choice found so far is taken (<see cref="CouponChoice.Bounded"/>): the same on every
/// machine, because the search order and the count are.
/// </summary>
internal sealed class CouponSearch(PassState state, ThresholdStage thresholds, CouponCandidates candidates)
{
    private const int CancellationCheckEvery = 256;
    private const int GreedyTriesPerSlot = 4;

    private readonly PassState _s = state;
    private readonly ThresholdStage _thresholds = thresholds;
    private readonly CouponCandidates _candidates = candidates;
    private readonly List<long[]> _buffers = []; // line amounts, one per depth of the tree
    private readonly StateMemo _memo = new();
    private CancellationToken _cancellation;
    private long _choices, _maxChoices;

    // The choice being tried (candidate numbers in the order applied) and the best one found.
    private int[] _chosen = [];
    private int _chosenCount;
    private long[] _appliedAt = []; // by depth: the discount of the instance applied there on the current path
    private int[] _best = [];
    private long _bestTotal;
    private bool _hasBest;
    private int[] _sortScratch = [];

    // Bounds. Each candidate's discount on the amounts before any layer is never exceeded later (amounts
    // only go down); per layer, the most every later layer could take off; while a layer is searched, its
    // candidates' discounts on the amounts it starts from, and per group the most the groups from it on
    // could take with each number of slots (kept per layer: searching a later layer leaves them alone).
    private long[] _rootBound = [];
    private long[] _laterLayers = [];
    private long[] _rootLayerMost = [];   // per layer: the most its coupons could take off the amounts before any layer
    private long[] _laterAt = [];         // per layer being searched: the most the later layers could take off its starting amounts
    private long[] _thresholdMost = [];   // per layer: the most its thresholds could take off
    private long[] _thresholdsFrom = [];  // per layer (and one past the last): the most the thresholds from it on could
    private long[] _layerBound = [];
    private long[][] _tops = [];
    private int[] _topWidth = [];
    private long[] _topScratch = [];

    // The greedy first choice.
    private long[] _greedyApplied = [];
    private int[] _byBound = [];

    /// <summary>The chosen candidates, in the order the recorded pass applies them.</summary>
    public ReadOnlySpan<int> Best => _best.AsSpan(0, BestCount);

    public int BestCount { get; private set; }

    /// <summary>Whether the budget of choices cut the search short.</summary>
    public bool Bounded { get; private set; }

    /// <summary>The line amounts after the first layer's thresholds, as the pass with no coupon recorded them.</summary>
    public long[] AfterFirstThresholds => _noCoupon[0];

    /// <summary>Searches the candidates of <see cref="CouponCandidates"/>; the first layer's thresholds are recorded on the way.</summary>
    public void Run(CancellationToken cancellation)
    {
        _cancellation = cancellation;
        _hasBest = false;
        _chosenCount = 0;
        BestCount = 0;
        Bounded = false;
        _choices = 0;
        _maxChoices = _s.Rules.CouponSearchMaxChoices;
        _thresholds.MarkReachable();

        NoCoupon();
        if (HasLayerCandidates())
        {
            // A small search is cheapest walked whole; bounds, a greedy start and merging pay off beyond.
            _prune = Combinations() > SmallSearch;
            if (_prune)
            {
                RootBounds();
                Greedy();
                _memo.Reset(_s.Cart.Count, _s.Rules.Layers.Length);
            }
            long[] start = Buffer(0);
            AfterFirstThresholds.AsSpan(0, _s.Cart.Count).CopyTo(start);
            SearchLayerCoupons(0, 1, start);
        }
        Exclusives();
    }

    private const long SmallSearch = 512;
    private bool _prune;

    /// <summary>How many choices the layers allow at most (each layer: up to its slots of its candidates), saturating past <see cref="SmallSearch"/>.</summary>
    private long Combinations()
    {
        long all = 1;
        for (int l = 0; l < _s.Rules.Layers.Length && all <= SmallSearch; l++)
        {
            int count = _candidates.Layer(l).Count, slots = Math.Min(_s.Rules.Layers[l].MaxCoupons, count);
            long layer = 0, ways = 1;
            for (int k = 0; k <= slots && layer <= SmallSearch; k++)
            {
                layer += ways;
                ways = ways * (count - k) / (k + 1);
            }
            all *= Math.Min(layer, SmallSearch + 1);
        }
        return Math.Min(all, SmallSearch + 1);
    }

    private bool HasLayerCandidates()
    {
        for (int l = 0; l < _s.Rules.Layers.Length; l++)
            if (_candidates.Layer(l).Count > 0 && _s.Rules.Layers[l].MaxCoupons > 0) return true;
        return false;
    }

    /// <summary>
    /// The pass with no coupon: it records the first layer's thresholds (the recorded pass takes them
    /// over), judges why unused candidates could not be used, and is the first choice to beat.
    /// </summary>
    private void NoCoupon()
    {
        int n = _s.Cart.Count, layers = _s.Rules.Layers.Length;
        if (_noCoupon.Length < layers) Array.Resize(ref _noCoupon, layers);
        long[] state = _s.Amounts.Amount;
        for (int l = 0; l < layers; l++)
        {
            var after = _noCoupon[l] ?? [];
            Grow.To(ref after, n);
            _noCoupon[l] = after;
            state.AsSpan(0, n).CopyTo(after);
            _thresholds.Run(l, after, record: l == 0);
            _candidates.Judge(l, after);
            state = after;
        }
        Consider(Sum(state));
    }

    // Per layer, the amounts after its thresholds in the pass with no coupon: the search's branches
    // without a coupon so far start from them instead of running the thresholds again.
    private long[][] _noCoupon = [];

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

    private long Sum(long[] state)
    {
        long total = 0;
        for (int i = 0, n = _s.Cart.Count; i < n; i++) total += state[i];
        return total;
    }

    /// <summary>Counts one choice; false once the budget is spent (the search then unwinds).</summary>
    private bool Spend()
    {
        if (++_choices % CancellationCheckEvery == 0) _cancellation.ThrowIfCancellationRequested();
        if (_choices <= _maxChoices) return true;
        Bounded = true;
        return false;
    }

    // ---- the depth-first search -----------------------------------------------------------------------

    /// <summary>Runs layer <paramref name="layer"/>'s thresholds on a copy of <paramref name="input"/>, then chooses its coupons.</summary>
    private void SearchLayer(int layer, int depth, long[] input)
    {
        if (_chosenCount == 0)
        {
            SearchLayerCoupons(layer, depth, _noCoupon[layer]); // no coupon yet: the pass with no coupon has run its thresholds
            return;
        }
        // Before the layer's thresholds run, the bounds worked out before any layer (amounts only go down)
        // cost nothing: the most this layer and the later ones could take off is the previous layer's "later
        // layers". Tighter ones on these amounts cost about what running the thresholds does, and the layer's
        // coupons work them out after the thresholds anyway (measured: checking twice was slower).
        if (_prune && _hasBest && Hopeless(Sum(input), _laterLayers[layer - 1], _thresholdsFrom[layer])) return;
        long[] state = Buffer(depth);
        input.AsSpan(0, _s.Cart.Count).CopyTo(state);
        _thresholds.Run(layer, state, record: false);
        SearchLayerCoupons(layer, depth + 1, state);
    }

    private void SearchLayerCoupons(int layer, int depth, long[] state)
    {
        var (groupStart, groupCount) = _candidates.Groups(layer);
        int slots = _s.Rules.Layers[layer].MaxCoupons;
        if (groupCount == 0 || slots == 0)
        {
            LayerDone(layer, depth, state);
            return;
        }
        long stateTotal = Sum(state);
        // Most branches that reach a layer cannot beat the best any more: a few of its candidates' own
        // discounts here tell, before the bounds of every candidate are worked out.
        if (_prune)
        {
            // First the bounds worked out before any layer, which cost nothing here.
            if (_hasBest && Hopeless(stateTotal, Saturating(_rootLayerMost[layer], _laterLayers[layer]), _thresholdsFrom[layer + 1])) return;
            // What the later layers could take off, measured on these amounts: tighter than before any
            // layer, and still a bound for everything this layer's coupons leave (they only lower amounts).
            long later = 0, laterThresholds = 0;
            for (int l = layer + 1; l < _s.Rules.Layers.Length; l++)
            {
                long thresholds = _thresholds.MostOffByRate(l, state);
                laterThresholds = Saturating(laterThresholds, thresholds);
                later = Saturating(Saturating(later, thresholds), LayerMost(l, state, _s.Rules.Layers[l].MaxCoupons));
            }
            _laterAt[layer] = Math.Min(later, _laterLayers[layer]);
            if (_hasBest && Hopeless(stateTotal, Saturating(LayerMost(layer, state, slots), _laterAt[layer]),
                    Math.Min(laterThresholds, _thresholdsFrom[layer + 1]))) return;
            LayerBounds(layer, state);
        }
        Choose(layer, depth, state, groupStart, groupStart + groupCount, slots, stateTotal);
    }

    /// <summary>How many instances of group <paramref name="g"/> to take, then the groups after it.</summary>
    private void Choose(int layer, int depth, long[] state, int g, int end, int slots, long stateTotal)
    {
        if (Bounded) return;
        if (_prune && _hasBest && Hopeless(stateTotal, Saturating(SuffixBound(layer, g, slots), _laterAt[layer]), _thresholdsFrom[layer + 1])) return;
        if (g == end || slots == 0)
        {
            LayerDone(layer, depth, state);
            return;
        }

        Choose(layer, depth, state, g + 1, end, slots, stateTotal); // none of this group
        // Then one instance, two, … of it: instances are alike, so the first ones (smallest codes) serve.
        var (first, count) = _candidates.Group(g);
        int most = Math.Min(slots, count);
        if (most == 1 && layer + 1 == _s.Rules.Layers.Length && slots == 1)
        {
            // The last coupon the last layer may take ends the pass: only its discount changes the total
            // (its shares sum to it), so it is not applied to a copy of the amounts.
            if (!_s.Limits.CouponUseLeft(_candidates[first].Coupon) || !Spend()) return;
            long off = _candidates.DiscountIfApplies(first, state);
            if (off == 0) return;
            Grow.To(ref _chosen, _chosenCount + 1);
            _chosen[_chosenCount++] = first;
            Consider(stateTotal - off);
            _chosenCount--;
            return;
        }
        long[] current = state;
        long total = stateTotal;
        int taken = 0;
        while (taken < most && !Bounded)
        {
            int c = first + taken;
            if (!_s.Limits.CouponUseLeft(_candidates[c].Coupon) || !Spend()) break;
            long[] next = Buffer(depth + taken);
            current.AsSpan(0, _s.Cart.Count).CopyTo(next);
            long discount = _candidates.Apply(c, next, record: false);
            if (discount == 0) break; // a further instance would meet the same amounts with no more budget
            Grow.To(ref _appliedAt, depth + taken + 1);
            _appliedAt[depth + taken] = discount;
            Grow.To(ref _chosen, _chosenCount + 1);
            _chosen[_chosenCount++] = c;
            taken++;
            total -= discount;
            Choose(layer, depth + taken, next, g + 1, end, slots - taken, total);
            current = next;
        }
        for (int k = taken - 1; k >= 0; k--) _candidates.Unapply(first + k, _appliedAt[depth + k]);
        _chosenCount -= taken;
    }

    /// <summary>
    /// Whether a branch at <paramref name="stateTotal"/> that can take at most <paramref name="most"/> more
    /// off cannot beat the best choice: its total would be higher, or at best equal while it already has
    /// as many coupons as the best and needs another coupon to get there (more than the thresholds still
    /// to come could take off) — an equal total with more coupons loses the tie.
    /// </summary>
    /// <param name="stateTotal">The branch's total now.</param>
    /// <param name="most">The most it could still take off.</param>
    /// <param name="thresholdsLeft">The most the thresholds still to run could take off.</param>
    private bool Hopeless(long stateTotal, long most, long thresholdsLeft)
    {
        long lowest = stateTotal - most;
        if (lowest > _bestTotal) return true;
        if (lowest < _bestTotal || _chosenCount < BestCount) return false;
        return stateTotal - _bestTotal > thresholdsLeft;
    }

    /// <summary>The layer's coupons are chosen: the next layer, or the end of the pass.</summary>
    private void LayerDone(int layer, int depth, long[] state)
    {
        if (layer + 1 == _s.Rules.Layers.Length)
        {
            Consider(Sum(state));
            return;
        }
        // Branches reaching the same amounts here continue alike: only the better prefix goes on.
        if (_prune && !_memo.Admit(layer, state, _chosen.AsSpan(0, _chosenCount), _candidates)) return;
        SearchLayer(layer + 1, depth, state);
    }

    /// <summary>Each exclusive coupon alone, across all layers; of several instances of one definition only the smallest code can win.</summary>
    private void Exclusives()
    {
        var exclusive = _candidates.Exclusive;
        for (int x = 0; x < exclusive.Length; x++)
        {
            int c = exclusive[x];
            var coupon = _candidates[c].Coupon;
            if (_s.Rules.Layers[coupon.LayerIndex].MaxCoupons < 1 || SmallerExclusiveOfSameCoupon(c, exclusive)) continue;
            if (!Spend()) return;
            long[] state = Buffer(0);
            _s.Amounts.Amount.AsSpan(0, _s.Cart.Count).CopyTo(state);
            long applied = 0;
            bool applies = true;
            for (int l = 0; l < _s.Rules.Layers.Length && applies; l++)
            {
                _thresholds.Run(l, state, record: false);
                if (l == coupon.LayerIndex) applies = (applied = _candidates.Apply(c, state, record: false)) > 0;
            }
            if (!applies) continue;
            _candidates.Unapply(c, applied);
            Grow.To(ref _chosen, 1);
            _chosen[0] = c;
            _chosenCount = 1;
            Consider(Sum(state));
            _chosenCount = 0;
        }
    }

    private bool SmallerExclusiveOfSameCoupon(int c, ReadOnlySpan<int> exclusive)
    {
        foreach (int other in exclusive)
            if (ReferenceEquals(_candidates[other].Coupon, _candidates[c].Coupon) && string.CompareOrdinal(_candidates[other].Code, _candidates[c].Code) < 0)
                return true;
        return false;
    }

    // ---- the greedy first choice -------------------------------------------------------------------

    /// <summary>
    /// A good choice found cheaply, so that the bounds cut from the start: layer by layer, the candidates
    /// with the largest bounds first (a few per slot), each kept when the layer's coupons, applied in
    /// coupon order, all apply and take more off with it than without.
    /// </summary>
    private void Greedy()
    {
        int n = _s.Cart.Count;
        long[] state = Buffer(0);
        long[] trial = Buffer(1);
        AfterFirstThresholds.AsSpan(0, n).CopyTo(state);
        _chosenCount = 0;
        for (int l = 0; l < _s.Rules.Layers.Length && !Bounded; l++)
        {
            if (l > 0) _thresholds.Run(l, state, record: false);
            var (start, count) = _candidates.Layer(l);
            int slots = _s.Rules.Layers[l].MaxCoupons;
            int layerFirst = _chosenCount;
            long best = Sum(state);
            int tries = 0;
            foreach (int c in ByRootBound(start, count))
            {
                if (_chosenCount - layerFirst == slots || _rootBound[c] == 0 || ++tries > GreedyTriesPerSlot * slots) break;
                // The layer's chosen candidates stay in coupon order: candidate numbers are in coupon order.
                Grow.To(ref _chosen, _chosenCount + 1);
                int at = _chosenCount;
                while (at > layerFirst && _chosen[at - 1] > c) { _chosen[at] = _chosen[at - 1]; at--; }
                _chosen[at] = c;
                _chosenCount++;
                long total = TryLayer(state, trial, layerFirst);
                if (total >= 0 && total < best) best = total;
                else
                {
                    _chosenCount--;
                    Array.Copy(_chosen, at + 1, _chosen, at, _chosenCount - at);
                }
            }
            if (TryLayer(state, trial, layerFirst) < 0) break; // the budget ran out while trying
            trial.AsSpan(0, n).CopyTo(state);
        }
        if (!Bounded) Consider(Sum(state));
        _chosenCount = 0;
    }

    /// <summary>
    /// Applies the layer's chosen candidates (from <paramref name="layerFirst"/>) to a copy of
    /// <paramref name="state"/> in <paramref name="into"/>, then gives their uses and budget back; returns
    /// the total, or −1 when one does not apply.
    /// </summary>
    private long TryLayer(long[] state, long[] into, int layerFirst)
    {
        state.AsSpan(0, _s.Cart.Count).CopyTo(into);
        Grow.To(ref _greedyApplied, _chosenCount);
        int applied = layerFirst;
        for (; applied < _chosenCount; applied++)
        {
            int c = _chosen[applied];
            if (!_s.Limits.CouponUseLeft(_candidates[c].Coupon) || !Spend()) break;
            long discount = _candidates.Apply(c, into, record: false);
            if (discount == 0) break;
            _greedyApplied[applied] = discount;
        }
        bool all = applied == _chosenCount;
        for (int k = applied - 1; k >= layerFirst; k--) _candidates.Unapply(_chosen[k], _greedyApplied[k]);
        return all ? Sum(into) : -1;
    }

    private ReadOnlySpan<int> ByRootBound(int start, int count)
    {
        Grow.To(ref _byBound, count);
        var order = _byBound.AsSpan(0, count);
        for (int k = 0; k < count; k++) order[k] = start + k;
        SpanSort.Sort(order, new ByBoundDescending(_rootBound));
        return order;
    }

    private readonly struct ByBoundDescending(long[] bound) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int c = bound[b].CompareTo(bound[a]);
            return c != 0 ? c : a.CompareTo(b);
        }
    }

    // ---- bounds ------------------------------------------------------------------------------------

    /// <summary>Each candidate's discount before any layer, and per layer the most all later layers could take off.</summary>
    private void RootBounds()
    {
        Array.Clear(_rootOrderReady);
        _thresholds.PrepareRates();
        var amounts = _s.Amounts.Amount;
        Grow.To(ref _rootBound, _candidates.Count);
        for (int c = 0; c < _candidates.Count; c++) _rootBound[c] = _candidates.DiscountIfApplies(c, amounts);
        int layers = _s.Rules.Layers.Length;
        Grow.To(ref _laterLayers, layers);
        Grow.To(ref _laterAt, layers);
        Grow.To(ref _thresholdMost, layers);
        Grow.To(ref _thresholdsFrom, layers + 1);
        Grow.To(ref _rootLayerMost, layers);
        long later = 0;
        _thresholdsFrom[layers] = 0;
        for (int l = layers - 1; l >= 0; l--)
        {
            _laterLayers[l] = later;
            var (start, count) = _candidates.Layer(l);
            _thresholdMost[l] = l == 0 ? 0 : _thresholds.MostOffByRate(l, amounts); // the first layer's ran before any coupon
            _thresholdsFrom[l] = Saturating(_thresholdsFrom[l + 1], _thresholdMost[l]);
            _rootLayerMost[l] = LargestSum(_rootBound, start, count, _s.Rules.Layers[l].MaxCoupons);
            later = Saturating(later, _rootLayerMost[l]);
            later = Saturating(later, _thresholdMost[l]);
        }
    }

    /// <summary>The layer's candidates' discounts on <paramref name="state"/>, and for each group the most the groups from it on could take with each number of slots.</summary>
    private void LayerBounds(int layer, long[] state)
    {
        var (start, count) = _candidates.Layer(layer);
        Grow.To(ref _layerBound, _candidates.Count);
        for (int c = start; c < start + count; c++) _layerBound[c] = Math.Min(_rootBound[c], _candidates.DiscountIfApplies(c, state));

        // Per group (last to first), the prefix sums of the largest discounts the groups from it on could
        // give, one per slot: each instance of a group at most its candidate's bound. The next group's
        // row holds its items largest first as prefix sums, so an item is a difference of two.
        var (groupStart, groupCount) = _candidates.Groups(layer);
        int width = Math.Min(_s.Rules.Layers[layer].MaxCoupons, count) + 1;
        var tops = Tops(layer, (groupCount + 1) * width);
        int last = groupCount * width;
        for (int k = 0; k < width; k++) tops[last + k] = 0;
        for (int gi = groupCount - 1; gi >= 0; gi--)
        {
            var (first, instances) = _candidates.Group(groupStart + gi);
            long value = _layerBound[first];
            int row = gi * width, next = row + width;
            int fromGroup = 0, fromNext = 0;
            tops[row] = 0;
            for (int k = 1; k < width; k++)
            {
                long nextItem = fromNext + 1 < width ? tops[next + fromNext + 1] - tops[next + fromNext] : 0;
                if (fromGroup < instances && value >= nextItem) { tops[row + k] = Saturating(tops[row + k - 1], value); fromGroup++; }
                else { tops[row + k] = Saturating(tops[row + k - 1], nextItem); fromNext++; }
            }
        }
        _topWidth[layer] = width;
    }

    private long[] Tops(int layer, int size)
    {
        int layers = _s.Rules.Layers.Length;
        if (_tops.Length < layers)
        {
            Array.Resize(ref _tops, layers);
            Array.Resize(ref _topWidth, layers);
        }
        var tops = _tops[layer] ?? [];
        Grow.To(ref tops, size);
        return _tops[layer] = tops;
    }

    /// <summary>The most the layer's groups from <paramref name="g"/> on could take off with <paramref name="slots"/> coupons.</summary>
    private long SuffixBound(int layer, int g, int slots)
    {
        int width = _topWidth[layer];
        return _tops[layer][(g - _candidates.Groups(layer).Start) * width + Math.Min(slots, width - 1)];
    }

    /// <summary>
    /// The most <paramref name="slots"/> of the layer's candidates could take off <paramref name="state"/>:
    /// the largest of their discounts there, found by trying candidates in the order of their root bounds
    /// and stopping once no untried root bound (a discount is never above it) could enter the largest.
    /// </summary>
    private long LayerMost(int layer, long[] state, int slots)
    {
        var (start, count) = _candidates.Layer(layer);
        var order = RootOrder(layer, start, count);
        int keep = Math.Min(slots, count);
        Grow.To(ref _topScratch, keep + 1);
        var top = _topScratch.AsSpan(0, keep); // the largest discounts found, smallest first
        top.Clear();
        foreach (int c in order)
        {
            if (_rootBound[c] <= top[0]) break;
            long discount = _candidates.DiscountIfApplies(c, state);
            if (discount <= top[0]) continue;
            int at = 0;
            while (at + 1 < keep && top[at + 1] < discount) { top[at] = top[at + 1]; at++; }
            top[at] = discount;
        }
        long sum = 0;
        foreach (long value in top) sum = Saturating(sum, value);
        return sum;
    }

    // Per layer, its candidates by root bound, largest first: worked out once per cart.
    private int[][] _rootOrder = [];
    private bool[] _rootOrderReady = [];

    private ReadOnlySpan<int> RootOrder(int layer, int start, int count)
    {
        int layers = _s.Rules.Layers.Length;
        if (_rootOrder.Length < layers)
        {
            Array.Resize(ref _rootOrder, layers);
            Array.Resize(ref _rootOrderReady, layers);
        }
        var order = _rootOrder[layer] ?? [];
        if (!_rootOrderReady[layer])
        {
            Grow.To(ref order, count);
            for (int k = 0; k < count; k++) order[k] = start + k;
            SpanSort.Sort(order.AsSpan(0, count), new ByBoundDescending(_rootBound));
            _rootOrder[layer] = order;
            _rootOrderReady[layer] = true;
        }
        return order.AsSpan(0, count);
    }

    /// <summary>The sum of the <paramref name="take"/> largest values among [start, start + count).</summary>
    private long LargestSum(long[] values, int start, int count, int take)
    {
        if (take <= 0 || count <= 0) return 0;
        Grow.To(ref _topScratch, count);
        Array.Copy(values, start, _topScratch, 0, count);
        var span = _topScratch.AsSpan(0, count);
        span.Sort();
        long sum = 0;
        for (int k = 0; k < Math.Min(take, count); k++) sum = Saturating(sum, span[count - 1 - k]);
        return sum;
    }

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    // ---- the best choice ---------------------------------------------------------------------------

    private void Consider(long total)
    {
        if (_hasBest)
        {
            int cmp = total.CompareTo(_bestTotal);
            if (cmp == 0) cmp = ChoiceOrder.Compare(_chosen.AsSpan(0, _chosenCount), _best.AsSpan(0, BestCount), _candidates, ref _sortScratch);
            if (cmp >= 0) return;
        }
        _hasBest = true;
        _bestTotal = total;
        BestCount = _chosenCount;
        Grow.To(ref _best, _chosenCount);
        _chosen.AsSpan(0, _chosenCount).CopyTo(_best);
    }
}
