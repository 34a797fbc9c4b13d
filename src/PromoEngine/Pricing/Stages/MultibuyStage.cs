using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 3 (多件优惠, spec §5.3, §9): nthItem, buyXGetY and bundles in promotion order, each over the
/// units earlier ones left, most expensive first (price desc, line id, unit index). Groups are counted
/// per run with arithmetic, never unit by unit.
/// </summary>
internal sealed class MultibuyStage(PassState state, CandidateCollection candidates)
{
    private readonly PassState _s = state;
    private readonly CandidateCollection _candidates = candidates;
    private int[] _available = [];        // the untaken runs of the promotion's lines, in unit order
    private long[] _lineDiscount = [];    // per line: what the promotion takes off
    private bool[] _componentMatch = [];  // per bundle component and line
    private int[] _chosenRun = [];        // the runs one bundle takes units from
    private long[] _chosenCount = [];     // and how many from each

    public void Run()
    {
        var amounts = _s.Amounts;
        Grow.To(ref _lineDiscount, _s.Cart.Count);
        foreach (int g in _candidates.MultibuyGroups)
        {
            var p = _candidates.Promotion(g);
            ref readonly var group = ref _candidates[g];
            int start = group.Start, end = start + group.Count;
            if (UnitsLeft(group) < SmallestTake(p)) continue; // not one group or bundle can form: nothing to sort
            for (int k = start; k < end; k++) _lineDiscount[_candidates.Line(k)] = 0;
            int available = CollectAvailable(group);
            long loweredGroups = p.Kind switch
            {
                PromotionKind.Bundle => Bundles(group, p, available),
                PromotionKind.NthItem => Groups(p, available, p.N, 1),
                _ => Groups(p, available, checked(p.Buy + p.Get), p.Get),
            };

            long total = 0;
            var lowered = _s.Eligible;
            lowered.Clear();
            for (int k = start; k < end; k++)
            {
                int i = _candidates.Line(k);
                long discount = _lineDiscount[i];
                if (discount == 0) continue;
                _s.Adjustments.Add(i, p.Id, PricingStage.Multibuy, discount, p.Funding);
                amounts.Amount[i] -= discount;
                total += discount;
                lowered.Add(i);
            }
            if (total > 0) _s.Output.AddApplied(p.Id, p.Name, PricingStage.Multibuy, null, total, loweredGroups, lowered.Span);
        }
        Array.Copy(amounts.Amount, amounts.ItemAmount, _s.Cart.Count);
    }

    /// <summary>Units of the group's lines not yet taken by an earlier multibuy promotion.</summary>
    private long UnitsLeft(in CandidateCollection.Group group)
    {
        var runs = _s.Runs.Runs;
        long units = 0;
        for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
            for (int r = _s.Runs.Head[_candidates.Line(k)]; r >= 0; r = runs[r].Next) units += runs[r].Count;
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
    private int CollectAvailable(in CandidateCollection.Group group)
    {
        var runs = _s.Runs.Runs;
        int count = 0;
        for (int k = group.Start, end = group.Start + group.Count; k < end; k++)
        {
            for (int r = _s.Runs.Head[_candidates.Line(k)]; r >= 0; r = runs[r].Next)
            {
                if (runs[r].Count == 0) continue;
                Grow.To(ref _available, count + 1);
                _available[count++] = r;
            }
        }
        SpanSort.Sort(_available.AsSpan(0, count), new ByUnitOrder(runs, _s.Cart.IdRank));
        return count;
    }

    private readonly struct ByUnitOrder(UnitRuns.Run[] runs, int[] idRank) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int c = runs[b].Price.CompareTo(runs[a].Price);
            if (c != 0) return c;
            c = idRank[runs[a].Line].CompareTo(idRank[runs[b].Line]);
            return c != 0 ? c : runs[a].Start.CompareTo(runs[b].Start);
        }
    }

    /// <summary>Takes the first <paramref name="units"/> units of run <paramref name="r"/>: they leave the stage, promoted.</summary>
    private void TakeFront(int r, long units) => _s.Amounts.Promoted[_s.Runs.TakeFront(r, units)] = true;

    /// <summary>
    /// Consecutive groups of <paramref name="size"/>; the last <paramref name="discounted"/> units of each
    /// complete group are discounted. Returns the groups that lowered at least one unit: units come most
    /// expensive first and a unit's discount never falls as its price rises, so a group lowers a unit
    /// exactly when its first discounted unit is lowered.
    /// </summary>
    private long Groups(CompiledPromotion p, int available, long size, long discounted)
    {
        var runs = _s.Runs.Runs;
        long units = 0;
        for (int k = 0; k < available; k++) units += runs[_available[k]].Count;
        long groups = Math.Min(units / size, _s.Limits.UnitLimit(p));
        if (groups == 0) return 0;
        long taken = groups * size;
        long position = 0, lowered = 0;
        for (int k = 0; k < available && position < taken; k++)
        {
            int r = _available[k];
            long take = Math.Min(runs[r].Count, taken - position);
            long hit = PositionsBefore(position + take, size, discounted, size - discounted) - PositionsBefore(position, size, discounted, size - discounted);
            long unitDiscount = hit > 0 ? UnitDiscount(p, runs[r].Price) : 0;
            if (unitDiscount > 0)
            {
                _lineDiscount[runs[r].Line] += hit * unitDiscount;
                lowered += PositionsBefore(position + take, size, 1, size - discounted) - PositionsBefore(position, size, 1, size - discounted);
            }
            TakeFront(r, take);
            position += take;
        }
        return lowered;
    }

    /// <summary>How many of the positions 0 … x−1 are among the <paramref name="k"/> positions from <paramref name="first"/> of their group of <paramref name="g"/>.</summary>
    private static long PositionsBefore(long x, long g, long k, long first) => x / g * k + Math.Clamp(x % g - first, 0, k);

    private long UnitDiscount(CompiledPromotion p, long price)
    {
        if (p.Kind == PromotionKind.BuyXGetY) return price;
        if (p.PercentOff is { } percent) return percent.Of(price, _s.Rules.Rounding);
        if (p.AmountOff is { } amount) return Math.Min(amount, price);
        return price - Math.Min(p.Price!.Value, price);
    }

    /// <summary>Forms bundles while they are cheaper than their units; returns how many (each lowers its units).</summary>
    private long Bundles(in CandidateCollection.Group group, CompiledPromotion p, int available)
    {
        int n = _s.Cart.Count;
        var components = p.Components;
        Grow.To(ref _componentMatch, components.Length * n);
        int start = group.Start, end = start + group.Count;
        for (int c = 0; c < components.Length; c++)
            for (int k = start; k < end; k++)
                _componentMatch[c * n + _candidates.Line(k)] = _s.Cart.InScope(components[c].Scope, _candidates.Line(k));

        long formed = 0, limit = _s.Limits.UnitLimit(p);
        var lines = _s.Eligible;
        while (formed < limit)
        {
            var runs = _s.Runs.Runs;
            int chosen = 0;
            bool filled = true;
            for (int c = 0; c < components.Length && filled; c++)
            {
                long need = components[c].Quantity;
                for (int k = 0; k < available && need > 0; k++)
                {
                    int r = _available[k];
                    if (!_componentMatch[c * n + runs[r].Line]) continue;
                    long free = runs[r].Count - ChosenFrom(r, chosen);
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
            for (int s = 0; s < chosen; s++) sum = checked(sum + runs[_chosenRun[s]].Price * _chosenCount[s]);
            if (sum <= p.Price) break; // not cheaper than its units

            // Identical bundles from the same runs get identical shares: form them at once.
            long copies = limit - formed;
            for (int s = 0; s < chosen; s++) copies = Math.Min(copies, runs[_chosenRun[s]].Count / _chosenCount[s]);

            // Allocate one bundle's discount over its lines, weighted by the units' prices (§9).
            lines.Clear();
            for (int s = 0; s < chosen; s++) lines.AddWeight(runs[_chosenRun[s]].Line, runs[_chosenRun[s]].Price * _chosenCount[s]);
            lines.SplitByWeights(sum - p.Price!.Value, _s.Cart.IdRank);
            for (int k = 0; k < lines.Count; k++) _lineDiscount[lines.Lines[k]] += lines.Shares[k] * copies;
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
