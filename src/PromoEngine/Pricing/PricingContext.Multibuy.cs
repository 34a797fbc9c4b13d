using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 3 (多件优惠): nthItem, buyXGetY and bundles in order, each over the units earlier ones left,
/// most expensive first (price desc, line id, unit index). Groups are counted per run with arithmetic.
/// </summary>
internal sealed partial class PricingContext
{
    private int[] _available = [];
    private bool[] _componentMatch = [];
    private int[] _chosenRun = [];
    private long[] _chosenCount = [];

    private void MultibuyStage()
    {
        for (int x = 0; x < _multibuyGroupCount; x++)
        {
            int g = _multibuyGroups[x];
            var p = GroupPromotion(g);
            int start = _groupStart[g], end = start + _groupCount[g];
            if (UnitsLeft(g) < SmallestTake(p)) continue; // not one group or bundle can form: nothing to sort
            for (int k = start; k < end; k++) _lineDiscount[PairLine(k)] = 0;
            int available = CollectAvailable(g);
            long loweredGroups;
            if (p.Kind == PromotionKind.Bundle) loweredGroups = Bundles(g, p, available);
            else if (p.Kind == PromotionKind.NthItem) loweredGroups = Groups(p, available, p.N, 1);
            else loweredGroups = Groups(p, available, checked(p.Buy + p.Get), p.Get);

            long total = 0;
            int lowered = 0;
            for (int k = start; k < end; k++)
            {
                int i = PairLine(k);
                long discount = _lineDiscount[i];
                if (discount == 0) continue;
                AddAdjustment(i, p.Id, PricingStage.Multibuy, discount, p.Funding);
                _amount[i] -= discount;
                total += discount;
                _eligible[lowered++] = i;
            }
            if (total > 0) _output!.AddApplied(p.Id, p.Name, PricingStage.Multibuy, null, total, loweredGroups, _eligible.AsSpan(0, lowered));
        }
        Array.Copy(_amount, _itemAmount, _n);
    }

    /// <summary>Units of the group's lines not yet taken by an earlier multibuy promotion.</summary>
    private long UnitsLeft(int g)
    {
        long units = 0;
        int start = _groupStart[g], end = start + _groupCount[g];
        for (int k = start; k < end; k++)
            for (int r = _lineRunHead[PairLine(k)]; r >= 0; r = _runNext[r]) units += _runCount[r];
        return units;
    }

    /// <summary>The fewest units one group or bundle of the promotion needs.</summary>
    private static long SmallestTake(CompiledPromotion p)
    {
        if (p.Kind == PromotionKind.NthItem) return p.N;
        if (p.Kind == PromotionKind.BuyXGetY) return p.Buy + p.Get;
        long units = 0;
        foreach (var component in p.Components) units += component.Quantity;
        return units;
    }

    /// <summary>The untaken runs of the group's lines, sorted by unit price desc, line id, unit index.</summary>
    /// <remarks>A line's chain holds exactly its untaken runs: taking units shrinks a run and files the taken part apart.</remarks>
    private int CollectAvailable(int g)
    {
        int start = _groupStart[g], end = start + _groupCount[g];
        int count = 0;
        for (int k = start; k < end; k++)
        {
            for (int r = _lineRunHead[PairLine(k)]; r >= 0; r = _runNext[r])
            {
                if (_runCount[r] == 0) continue;
                Grow.To(ref _available, count + 1);
                _available[count++] = r;
            }
        }
        SpanSort.Sort(_available.AsSpan(0, count), new ByUnitOrder(_runPrice, _runLine, _runStart, _idRank));
        return count;
    }

    private readonly struct ByUnitOrder(long[] price, int[] line, long[] start, int[] idRank) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int c = price[b].CompareTo(price[a]);
            if (c != 0) return c;
            c = idRank[line[a]].CompareTo(idRank[line[b]]);
            return c != 0 ? c : start[a].CompareTo(start[b]);
        }
    }

    /// <summary>Takes the first <paramref name="units"/> units of run <paramref name="r"/>: they leave the stage, promoted.</summary>
    private void TakeFront(int r, long units)
    {
        _runStart[r] += units;
        _runCount[r] -= units;
        _promoted[_runLine[r]] = true;
    }

    /// <summary>
    /// Consecutive groups of <paramref name="size"/>; the last <paramref name="discounted"/> units of each
    /// complete group are discounted. Returns the groups that lowered at least one unit: units come most
    /// expensive first and a unit's discount never falls as its price rises, so a group lowers a unit
    /// exactly when its first discounted unit is lowered.
    /// </summary>
    private long Groups(CompiledPromotion p, int available, long size, long discounted)
    {
        long units = 0;
        for (int k = 0; k < available; k++) units += _runCount[_available[k]];
        long groups = Math.Min(units / size, UnitLimit(p));
        if (groups == 0) return 0;
        long taken = groups * size;
        long position = 0, lowered = 0;
        for (int k = 0; k < available && position < taken; k++)
        {
            int r = _available[k];
            long take = Math.Min(_runCount[r], taken - position);
            long hit = DiscountedBefore(position + take, size, discounted) - DiscountedBefore(position, size, discounted);
            long unitDiscount = hit > 0 ? UnitDiscount(p, _runPrice[r]) : 0;
            if (unitDiscount > 0)
            {
                _lineDiscount[_runLine[r]] += hit * unitDiscount;
                lowered += DiscountedBefore(position + take, size, 1, size - discounted) - DiscountedBefore(position, size, 1, size - discounted);
            }
            TakeFront(r, take);
            position += take;
        }
        return lowered;
    }

    /// <summary>How many of the positions 0 … x−1 are among the last <paramref name="k"/> of their group of <paramref name="g"/>.</summary>
    private static long DiscountedBefore(long x, long g, long k) => x / g * k + Math.Max(0, x % g - (g - k));

    /// <summary>How many of the positions 0 … x−1 are among the <paramref name="k"/> positions from <paramref name="first"/> of their group of <paramref name="g"/>.</summary>
    private static long DiscountedBefore(long x, long g, long k, long first) => x / g * k + Math.Clamp(x % g - first, 0, k);

    private long UnitDiscount(CompiledPromotion p, long price)
    {
        if (p.Kind == PromotionKind.BuyXGetY) return price;
        if (p.PercentOff is { } percent) return percent.Of(price, _r.Rounding);
        if (p.AmountOff is { } amount) return Math.Min(amount, price);
        return price - Math.Min(p.Price!.Value, price);
    }

    /// <summary>Forms bundles while they are cheaper than their units; returns how many (each lowers its units).</summary>
    private long Bundles(int g, CompiledPromotion p, int available)
    {
        var components = p.Components;
        Grow.To(ref _componentMatch, components.Length * _n);
        int start = _groupStart[g], end = start + _groupCount[g];
        for (int c = 0; c < components.Length; c++)
            for (int k = start; k < end; k++)
                _componentMatch[c * _n + PairLine(k)] = InScope(components[c].Scope, PairLine(k));

        long formed = 0, limit = UnitLimit(p);
        while (formed < limit)
        {
            int chosen = 0;
            bool filled = true;
            for (int c = 0; c < components.Length && filled; c++)
            {
                long need = components[c].Quantity;
                for (int k = 0; k < available && need > 0; k++)
                {
                    int r = _available[k];
                    if (!_componentMatch[c * _n + _runLine[r]]) continue;
                    long free = _runCount[r] - ChosenFrom(r, chosen);
                    if (free <= 0) continue;
                    long take = Math.Min(need, free);
                    int slot = ChosenSlot(r, ref chosen); // may grow the arrays: index after it
                    _chosenCount[slot] += take;
                    need -= take;
                }
                filled = need == 0;
            }
            if (!filled) break;

            long sum = 0;
            for (int s = 0; s < chosen; s++) sum = checked(sum + _runPrice[_chosenRun[s]] * _chosenCount[s]);
            if (sum <= p.Price) break; // not cheaper than its units

            // Identical bundles from the same runs get identical shares: form them at once.
            long copies = limit - formed;
            for (int s = 0; s < chosen; s++) copies = Math.Min(copies, _runCount[_chosenRun[s]] / _chosenCount[s]);

            // Allocate one bundle's discount over its lines, weighted by the units' prices (§9).
            int lines = 0;
            for (int s = 0; s < chosen; s++)
            {
                int line = _runLine[_chosenRun[s]];
                int at = Array.IndexOf(_eligible, line, 0, lines);
                if (at < 0) { at = lines++; _eligible[at] = line; _weights[at] = 0; _ranks[at] = _idRank[line]; }
                _weights[at] += _runPrice[_chosenRun[s]] * _chosenCount[s];
            }
            Allocation.Split(sum - p.Price!.Value, _weights.AsSpan(0, lines), _ranks.AsSpan(0, lines), _shares.AsSpan(0, lines));
            for (int k = 0; k < lines; k++) _lineDiscount[_eligible[k]] += _shares[k] * copies;
            for (int s = 0; s < chosen; s++) TakeFront(_chosenRun[s], _chosenCount[s] * copies);
            formed += copies;
        }
        return formed;
    }

    private long ChosenFrom(int run, int chosen)
    {
        for (int s = 0; s < chosen; s++)
            if (_chosenRun[s] == run) return _chosenCount[s];
        return 0;
    }

    private int ChosenSlot(int run, ref int chosen)
    {
        for (int s = 0; s < chosen; s++)
            if (_chosenRun[s] == run) return s;
        Grow.To(ref _chosenRun, chosen + 1);
        Grow.To(ref _chosenCount, chosen + 1);
        _chosenRun[chosen] = run;
        _chosenCount[chosen] = 0;
        return chosen++;
    }
}
