using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 2 (单品优惠, spec §5.2, §9): each unit takes the lowest of its member price, the eligible
/// special prices and item discounts. Units are handled as runs (<see cref="UnitRuns"/>): a promotion's
/// <c>limitPerOrder</c> and units left (§11) split a line's run where its allowance ends.
/// </summary>
internal sealed class ItemStage
{
    private readonly PassState _s;
    private readonly CandidateCollection _candidates;
    private readonly EpochMarks _memberSeen; // member-price entries already considered for the line
    private long[] _allowance = [];          // per line: units within the promotion's limit
    private int[] _order = [];

    // What each promotion took from each line, as (rank << 32 | line) keys with totals and units: noted
    // while recording the adjustments, so the applied list needs no second walk over every pair.
    private long[] _winKeys = [], _winTotals = [], _winUnits = [];
    private int[] _winOrder = [];
    private int _winCount;

    public ItemStage(PassState state, CandidateCollection candidates)
    {
        _s = state;
        _candidates = candidates;
        _memberSeen = new EpochMarks(state.Rules.MemberPrices.Length);
    }

    public void Run()
    {
        var cart = _s.Cart;
        var amounts = _s.Amounts;
        var runs = _s.Runs;
        int n = cart.Count;
        Grow.To(ref _allowance, n);
        Grow.To(ref _order, n);
        for (int i = 0; i < n; i++)
        {
            amounts.MemberPrice[i] = MemberPrice(i, out amounts.MemberWinner[i]);
            runs.Head[i] = runs.New(i, 0, cart.Quantity[i], amounts.MemberPrice[i], -1);
        }

        foreach (int g in _candidates.ItemGroups)
        {
            var p = _candidates.Promotion(g);
            ref readonly var group = ref _candidates[g];
            long limit = _s.Limits.UnitLimit(p); // limitPerOrder of a special price, and units left (§11)
            bool limited = limit != long.MaxValue;
            if (limited) LimitAllowances(group, limit);
            for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
            {
                int i = _candidates.Line(k);
                long allowed = limited ? _allowance[i] : cart.Quantity[i];
                if (allowed == 0) continue;
                long candidate = CandidatePrice(p, cart.UnitPrice[i], amounts.MemberPrice[i]);
                if (allowed < cart.Quantity[i]) runs.SplitAt(i, allowed);
                var all = runs.Runs;
                for (int r = runs.Head[i]; r >= 0 && all[r].Start < allowed; r = all[r].Next)
                {
                    if (candidate < all[r].Price)
                    {
                        all[r].Price = candidate;
                        all[r].Winner = group.Rank;
                    }
                }
            }
        }

        _winCount = 0;
        for (int i = 0; i < n; i++) RecordAdjustments(i);
        RecordApplied();
    }

    /// <summary>Units of each line within a promotion's limit: the first units by list price desc, line id, unit index.</summary>
    private void LimitAllowances(in CandidateCollection.Group group, long limit)
    {
        var cart = _s.Cart;
        for (int k = 0; k < group.Count; k++) _order[k] = _candidates.Line(group.Start + k);
        SpanSort.Sort(_order.AsSpan(0, group.Count), new ByListPriceThenId(cart.UnitPrice, cart.IdRank));
        long left = limit;
        for (int k = 0; k < group.Count; k++)
        {
            int i = _order[k];
            _allowance[i] = Math.Min(left, cart.Quantity[i]);
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

    /// <summary>A promotion's unit price, never above the list price (§9: a higher candidate never applies).</summary>
    private long CandidatePrice(CompiledPromotion p, long list, long memberPrice)
    {
        if (p.Kind == PromotionKind.SpecialPrice) return Math.Min(p.Price!.Value, list);
        long basePrice = p.StacksWithMemberPrice ? memberPrice : list;
        long off = p.PercentOff is { } percent ? percent.Of(basePrice, _s.Rules.Rounding) : Math.Min(p.AmountOff!.Value, basePrice);
        return basePrice - off;
    }

    /// <summary>Member first, then each winning promotion in order: one adjustment per source.</summary>
    private void RecordAdjustments(int i)
    {
        var cart = _s.Cart;
        var amounts = _s.Amounts;
        var runs = _s.Runs.Runs;
        int head = _s.Runs.Head[i];
        long list = cart.UnitPrice[i], member = amounts.MemberPrice[i];
        long memberTotal = 0;
        for (int r = head; r >= 0; r = runs[r].Next)
        {
            int winner = runs[r].Winner;
            if (winner < 0 || _s.Rules.Promotions[winner].StacksWithMemberPrice) memberTotal += (list - member) * runs[r].Count;
            if (winner >= 0) amounts.Promoted[i] = true;
        }
        if (memberTotal > 0)
        {
            var entry = amounts.MemberWinner[i]!;
            _s.Adjustments.Add(i, entry.Source, PricingStage.Item, memberTotal, entry.Funding);
        }
        long amount = cart.ListAmount[i] - memberTotal;

        // Winners in promotion order: few runs per line, so a repeated scan for the next rank is cheapest.
        int last = -1;
        while (true)
        {
            int next = int.MaxValue;
            for (int r = head; r >= 0; r = runs[r].Next)
                if (runs[r].Winner > last && runs[r].Winner < next) next = runs[r].Winner;
            if (next == int.MaxValue) break;
            var p = _s.Rules.Promotions[next];
            long total = TotalOnLine(i, p, out long units);
            if (total > 0)
            {
                _s.Adjustments.Add(i, p.Id, PricingStage.Item, total, p.Funding);
                NoteWin(next, i, total, units);
            }
            amount -= total;
            last = next;
        }
        amounts.Amount[i] = amount;
    }

    /// <summary>What promotion <paramref name="p"/> took off line <paramref name="i"/>, and over how many units (it won each by lowering it).</summary>
    private long TotalOnLine(int i, CompiledPromotion p, out long units)
    {
        long basePrice = p.StacksWithMemberPrice ? _s.Amounts.MemberPrice[i] : _s.Cart.UnitPrice[i];
        var runs = _s.Runs.Runs;
        long total = 0;
        units = 0;
        for (int r = _s.Runs.Head[i]; r >= 0; r = runs[r].Next)
        {
            if (runs[r].Winner != p.Rank) continue;
            total += (basePrice - runs[r].Price) * runs[r].Count;
            units += runs[r].Count;
        }
        return total;
    }

    private void NoteWin(int rank, int line, long total, long units)
    {
        Grow.To(ref _winKeys, _winCount + 1);
        Grow.To(ref _winTotals, _winCount + 1);
        Grow.To(ref _winUnits, _winCount + 1);
        Grow.To(ref _winOrder, _winCount + 1);
        _winKeys[_winCount] = ((long)rank << 32) | (uint)line;
        _winTotals[_winCount] = total;
        _winUnits[_winCount] = units;
        _winOrder[_winCount] = _winCount;
        _winCount++;
    }

    /// <summary>One applied entry per item promotion that took anything, in promotion order, its lines in cart order.</summary>
    private void RecordApplied()
    {
        // Keys were noted line by line; sorting by (rank, line) puts each promotion's lines together in cart order.
        Array.Sort(_winKeys, _winOrder, 0, _winCount);
        var lines = _s.Eligible;
        for (int k = 0; k < _winCount;)
        {
            int rank = (int)(_winKeys[k] >> 32);
            long total = 0, units = 0;
            lines.Clear();
            for (; k < _winCount && (int)(_winKeys[k] >> 32) == rank; k++)
            {
                total += _winTotals[_winOrder[k]];
                units += _winUnits[_winOrder[k]];
                lines.Add((int)(_winKeys[k] & 0xFFFFFFFF));
            }
            var p = _s.Rules.Promotions[rank];
            _s.Output.AddApplied(p.Id, p.Name, PricingStage.Item, null, total, units, lines.Span);
        }
    }

    /// <summary>The lowest member unit price for the customer's tier; <paramref name="winner"/> is the entry that names its tier.</summary>
    private long MemberPrice(int i, out CompiledMemberPrice? winner)
    {
        winner = null;
        long best = _s.Cart.UnitPrice[i];
        if (_s.Cart.Facts.TierRank == 0 || _s.Rules.MemberPrices.Length == 0) return best;
        _memberSeen.NextEpoch();
        foreach (var entry in _candidates.Entries(i)) ConsiderMembers(entry.MemberPrices, i, ref best, ref winner);
        return best;
    }

    private void ConsiderMembers(int[] entries, int i, ref long best, ref CompiledMemberPrice? winner)
    {
        var cart = _s.Cart;
        long list = cart.UnitPrice[i];
        foreach (int position in entries)
        {
            if (!_memberSeen.TryMark(position)) continue;
            var entry = _s.Rules.MemberPrices[position];
            if (!entry.Conditions.IsActive(cart.Facts)) continue;
            if (entry.Sku is not null && entry.Sku != cart.Lines[i].Sku) continue;
            if (!cart.InScope(entry.Scope, i)) continue;
            long price = entry.Price ?? list - entry.PercentOff!.Value.Of(list, _s.Rules.Rounding);
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
