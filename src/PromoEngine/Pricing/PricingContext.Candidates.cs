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
    private readonly int[] _activeGen;
    private readonly bool[] _activeValue;
    private int _stamp;
    private int _generation;

    private long[] _pairs = [];
    private int _pairCount;
    private int[] _groupRank = [], _groupStart = [], _groupCount = [];
    private int _groupTotal;

    private void CollectCandidates()
    {
        _pairCount = 0;
        NextGeneration();
        _lineEntryTotal = 0;
        Grow.To(ref _lineEntryStart, _n);
        Grow.To(ref _lineEntryCount, _n);
        for (int i = 0; i < _n; i++)
        {
            NextStamp();
            WalkIndex(i);
            for (int k = _lineEntryStart[i], end = k + _lineEntryCount[i]; k < end; k++) AddPairs(_lineEntries[k].Promotions, i);
        }
        _pairs.AsSpan(0, _pairCount).Sort();

        _groupTotal = 0;
        for (int k = 0; k < _pairCount; k++)
        {
            int rank = PairRank(k);
            if (_groupTotal == 0 || _groupRank[_groupTotal - 1] != rank)
            {
                Grow.To(ref _groupRank, _groupTotal + 1);
                Grow.To(ref _groupStart, _groupTotal + 1);
                Grow.To(ref _groupCount, _groupTotal + 1);
                _groupRank[_groupTotal] = rank;
                _groupStart[_groupTotal] = k;
                _groupCount[_groupTotal] = 0;
                _groupTotal++;
            }
            _groupCount[_groupTotal - 1]++;
        }
        IndexStageGroups();
        IndexThresholdGroups();
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

    private int PairRank(int k) => (int)(_pairs[k] >> 32);

    private int PairLine(int k) => (int)(_pairs[k] & 0xFFFFFFFF);

    private CompiledPromotion GroupPromotion(int g) => _r.Promotions[_groupRank[g]];

    private void AddPairs(int[] ranks, int line)
    {
        for (int k = 0; k < ranks.Length; k++)
        {
            int rank = ranks[k];
            if (_promoStamp[rank] == _stamp) continue; // already found for this line
            _promoStamp[rank] = _stamp;
            if (!IsActive(rank)) continue;
            var promotion = _r.Promotions[rank];
            if (promotion.CheckScopeAfterIndex && !InScope(promotion.Scope, line)) continue;
            Grow.To(ref _pairs, _pairCount + 1);
            _pairs[_pairCount++] = ((long)rank << 32) | (uint)line;
        }
    }

    private bool IsActive(int rank)
    {
        if (_activeGen[rank] != _generation)
        {
            _activeGen[rank] = _generation;
            _activeValue[rank] = _r.Promotions[rank].Conditions.IsActive(_facts);
        }
        return _activeValue[rank];
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
        if (_generation == int.MaxValue)
        {
            Array.Clear(_activeGen);
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

    private void IndexStageGroups()
    {
        Grow.To(ref _itemGroups, _groupTotal);
        Grow.To(ref _multibuyGroups, _groupTotal);
        _itemGroupCount = _multibuyGroupCount = 0;
        for (int g = 0; g < _groupTotal; g++)
        {
            switch (GroupPromotion(g).Kind)
            {
                case PromotionKind.SpecialPrice or PromotionKind.ItemDiscount: _itemGroups[_itemGroupCount++] = g; break;
                case PromotionKind.NthItem or PromotionKind.BuyXGetY or PromotionKind.Bundle: _multibuyGroups[_multibuyGroupCount++] = g; break;
            }
        }
    }

    private void IndexThresholdGroups()
    {
        int layers = _r.Layers.Length;
        Grow.To(ref _layerThresholdStart, layers);
        Grow.To(ref _layerThresholdCount, layers);
        Grow.To(ref _layerThresholds, _groupTotal);
        int written = 0;
        for (int layer = 0; layer < layers; layer++)
        {
            _layerThresholdStart[layer] = written;
            for (int g = 0; g < _groupTotal; g++)
            {
                var p = GroupPromotion(g);
                if (p.Kind == PromotionKind.Threshold && p.LayerIndex == layer) _layerThresholds[written++] = g;
            }
            _layerThresholdCount[layer] = written - _layerThresholdStart[layer];
        }
    }
}
