using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Finds the promotions that concern the cart through the rule index: cost follows the cart's lines,
/// not the size of the rule set. The result is a list of (promotion, line) pairs sorted by promotion
/// order then cart order, grouped per promotion: exactly the walk every later stage needs.
/// </summary>
internal sealed partial class PricingContext
{
    private readonly int[] _promoStamp;
    private readonly int[] _activeMark; // generation × 2 + 1 when active
    private int _stamp;
    private int _generation;

    private long[] _pairs = [], _pairsInLineOrder = [];
    private bool _useLineMasks;
    private readonly ulong[] _rankLines; // per promotion, the lines it touches as bits (carts of ≤ 64 lines)
    private int _pairCount;
    private int[] _groupRank = [], _groupStart = [], _groupCount = [];
    private int _groupTotal;
    private readonly RankSet _touched;
    private bool _touchedPending;
    private int _touchedCount;
    private readonly int[] _rankCount, _rankFill;

    /// <summary>Empties <see cref="_touched"/> into <see cref="_groupRank"/>, ranks ascending; returns how many.</summary>
    private int DrainTouched()
    {
        Grow.To(ref _groupRank, _touchedCount);
        _touchedPending = false;
        return _touched.Drain(_groupRank);
    }

    private void CollectCandidates()
    {
        NextGeneration();
        _lineEntryTotal = 0;
        Grow.To(ref _lineEntryStart, _n);
        Grow.To(ref _lineEntryCount, _n);

        // Carts of up to 64 lines note each promotion's lines as bits; longer carts note the pairs in
        // line order and a count per promotion. The active promotions met are noted in _touched.
        // (Should a pass ever have thrown before draining, the set and the notes are emptied first.)
        _useLineMasks = _n <= 64;
        if (_touchedPending)
        {
            int stale = DrainTouched();
            for (int t = 0; t < stale; t++)
            {
                _rankCount[_groupRank[t]] = 0;
                _rankLines[_groupRank[t]] = 0;
            }
        }
        _touchedPending = true;
        _touchedCount = 0;
        _pairCount = 0;
        for (int i = 0; i < _n; i++)
        {
            if (!_useLineMasks) NextStamp();
            WalkIndex(i);
            for (int k = _lineEntryStart[i], end = k + _lineEntryCount[i]; k < end; k++) AddPairs(_lineEntries[k].Promotions, i);
        }

        // One group per promotion with pairs, in promotion order (the set gives ranks ascending), each
        // group's lines in cart order.
        int touched = DrainTouched();
        Grow.To(ref _groupStart, touched);
        Grow.To(ref _groupCount, touched);
        Grow.To(ref _pairs, _pairCount);
        if (_useLineMasks) GroupFromLineMasks(touched);
        else GroupByCounting(touched);
        IndexStageGroups();
    }

    /// <summary>Groups written straight from each promotion's line bits: pairs come out in (promotion, line) order.</summary>
    private void GroupFromLineMasks(int touched)
    {
        var lines = _rankLines;
        int written = 0;
        _groupTotal = 0;
        for (int t = 0; t < touched; t++)
        {
            int rank = _groupRank[t];
            ulong mask = lines[rank];
            if (mask == 0) continue; // active, but no line passed its scope check
            lines[rank] = 0;
            int g = NewGroup(rank, written);
            long high = (long)rank << 32;
            for (; mask != 0; mask &= mask - 1) _pairs[written++] = high | (uint)System.Numerics.BitOperations.TrailingZeroCount(mask);
            _groupCount[g] = written - _groupStart[g];
        }
        _pairCount = written; // the walk's count was an upper bound
    }

    /// <summary>Opens the next group, promotion <paramref name="rank"/>'s, its pairs from <paramref name="start"/>.</summary>
    private int NewGroup(int rank, int start)
    {
        int g = _groupTotal++;
        _groupRank[g] = rank; // t ≥ g: the drained ranks not yet read lie ahead of the groups written
        _groupStart[g] = start;
        return g;
    }

    /// <summary>Groups for long carts: a place per promotion from its count, then each pair (in line order) to its place.</summary>
    private void GroupByCounting(int touched)
    {
        _groupTotal = 0;
        for (int t = 0, start = 0; t < touched; t++)
        {
            int rank = _groupRank[t];
            int count = _rankCount[rank];
            if (count == 0) continue; // active, but no line passed its scope check
            _rankCount[rank] = 0;
            int g = NewGroup(rank, start);
            _groupCount[g] = count;
            _rankFill[rank] = start;
            start += count;
        }
        for (int k = 0; k < _pairCount; k++)
        {
            long pair = _pairsInLineOrder[k];
            _pairs[_rankFill[PairRankOf(pair)]++] = pair;
        }
    }

    // Each line's entries of the scope index (rules without include lists, then those naming its sku,
    // categories, brand and tags): looked up once here, read again for member prices and coupons.
    private ScopeIndexEntry[] _lineEntries = [];
    private int[] _lineEntryStart = [], _lineEntryCount = [];
    private int _lineEntryTotal;

    private void WalkIndex(int i)
    {
        var index = _r.Index;
        var line = _line[i];
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

    private int PairRank(int k) => PairRankOf(_pairs[k]);

    private static int PairRankOf(long pair) => (int)(pair >> 32);

    private int PairLine(int k) => (int)(_pairs[k] & 0xFFFFFFFF);

    private CompiledPromotion GroupPromotion(int g) => _r.Promotions[_groupRank[g]];

    private void AddPairs(int[] ranks, int line)
    {
        // The hottest loop of collecting: the arrays are held in locals (the fields would be reloaded
        // after every store).
        var checkScope = _r.CheckScopeAfterIndex;
        var activeMark = _activeMark;
        int active = (_generation << 1) | 1, inactive = _generation << 1;
        int count = _pairCount;
        if (_useLineMasks)
        {
            // Setting a line's bit twice is harmless, so a promotion met through two of the line's keys
            // needs no per-line check here; the count, then, is only an upper bound (it sizes the pairs).
            var rankLines = _rankLines;
            ulong lineBit = 1UL << line;
            foreach (int rank in ranks)
            {
                int mark = activeMark[rank];
                if (mark != active && (mark == inactive || !IsActive(rank))) continue;
                if (checkScope[rank] && !InScope(_r.Promotions[rank].Scope, line)) continue;
                rankLines[rank] |= lineBit;
                count++;
            }
        }
        else
        {
            var seen = _promoStamp;
            var rankCount = _rankCount;
            int stamp = _stamp;
            Grow.To(ref _pairsInLineOrder, _pairCount + ranks.Length);
            var pairs = _pairsInLineOrder;
            foreach (int rank in ranks)
            {
                if (seen[rank] == stamp) continue; // already found for this line
                seen[rank] = stamp;
                int mark = activeMark[rank];
                if (mark != active && (mark == inactive || !IsActive(rank))) continue;
                if (checkScope[rank] && !InScope(_r.Promotions[rank].Scope, line)) continue;
                pairs[count++] = ((long)rank << 32) | (uint)line;
                rankCount[rank]++;
            }
        }
        _pairCount = count;
    }

    /// <summary>Whether promotion <paramref name="rank"/> is active for the cart, worked out once per cart.</summary>
    private bool IsActive(int rank)
    {
        int mark = _activeMark[rank];
        if (mark >> 1 == _generation) return (mark & 1) != 0;
        ref readonly var gate = ref _r.PromotionGates[rank];
        bool active = gate.IsActive(_facts) && !(gate.HasLimits && PromotionExhausted(rank));
        _activeMark[rank] = (_generation << 1) | (active ? 1 : 0);
        if (active)
        {
            _touched.Add(rank); // once per promotion and cart: here, not for every pair
            _touchedCount++;
        }
        return active;
    }

    private void NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_promoStamp);
            _stamp = 0;
        }
        _stamp++;
    }

    private void NextGeneration()
    {
        if (_generation == int.MaxValue >> 1)
        {
            Array.Clear(_activeMark);
            _generation = 0;
        }
        _generation++;
    }

    // Threshold groups of each layer, in order.
    private int[] _layerThresholds = [];
    private int[] _layerThresholdStart = [], _layerThresholdCount = [];

    // Groups of the item and multibuy stages, in order: each stage walks only its own kind.
    private int[] _itemGroups = [], _multibuyGroups = [];
    private int _itemGroupCount, _multibuyGroupCount;

    /// <summary>Sorts the groups into the item stage, the multibuy stage and each layer's thresholds, keeping promotion order.</summary>
    private void IndexStageGroups()
    {
        Grow.To(ref _itemGroups, _groupTotal);
        Grow.To(ref _multibuyGroups, _groupTotal);
        Grow.To(ref _layerThresholds, _groupTotal);
        int layers = _r.Layers.Length;
        Grow.To(ref _layerThresholdStart, layers);
        Grow.To(ref _layerThresholdCount, layers);
        Array.Clear(_layerThresholdCount, 0, layers);
        var stages = _r.PromotionStages;
        _itemGroupCount = _multibuyGroupCount = 0;
        for (int g = 0; g < _groupTotal; g++)
        {
            int stage = stages[_groupRank[g]];
            if (stage == PassStage.Item) _itemGroups[_itemGroupCount++] = g;
            else if (stage == PassStage.Multibuy) _multibuyGroups[_multibuyGroupCount++] = g;
            else _layerThresholdCount[stage - PassStage.FirstLayer]++;
        }
        for (int layer = 0, start = 0; layer < layers; layer++)
        {
            _layerThresholdStart[layer] = start;
            start += _layerThresholdCount[layer];
            _layerThresholdCount[layer] = 0;
        }
        for (int g = 0; g < _groupTotal; g++)
        {
            int layer = stages[_groupRank[g]] - PassStage.FirstLayer;
            if (layer >= 0) _layerThresholds[_layerThresholdStart[layer] + _layerThresholdCount[layer]++] = g;
        }
    }
}
