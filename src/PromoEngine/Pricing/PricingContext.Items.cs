using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 2 (单品优惠): each unit takes the lowest of its member price, eligible special prices and item
/// discounts (spec §5.2, §9). A line's units form runs: only <c>limitPerOrder</c> boundaries split them,
/// so a line of a million units costs what a line of one does.
/// </summary>
internal sealed partial class PricingContext
{
    private readonly int[] _memberStamp;
    private int _memberStampValue;

    // Runs of units: line, first unit index, count, current unit price, winning promotion rank (−1: member/list).
    // Each line's runs form a chain in unit order; the multibuy stage shrinks them as it takes units.
    private int[] _runLine = [], _runNext = [], _runWinner = [];
    private long[] _runStart = [], _runCount = [], _runPrice = [];
    private int _runTotal;
    private int[] _lineRunHead = [];

    private int NewRun(int line, long start, long count, long price, int winner)
    {
        int r = _runTotal++;
        Grow.To(ref _runLine, _runTotal);
        Grow.To(ref _runNext, _runTotal);
        Grow.To(ref _runWinner, _runTotal);
        Grow.To(ref _runStart, _runTotal);
        Grow.To(ref _runCount, _runTotal);
        Grow.To(ref _runPrice, _runTotal);
        _runLine[r] = line;
        _runStart[r] = start;
        _runCount[r] = count;
        _runPrice[r] = price;
        _runWinner[r] = winner;
        _runNext[r] = -1;
        return r;
    }

    private void ItemStage()
    {
        _runTotal = 0;
        Grow.To(ref _lineRunHead, _n);
        for (int i = 0; i < _n; i++)
        {
            _memberPrice[i] = MemberPrice(i, out _memberWinner[i]);
            _lineRunHead[i] = NewRun(i, 0, _qty[i], _memberPrice[i], -1);
        }

        for (int x = 0; x < _itemGroupCount; x++)
        {
            int g = _itemGroups[x];
            var p = GroupPromotion(g);
            long limit = UnitLimit(p); // limitPerOrder of a special price, and units left under §11 limits
            bool limited = limit != long.MaxValue;
            if (limited) LimitAllowances(g, limit);
            int start = _groupStart[g], end = start + _groupCount[g];
            for (int k = start; k < end; k++)
            {
                int i = PairLine(k);
                long allowed = limited ? _allowance[i] : _qty[i];
                if (allowed == 0) continue;
                long candidate = CandidatePrice(p, _unit[i], _memberPrice[i]);
                if (allowed < _qty[i]) SplitRunAt(i, allowed);
                for (int r = _lineRunHead[i]; r >= 0 && _runStart[r] < allowed; r = _runNext[r])
                {
                    if (candidate < _runPrice[r])
                    {
                        _runPrice[r] = candidate;
                        _runWinner[r] = _groupRank[g];
                    }
                }
            }
        }

        _itemWinCount = 0;
        for (int i = 0; i < _n; i++) RecordItemAdjustments(i);
        RecordItemApplied();
    }

    /// <summary>Units of each line within a special price's limit: the first units by list price desc, line id, unit index.</summary>
    private void LimitAllowances(int g, long limit)
    {
        int start = _groupStart[g], count = _groupCount[g];
        for (int k = 0; k < count; k++) _order[k] = PairLine(start + k);
        SpanSort.Sort(_order.AsSpan(0, count), new ByListPriceThenId(_unit, _idRank));
        long left = limit;
        for (int k = 0; k < count; k++)
        {
            int i = _order[k];
            _allowance[i] = Math.Min(left, _qty[i]);
            left -= _allowance[i];
        }
    }

    private readonly struct ByListPriceThenId(long[] unit, int[] idRank) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int c = unit[b].CompareTo(unit[a]);
            return c != 0 ? c : idRank[a].CompareTo(idRank[b]);
        }
    }

    /// <summary>Makes <paramref name="at"/> a run boundary of the line.</summary>
    private void SplitRunAt(int line, long at)
    {
        for (int r = _lineRunHead[line]; r >= 0; r = _runNext[r])
        {
            long end = _runStart[r] + _runCount[r];
            if (at <= _runStart[r] || at >= end) continue;
            int tail = NewRun(line, at, end - at, _runPrice[r], _runWinner[r]);
            _runCount[r] = at - _runStart[r];
            _runNext[tail] = _runNext[r];
            _runNext[r] = tail;
            return;
        }
    }

    /// <summary>A promotion's unit price, never above the list price (§9: a higher candidate never applies).</summary>
    private long CandidatePrice(CompiledPromotion p, long list, long memberPrice)
    {
        if (p.Kind == PromotionKind.SpecialPrice) return Math.Min(p.Price!.Value, list);
        long basePrice = p.StacksWithMemberPrice ? memberPrice : list;
        long off = p.PercentOff is { } percent ? percent.Of(basePrice, _r.Rounding) : Math.Min(p.AmountOff!.Value, basePrice);
        return basePrice - off;
    }

    /// <summary>Member first, then each winning promotion in order: one adjustment per source.</summary>
    private void RecordItemAdjustments(int i)
    {
        long list = _unit[i], member = _memberPrice[i];
        long memberTotal = 0;
        for (int r = _lineRunHead[i]; r >= 0; r = _runNext[r])
        {
            int winner = _runWinner[r];
            if (winner < 0 || _r.Promotions[winner].StacksWithMemberPrice) memberTotal += (list - member) * _runCount[r];
            if (winner >= 0) _promoted[i] = true;
        }
        if (memberTotal > 0) AddAdjustment(i, _memberWinner[i]!.Source, PricingStage.Item, memberTotal, _memberWinner[i]!.Funding);
        long amount = _list[i] - memberTotal;

        // Winners in promotion order: few runs per line, so a repeated scan for the next rank is cheapest.
        int last = -1;
        while (true)
        {
            int next = int.MaxValue;
            for (int r = _lineRunHead[i]; r >= 0; r = _runNext[r])
                if (_runWinner[r] > last && _runWinner[r] < next) next = _runWinner[r];
            if (next == int.MaxValue) break;
            long total = PromotionTotalOnLine(i, next, out long units);
            if (total > 0)
            {
                AddAdjustment(i, _r.Promotions[next].Id, PricingStage.Item, total, _r.Promotions[next].Funding);
                Grow.To(ref _itemWins, _itemWinCount + 1);
                Grow.To(ref _itemWinTotals, _itemWinCount + 1);
                Grow.To(ref _itemWinUnits, _itemWinCount + 1);
                _itemWins[_itemWinCount] = ((long)next << 32) | (uint)i;
                _itemWinUnits[_itemWinCount] = units;
                _itemWinTotals[_itemWinCount++] = total;
            }
            amount -= total;
            last = next;
        }
        _amount[i] = amount;
    }

    /// <summary>What promotion <paramref name="rank"/> took off line <paramref name="i"/>, and over how many units (it won each by lowering it).</summary>
    private long PromotionTotalOnLine(int i, int rank, out long units)
    {
        var p = _r.Promotions[rank];
        long basePrice = p.StacksWithMemberPrice ? _memberPrice[i] : _unit[i];
        long total = 0;
        units = 0;
        for (int r = _lineRunHead[i]; r >= 0; r = _runNext[r])
        {
            if (_runWinner[r] != rank) continue;
            total += (basePrice - _runPrice[r]) * _runCount[r];
            units += _runCount[r];
        }
        return total;
    }

    // What each item promotion took from each line, as (rank, line) keys: noted while recording the
    // adjustments, so the applied list needs no second walk over every (promotion, line) pair.
    private long[] _itemWins = [];
    private long[] _itemWinTotals = [];
    private long[] _itemWinUnits = [];
    private int[] _itemWinOrder = [];
    private int _itemWinCount;

    /// <summary>One applied entry per item promotion that took anything, in promotion order, its lines in cart order.</summary>
    private void RecordItemApplied()
    {
        // Keys were noted line by line; sorting by (rank, line) puts each promotion's lines together in cart order.
        Grow.To(ref _itemWinOrder, _itemWinCount);
        for (int k = 0; k < _itemWinCount; k++) _itemWinOrder[k] = k;
        Array.Sort(_itemWins, _itemWinOrder, 0, _itemWinCount);
        for (int k = 0; k < _itemWinCount;)
        {
            int rank = (int)(_itemWins[k] >> 32);
            long total = 0, units = 0;
            int lines = 0;
            for (; k < _itemWinCount && (int)(_itemWins[k] >> 32) == rank; k++)
            {
                total += _itemWinTotals[_itemWinOrder[k]];
                units += _itemWinUnits[_itemWinOrder[k]];
                _eligible[lines++] = (int)(_itemWins[k] & 0xFFFFFFFF);
            }
            var p = _r.Promotions[rank];
            _output!.AddApplied(p.Id, p.Name, PricingStage.Item, null, total, units, _eligible.AsSpan(0, lines));
        }
    }

    /// <summary>The lowest member unit price for the customer's tier; <paramref name="winner"/> is the entry that names its tier.</summary>
    private long MemberPrice(int i, out CompiledMemberPrice? winner)
    {
        winner = null;
        long best = _unit[i];
        if (_facts.TierRank == 0 || _r.MemberPrices.Length == 0) return best;
        if (_memberStampValue == int.MaxValue) { Array.Clear(_memberStamp); _memberStampValue = 0; }
        _memberStampValue++;
        for (int k = _lineEntryStart[i], end = k + _lineEntryCount[i]; k < end; k++)
            ConsiderMembers(_lineEntries[k].MemberPrices, i, ref best, ref winner);
        return best;
    }

    private void ConsiderMembers(int[] entries, int i, ref long best, ref CompiledMemberPrice? winner)
    {
        long list = _unit[i];
        for (int k = 0; k < entries.Length; k++)
        {
            if (_memberStamp[entries[k]] == _memberStampValue) continue;
            _memberStamp[entries[k]] = _memberStampValue;
            var entry = _r.MemberPrices[entries[k]];
            if (!entry.Conditions.IsActive(_facts)) continue;
            if (entry.Sku is not null && entry.Sku != _line[i].Sku) continue;
            if (!InScope(entry.Scope, i)) continue;
            long price = entry.Price ?? list - entry.PercentOff!.Value.Of(list, _r.Rounding);
            if (price >= list) continue;
            if (price < best || (price == best && winner is not null
                && (entry.Priority > winner.Priority || (entry.Priority == winner.Priority && entry.Position < winner.Position))))
            {
                best = price;
                winner = entry;
            }
        }
    }
}
