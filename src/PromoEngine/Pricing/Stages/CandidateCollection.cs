using System.Numerics;
using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Finds the promotions that concern the cart through the rule index, so that cost follows the cart's
/// lines and not the size of the rule set: for each active promotion, the lines in its scope. The
/// result is one group per promotion, in promotion order, each group's lines in cart order — exactly
/// the walk every later stage needs — sorted into the item stage, the multibuy stage and each layer's
/// thresholds. Each line's index entries are kept for member prices and coupon scopes.
/// </summary>
internal sealed class CandidateCollection
{
    /// <summary>A promotion and its lines: <see cref="Count"/> pairs from <see cref="Start"/>.</summary>
    public struct Group
    {
        public int Rank;
        public int Start;
        public int Count;
    }

    private readonly PassState _s;
    private readonly EpochMarks _active;      // per promotion: activity worked out for this cart (flag: active)
    private readonly EpochMarks _seenOnLine;  // per promotion: already paired with the current line (long carts)
    private readonly RankSet _touched;        // active promotions met, for groups in promotion order
    private readonly int[] _rankCount, _rankFill;
    private readonly ulong[] _rankLines;      // per promotion, its lines as bits (carts of ≤ 64 lines)
    private bool _touchedPending;
    private int _touchedCount;

    // (promotion rank << 32 | line) pairs, grouped per promotion.
    private long[] _pairs = [], _pairsInLineOrder = [];
    private int _pairCount;
    private bool _useLineMasks;
    private Group[] _groups = [];
    private int[] _drained = [];

    // Each line's scope-index entries: rules without include lists, then those naming its sku,
    // categories, brand and tags; looked up once here, read again for member prices and coupons.
    private ScopeIndexEntry[] _lineEntries = [];
    private int[] _lineEntryStart = [], _lineEntryCount = [];
    private int _lineEntryTotal;

    // Groups by stage, in promotion order: each stage walks only its own.
    private int[] _itemGroups = [], _multibuyGroups = [], _layerThresholds = [];
    private int[] _layerThresholdStart = [], _layerThresholdCount = [];

    public CandidateCollection(PassState state)
    {
        _s = state;
        int promotions = state.Rules.Promotions.Length;
        _active = new EpochMarks(promotions);
        _seenOnLine = new EpochMarks(promotions);
        _touched = new RankSet(promotions);
        _rankCount = new int[promotions];
        _rankFill = new int[promotions];
        _rankLines = new ulong[promotions];
    }

    public int GroupCount { get; private set; }

    public ref readonly Group this[int g] => ref _groups[g];

    public CompiledPromotion Promotion(int g) => _s.Rules.Promotions[_groups[g].Rank];

    /// <summary>The line of pair <paramref name="k"/> (a position within a group's range).</summary>
    public int Line(int k) => (int)(_pairs[k] & 0xFFFFFFFF);

    public int ItemGroupCount { get; private set; }
    public int MultibuyGroupCount { get; private set; }
    public ReadOnlySpan<int> ItemGroups => _itemGroups.AsSpan(0, ItemGroupCount);
    public ReadOnlySpan<int> MultibuyGroups => _multibuyGroups.AsSpan(0, MultibuyGroupCount);

    /// <summary>The threshold groups of <paramref name="layer"/>, in promotion order.</summary>
    public ReadOnlySpan<int> Thresholds(int layer) => _layerThresholds.AsSpan(_layerThresholdStart[layer], _layerThresholdCount[layer]);

    /// <summary>The threshold groups of the layers from <paramref name="layer"/> on.</summary>
    public ReadOnlySpan<int> ThresholdsFrom(int layer)
    {
        int last = _s.Rules.Layers.Length - 1;
        int end = _layerThresholdStart[last] + _layerThresholdCount[last];
        return _layerThresholds.AsSpan(_layerThresholdStart[layer], end - _layerThresholdStart[layer]);
    }

    /// <summary>Line <paramref name="line"/>'s entries of the scope index.</summary>
    public ReadOnlySpan<ScopeIndexEntry> Entries(int line) => _lineEntries.AsSpan(_lineEntryStart[line], _lineEntryCount[line]);

    public void Collect()
    {
        int n = _s.Cart.Count;
        _active.NextEpoch();
        _lineEntryTotal = 0;
        Grow.To(ref _lineEntryStart, n);
        Grow.To(ref _lineEntryCount, n);

        // Carts of up to 64 lines note each promotion's lines as bits; longer carts note the pairs in
        // line order and a count per promotion. The active promotions met are noted in _touched.
        // (Should a pass ever have thrown before draining, the set and the notes are emptied first.)
        _useLineMasks = n <= 64;
        if (_touchedPending)
        {
            int stale = DrainTouched();
            for (int t = 0; t < stale; t++)
            {
                _rankCount[_drained[t]] = 0;
                _rankLines[_drained[t]] = 0;
            }
        }
        _touchedPending = true;
        _touchedCount = 0;
        _pairCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (!_useLineMasks) _seenOnLine.NextEpoch();
            WalkIndex(i);
            foreach (var entry in Entries(i)) AddPairs(entry.Promotions, i);
        }

        // One group per promotion with pairs, in promotion order (the set gives ranks ascending).
        int touched = DrainTouched();
        Grow.To(ref _groups, touched);
        Grow.To(ref _pairs, _pairCount);
        if (_useLineMasks) GroupFromLineMasks(touched);
        else GroupByCounting(touched);
        SortIntoStages();
    }

    /// <summary>Empties <see cref="_touched"/> into <see cref="_drained"/>, ranks ascending; returns how many.</summary>
    private int DrainTouched()
    {
        Grow.To(ref _drained, _touchedCount);
        _touchedPending = false;
        return _touched.Drain(_drained);
    }

    private void WalkIndex(int i)
    {
        var index = _s.Rules.Index;
        var line = _s.Cart.Lines[i];
        _lineEntryStart[i] = _lineEntryTotal;
        Add(index.Always);
        Add(index.Lookup(ScopeKey.Sku, line.Sku!));
        if (line.Categories is { } categories)
            for (int c = 0; c < categories.Count; c++) Add(index.Lookup(ScopeKey.Category, categories[c]));
        if (line.Brand is { } brand) Add(index.Lookup(ScopeKey.Brand, brand));
        if (line.Tags is { } tags)
            for (int t = 0; t < tags.Count; t++) Add(index.Lookup(ScopeKey.Tag, tags[t]));
        _lineEntryCount[i] = _lineEntryTotal - _lineEntryStart[i];

        void Add(ScopeIndexEntry? entry)
        {
            if (entry is null) return;
            Grow.To(ref _lineEntries, _lineEntryTotal + 1);
            _lineEntries[_lineEntryTotal++] = entry;
        }
    }

    private void AddPairs(int[] ranks, int line)
    {
        // The hottest loop of collecting: the arrays are held in locals (fields would be reloaded
        // after every store).
        var checkScope = _s.Rules.CheckScopeAfterIndex;
        var (activeMarks, inactive, active) = _active.Raw;
        int count = _pairCount;
        if (_useLineMasks)
        {
            // Setting a line's bit twice is harmless, so a promotion met through two of the line's keys
            // needs no per-line check here; the count, then, is only an upper bound (it sizes the pairs).
            var rankLines = _rankLines;
            ulong lineBit = 1UL << line;
            foreach (int rank in ranks)
            {
                int mark = activeMarks[rank];
                if (mark != active && (mark == inactive || !IsActive(rank))) continue;
                if (checkScope[rank] && !_s.Cart.InScope(_s.Rules.Promotions[rank].Scope, line)) continue;
                rankLines[rank] |= lineBit;
                count++;
            }
        }
        else
        {
            var rankCount = _rankCount;
            Grow.To(ref _pairsInLineOrder, _pairCount + ranks.Length);
            var pairs = _pairsInLineOrder;
            foreach (int rank in ranks)
            {
                if (!_seenOnLine.TryMark(rank)) continue; // already found for this line
                int mark = activeMarks[rank];
                if (mark != active && (mark == inactive || !IsActive(rank))) continue;
                if (checkScope[rank] && !_s.Cart.InScope(_s.Rules.Promotions[rank].Scope, line)) continue;
                pairs[count++] = ((long)rank << 32) | (uint)line;
                rankCount[rank]++;
            }
        }
        _pairCount = count;
    }

    /// <summary>Whether promotion <paramref name="rank"/> is active for the cart (and not exhausted, §11), worked out once per cart.</summary>
    private bool IsActive(int rank)
    {
        if (_active.IsMarked(rank)) return _active.Flag(rank);
        ref readonly var gate = ref _s.Rules.PromotionGates[rank];
        bool active = gate.IsActive(_s.Cart.Facts) && !(gate.HasLimits && _s.Limits.PromotionExhausted(rank, _s.Cart));
        _active.Mark(rank, active);
        if (active)
        {
            _touched.Add(rank); // once per promotion and cart: here, not for every pair
            _touchedCount++;
        }
        return active;
    }

    /// <summary>Groups written straight from each promotion's line bits: pairs come out in (promotion, line) order.</summary>
    private void GroupFromLineMasks(int touched)
    {
        var lines = _rankLines;
        int written = 0;
        GroupCount = 0;
        for (int t = 0; t < touched; t++)
        {
            int rank = _drained[t];
            ulong mask = lines[rank];
            if (mask == 0) continue; // active, but no line passed its scope check
            lines[rank] = 0;
            int start = written;
            long high = (long)rank << 32;
            for (; mask != 0; mask &= mask - 1) _pairs[written++] = high | (uint)BitOperations.TrailingZeroCount(mask);
            _groups[GroupCount++] = new Group { Rank = rank, Start = start, Count = written - start };
        }
        _pairCount = written; // the walk's count was an upper bound
    }

    /// <summary>Groups for long carts: a place per promotion from its count, then each pair (in line order) to its place.</summary>
    private void GroupByCounting(int touched)
    {
        GroupCount = 0;
        for (int t = 0, start = 0; t < touched; t++)
        {
            int rank = _drained[t];
            int count = _rankCount[rank];
            if (count == 0) continue; // active, but no line passed its scope check
            _rankCount[rank] = 0;
            _groups[GroupCount++] = new Group { Rank = rank, Start = start, Count = count };
            _rankFill[rank] = start;
            start += count;
        }
        for (int k = 0; k < _pairCount; k++)
        {
            long pair = _pairsInLineOrder[k];
            _pairs[_rankFill[(int)(pair >> 32)]++] = pair;
        }
    }

    /// <summary>Sorts the groups into the item stage, the multibuy stage and each layer's thresholds, keeping promotion order.</summary>
    private void SortIntoStages()
    {
        Grow.To(ref _itemGroups, GroupCount);
        Grow.To(ref _multibuyGroups, GroupCount);
        Grow.To(ref _layerThresholds, GroupCount);
        int layers = _s.Rules.Layers.Length;
        Grow.To(ref _layerThresholdStart, layers);
        Grow.To(ref _layerThresholdCount, layers);
        Array.Clear(_layerThresholdCount, 0, layers);
        var places = _s.Rules.PromotionPlaces;
        ItemGroupCount = MultibuyGroupCount = 0;
        for (int g = 0; g < GroupCount; g++)
        {
            var place = places[_groups[g].Rank];
            if (place.Stage == PricingStage.Item) _itemGroups[ItemGroupCount++] = g;
            else if (place.Stage == PricingStage.Multibuy) _multibuyGroups[MultibuyGroupCount++] = g;
            else _layerThresholdCount[place.Layer]++;
        }
        for (int layer = 0, start = 0; layer < layers; layer++)
        {
            _layerThresholdStart[layer] = start;
            start += _layerThresholdCount[layer];
            _layerThresholdCount[layer] = 0;
        }
        for (int g = 0; g < GroupCount; g++)
        {
            var place = places[_groups[g].Rank];
            if (place.Stage == PricingStage.Threshold)
                _layerThresholds[_layerThresholdStart[place.Layer] + _layerThresholdCount[place.Layer]++] = g;
        }
    }
}
