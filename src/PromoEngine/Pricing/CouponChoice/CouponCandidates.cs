using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// The cart's coupons sorted into static rejections (§5.1, §11) and candidates, each candidate with the
/// lines it may take, and how a candidate applies to a set of line amounts. Candidates are numbered
/// layer by layer in coupon order (priority desc, couponId, code), exclusive ones last.
/// </summary>
internal sealed class CouponCandidates : ICouponCodes
{
    public struct Candidate
    {
        public CompiledCoupon Coupon;
        public string Code;
        /// <summary>Its place in the cart's coupon list.</summary>
        public int Position;
        /// <summary>Its discount in the recorded pass; 0 when not used.</summary>
        public long Applied;
        /// <summary>Its eligible lines and total at its layer in the pass with no coupon (for its reason and hint).</summary>
        public int JudgedCount;
        public long JudgedTotal;
        /// <summary>The lines it may take (scope, excludePromoted), from <see cref="LineStart"/> in the line list.</summary>
        public int LineStart;
        public int LineCount;
    }

    private readonly PassState _s;
    private readonly CandidateCollection _collection;
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private CouponReason?[] _staticReason = [];   // by cart position
    private CompiledCoupon?[] _instanceCoupon = []; // by cart position
    private int _instances;
    private Candidate[] _candidates = [];
    private int[] _layerStart = [], _layerCount = [];
    // Instances of one definition sit side by side in coupon order: a group is such a run of candidates.
    private int[] _groupStart = [], _groupCount = [];
    private int[] _layerGroupStart = [], _layerGroupCount = [];
    private int[] _exclusive = [];
    private int[] _lines = [];
    private int[] _hintOrder = [];

    // Which coupon definitions are in the cart, and the candidates of each (a definition may come as
    // several instances): the scope index names definitions, the pass needs candidates.
    private readonly EpochMarks _inCart, _seenOnLine;
    private readonly int[] _firstOfCoupon;
    private int[] _nextOfCoupon = [];
    private bool[] _inScope = [];

    public CouponCandidates(PassState state, CandidateCollection collection)
    {
        _s = state;
        _collection = collection;
        int coupons = state.Rules.CouponsByOrdinal.Length;
        _inCart = new EpochMarks(coupons);
        _seenOnLine = new EpochMarks(coupons);
        _firstOfCoupon = new int[coupons];
    }

    public int Count { get; private set; }
    public int ExclusiveCount { get; private set; }

    public ref Candidate this[int c] => ref _candidates[c];

    public string Code(int candidate) => _candidates[candidate].Code;

    /// <summary>The candidates of <paramref name="layer"/> (non-exclusive): [start, start + count).</summary>
    public (int Start, int Count) Layer(int layer) => (_layerStart[layer], _layerCount[layer]);

    public ReadOnlySpan<int> Exclusive => _exclusive.AsSpan(0, ExclusiveCount);

    /// <summary>The groups of <paramref name="layer"/>: [start, start + count) in group numbers.</summary>
    public (int Start, int Count) Groups(int layer) => (_layerGroupStart[layer], _layerGroupCount[layer]);

    /// <summary>Group <paramref name="g"/>: the instances of one definition, [start, start + count) in candidate numbers, in code order.</summary>
    public (int Start, int Count) Group(int g) => (_groupStart[g], _groupCount[g]);

    /// <summary>Static checks in the order of §11; the rest become candidates.</summary>
    public void Classify()
    {
        var coupons = _s.Cart.Definition.Coupons;
        int count = _instances = coupons?.Count ?? 0;
        Grow.To(ref _staticReason, count);
        Grow.To(ref _instanceCoupon, count);
        Grow.To(ref _candidates, count);
        Grow.To(ref _exclusive, count);
        int layers = _s.Rules.Layers.Length;
        Grow.To(ref _layerStart, layers);
        Grow.To(ref _layerCount, layers);
        _codes.Clear();

        for (int i = 0; i < count; i++)
        {
            var instance = coupons![i];
            bool first = _codes.Add(instance.Code!);
            _instanceCoupon[i] = _s.Rules.Coupons.TryGetValue(instance.CouponId!, out var coupon) ? coupon : null;
            _staticReason[i] = coupon is null ? CouponReason.UnknownCoupon
                : !first ? CouponReason.DuplicateCode
                : RuleLimits.CodeUsed(instance.Code!, coupon, _s.Cart) ? CouponReason.CodeUsed
                : coupon.Conditions.FirstFailure(_s.Cart.Facts) is { } failure ? failure
                : _s.Limits.CouponExhausted(coupon, _s.Cart) ? CouponReason.LimitReached
                : null;
        }

        // Candidates are written layer by layer, each layer in coupon order; exclusive ones go to the end.
        Count = 0;
        ExclusiveCount = 0;
        for (int l = 0; l < layers; l++)
        {
            _layerStart[l] = Count;
            for (int i = 0; i < count; i++)
            {
                if (_staticReason[i] is not null) continue;
                var coupon = _instanceCoupon[i]!;
                if (coupon.LayerIndex == l && !coupon.Exclusive) Add(i, coupon);
            }
            _layerCount[l] = Count - _layerStart[l];
            _candidates.AsSpan(_layerStart[l], _layerCount[l]).Sort(static (a, b) => Compare(a, b));
        }
        for (int i = 0; i < count; i++)
            if (_staticReason[i] is null && _instanceCoupon[i]!.Exclusive) _exclusive[ExclusiveCount++] = Add(i, _instanceCoupon[i]!);
        FindGroups(layers);
        FindLines();
    }

    /// <summary>Splits each layer's candidates into runs of instances of one definition.</summary>
    private void FindGroups(int layers)
    {
        Grow.To(ref _groupStart, Count);
        Grow.To(ref _groupCount, Count);
        Grow.To(ref _layerGroupStart, layers);
        Grow.To(ref _layerGroupCount, layers);
        int groups = 0;
        for (int l = 0; l < layers; l++)
        {
            _layerGroupStart[l] = groups;
            for (int c = _layerStart[l], end = c + _layerCount[l]; c < end; c++)
            {
                if (c > _layerStart[l] && ReferenceEquals(_candidates[c].Coupon, _candidates[c - 1].Coupon))
                {
                    _groupCount[groups - 1]++;
                    continue;
                }
                _groupStart[groups] = c;
                _groupCount[groups++] = 1;
            }
            _layerGroupCount[l] = groups - _layerGroupStart[l];
        }
    }

    private int Add(int position, CompiledCoupon coupon)
    {
        int c = Count++;
        _candidates[c] = new Candidate { Coupon = coupon, Code = _s.Cart.Definition.Coupons![position].Code!, Position = position };
        return c;
    }

    /// <summary>Coupon order (§5 step 4b): priority desc, then couponId, then code.</summary>
    public static int Compare(in Candidate a, in Candidate b)
    {
        int c = b.Coupon.Priority.CompareTo(a.Coupon.Priority);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Coupon.Id, b.Coupon.Id);
        return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
    }

    /// <summary>
    /// Which lines each candidate may take (§5.1, §9): in its scope and, with excludePromoted, not
    /// promoted. Scopes come from the scope index entries each line looked up while collecting
    /// promotions, so many coupons cost no string matching beyond exclude lists. Promoted is final after
    /// the multibuy stage, so the lists hold for the whole choice; only amount &gt; 0 is left to each use.
    /// </summary>
    private void FindLines()
    {
        if (Count == 0) return;
        int n = _s.Cart.Count;
        Grow.To(ref _nextOfCoupon, Count);
        Grow.To(ref _inScope, Count * n);
        Array.Clear(_inScope, 0, Count * n);

        _inCart.NextEpoch();
        for (int c = Count - 1; c >= 0; c--)
        {
            int o = _candidates[c].Coupon.Ordinal;
            if (_inCart.TryMark(o)) _firstOfCoupon[o] = -1;
            _nextOfCoupon[c] = _firstOfCoupon[o];
            _firstOfCoupon[o] = c;
        }

        for (int i = 0; i < n; i++)
        {
            _seenOnLine.NextEpoch();
            foreach (var entry in _collection.Entries(i))
            {
                foreach (int o in entry.Coupons)
                {
                    if (!_inCart.IsMarked(o) || !_seenOnLine.TryMark(o)) continue; // not in the cart, or seen
                    var scope = _s.Rules.CouponsByOrdinal[o].Scope;
                    if (scope.HasExcludes && !_s.Cart.InScope(scope, i)) continue; // found by an include key: only excludes can refuse it
                    for (int c = _firstOfCoupon[o]; c >= 0; c = _nextOfCoupon[c]) _inScope[c * n + i] = true;
                }
            }
        }

        Grow.To(ref _lines, Count * n);
        int written = 0;
        var promoted = _s.Amounts.Promoted;
        for (int c = 0; c < Count; c++)
        {
            ref var candidate = ref _candidates[c];
            candidate.LineStart = written;
            bool skipPromoted = candidate.Coupon.ExcludePromoted;
            for (int i = 0; i < n; i++)
                if (_inScope[c * n + i] && !(skipPromoted && promoted[i])) _lines[written++] = i;
            candidate.LineCount = written - candidate.LineStart;
        }
    }

    /// <summary>Candidate <paramref name="c"/>'s eligible lines on <paramref name="amounts"/> (into <see cref="PassState.Eligible"/>) and their total.</summary>
    public int Eligible(int c, long[] amounts, out long total)
    {
        // The search's hottest loop: the count and arrays are held in locals.
        var into = _s.Eligible.Lines;
        var lines = _lines;
        int count = 0;
        long sum = 0;
        ref readonly var candidate = ref _candidates[c];
        for (int k = candidate.LineStart, end = k + candidate.LineCount; k < end; k++)
        {
            int i = lines[k];
            long amount = amounts[i];
            if (amount <= 0) continue;
            into[count++] = i;
            sum += amount;
        }
        _s.Eligible.SetCount(count);
        total = sum;
        return count;
    }

    /// <summary>The discount candidate <paramref name="c"/> would give on <paramref name="amounts"/> in the choice being tried; 0 when it does not apply.</summary>
    public long DiscountIfApplies(int c, long[] amounts)
    {
        int count = Eligible(c, amounts, out long total);
        return DiscountIfApplies(c, count, total);
    }

    private long DiscountIfApplies(int c, int eligibleLines, long eligibleTotal)
    {
        var coupon = _candidates[c].Coupon;
        return eligibleLines == 0 || eligibleTotal < coupon.MinSpend ? 0 : _s.Limits.WithinCouponBudget(coupon, Discount(coupon, eligibleTotal));
    }

    /// <summary>
    /// Applies candidate <paramref name="c"/> on <paramref name="amounts"/> and notes it in the choice
    /// being tried (its definition's uses and budget, §14); returns its discount, 0 when it does not
    /// apply (no eligible line, minSpend not reached, or nothing off).
    /// </summary>
    public long Apply(int c, long[] amounts, bool record)
    {
        int count = Eligible(c, amounts, out long total);
        long discount = DiscountIfApplies(c, count, total);
        if (discount == 0) return 0;
        ref var candidate = ref _candidates[c];
        _s.Limits.Take(candidate.Coupon, discount);
        var eligible = _s.Eligible;
        eligible.Split(discount, amounts, _s.Cart.IdRank);
        for (int k = 0; k < eligible.Count; k++)
        {
            int i = eligible.Lines[k];
            long share = eligible.Shares[k];
            amounts[i] -= share;
            if (record && share > 0) _s.Adjustments.Add(i, candidate.Code, PricingStage.Coupon, share, candidate.Coupon.Funding);
        }
        if (record) candidate.Applied = discount;
        return discount;
    }

    /// <summary>Gives back to the choice being tried what <see cref="Apply"/> took.</summary>
    public void Unapply(int c, long discount) => _s.Limits.GiveBack(_candidates[c].Coupon, discount);

    /// <summary>A coupon's discount on an eligible total: amount or percentage, capped at maxOff and at the total.</summary>
    public long Discount(CompiledCoupon coupon, long total)
    {
        long off = coupon.AmountOff ?? coupon.PercentOff!.Value.Of(total, _s.Rules.Rounding);
        if (coupon.MaxOff is { } max) off = Math.Min(off, max);
        return Math.Min(off, total);
    }

    /// <summary>In the pass with no coupon: each candidate of the layer's eligible lines and total, for its reason and hint.</summary>
    public void Judge(int layer, long[] amounts)
    {
        for (int c = 0; c < Count; c++)
        {
            ref var candidate = ref _candidates[c];
            if (candidate.Coupon.LayerIndex == layer) candidate.JudgedCount = Eligible(c, amounts, out candidate.JudgedTotal);
        }
    }

    /// <summary>Forgets the recorded discounts, before a choice is recorded.</summary>
    public void ClearApplied()
    {
        for (int c = 0; c < Count; c++) _candidates[c].Applied = 0;
    }

    /// <summary>The layer's minSpend hints (§6), in coupon order, exclusive candidates included.</summary>
    public void Hints(int layer)
    {
        Grow.To(ref _hintOrder, Count);
        int count = 0;
        for (int c = 0; c < Count; c++)
            if (_candidates[c].Coupon.LayerIndex == layer) _hintOrder[count++] = c;
        var inLayer = _hintOrder.AsSpan(0, count);
        SpanSort.Sort(inLayer, new InCouponOrder(_candidates));
        foreach (int c in inLayer) Hint(c);
    }

    private readonly struct InCouponOrder(Candidate[] candidates) : IComparer<int>
    {
        public int Compare(int a, int b) => CouponCandidates.Compare(candidates[a], candidates[b]);
    }

    /// <summary>A minSpend hint for a candidate that was not used and fell short in the pass with no coupon.</summary>
    private void Hint(int c)
    {
        ref readonly var candidate = ref _candidates[c];
        if (candidate.Applied > 0 || candidate.JudgedCount == 0) return;
        var coupon = candidate.Coupon;
        if (candidate.JudgedTotal >= coupon.MinSpend) return;
        long saving = Math.Min(Discount(coupon, coupon.MinSpend), _s.Limits.CouponBudget(coupon));
        if (saving > 0) _s.Output.AddHint(candidate.Code, coupon.Name, coupon.MinSpend - candidate.JudgedTotal, false, saving, null);
    }

    /// <summary>One coupon entry per cart coupon, in cart order (§5.1, §6).</summary>
    public void WriteResults()
    {
        var coupons = _s.Cart.Definition.Coupons;
        int count = coupons?.Count ?? 0;
        for (int i = 0; i < count; i++)
        {
            var instance = coupons![i];
            if (_staticReason[i] is { } reason)
            {
                _s.Output.AddCoupon(instance.Code!, instance.CouponId!, _instanceCoupon[i]?.Name, 0, reason);
                continue;
            }
            ref readonly var candidate = ref _candidates[CandidateAt(i)];
            if (candidate.Applied > 0) _s.Output.AddCoupon(instance.Code!, instance.CouponId!, candidate.Coupon.Name, candidate.Applied, null);
            else
            {
                var why = candidate.JudgedCount == 0 ? CouponReason.NoEligibleItems
                    : candidate.JudgedTotal < candidate.Coupon.MinSpend ? CouponReason.MinSpendNotMet
                    : CouponReason.NotInBestCombination;
                _s.Output.AddCoupon(instance.Code!, instance.CouponId!, candidate.Coupon.Name, 0, why);
            }
        }
    }

    private int CandidateAt(int position)
    {
        for (int c = 0; c < Count; c++)
            if (_candidates[c].Position == position) return c;
        throw new InvalidOperationException("internal error: coupon candidate not found");
    }

    /// <summary>Drops the references to the rule set's coupons and the cart's codes.</summary>
    public void Release()
    {
        Array.Clear(_candidates, 0, Count);
        Array.Clear(_instanceCoupon, 0, _instances);
        _instances = 0;
    }
}
