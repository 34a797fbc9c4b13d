using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 3 (多件优惠): nthItem, buyXGetY and bundles in order, each over the units earlier ones left,
/// most expensive first. Counting is done per run with arithmetic, so quantities may be huge.
/// </summary>
internal static class MultibuyStage
{
    public static void Run(PassState s)
    {
        foreach (var p in s.Promotions)
        {
            var discounts = new long[s.Lines.Length];
            switch (p.Kind)
            {
                case PromotionKind.NthItem: Groups(s, p, p.N, 1, discounts); break;
                case PromotionKind.BuyXGetY: Groups(s, p, checked(p.Buy + p.Get), p.Get, discounts); break;
                case PromotionKind.Bundle: Bundles(s, p, discounts); break;
                default: continue;
            }
            long total = 0;
            var lowered = new List<int>();
            for (int i = 0; i < discounts.Length; i++)
            {
                if (discounts[i] == 0) continue;
                s.LineAdjustments[i].Add(new Adjustment(p.Id, PricingStage.Multibuy, discounts[i]));
                s.Amounts[i] -= discounts[i];
                total += discounts[i];
                lowered.Add(i);
            }
            if (total > 0) s.Applied.Add(new AppliedPromotion(p.Id, PricingStage.Multibuy, null, total, s.LineIds(lowered)));
        }
        Array.Copy(s.Amounts, s.ItemAmounts, s.Amounts.Length);
    }

    /// <summary>Available runs in scope, by current unit price desc, line id, unit index.</summary>
    private static List<UnitRun> Available(PassState s, CompiledScope scope, CompiledScope? also = null)
    {
        var runs = s.Runs.Where(r => !r.Taken && r.Count > 0 && s.InScope(scope, r.Line) && (also is null || s.InScope(also, r.Line))).ToList();
        runs.Sort((a, b) =>
        {
            int c = b.Price.CompareTo(a.Price);
            if (c != 0) return c;
            c = s.IdRanks[a.Line].CompareTo(s.IdRanks[b.Line]);
            return c != 0 ? c : a.Start.CompareTo(b.Start);
        });
        return runs;
    }

    /// <summary>Consecutive groups of <paramref name="size"/>; the last <paramref name="discounted"/> units of each complete group are discounted.</summary>
    private static void Groups(PassState s, CompiledPromotion p, long size, long discounted, long[] discounts)
    {
        var runs = Available(s, p.Scope);
        long units = 0;
        foreach (var run in runs) units += run.Count;
        long groups = Math.Min(units / size, p.LimitPerOrder);
        if (groups == 0) return;
        long taken = groups * size;
        long position = 0;
        foreach (var run in runs)
        {
            if (position >= taken) break;
            long take = Math.Min(run.Count, taken - position);
            long hit = DiscountedBefore(position + take, size, discounted) - DiscountedBefore(position, size, discounted);
            if (hit > 0) discounts[run.Line] += hit * UnitDiscount(p, run.Price, s.Rules.Rounding);
            s.Promoted[run.Line] = true;
            s.Runs.Add(run.TakeFront(take));
            position += take;
        }
    }

    /// <summary>How many of the positions 0 … x−1 are among the last <paramref name="k"/> of their group of <paramref name="g"/>.</summary>
    private static long DiscountedBefore(long x, long g, long k) => x / g * k + Math.Max(0, x % g - (g - k));

    private static long UnitDiscount(CompiledPromotion p, long price, RoundingMode rounding)
    {
        if (p.Kind == PromotionKind.BuyXGetY) return price;
        if (p.PercentOff is { } percent) return percent.Of(price, rounding);
        if (p.AmountOff is { } amount) return Math.Min(amount, price);
        return price - Math.Min(p.Price!.Value, price);
    }

    private static void Bundles(PassState s, CompiledPromotion p, long[] discounts)
    {
        long formed = 0;
        var weights = new long[s.Lines.Length];
        var shares = new long[s.Lines.Length];
        while (formed < p.LimitPerOrder)
        {
            var chosen = new Dictionary<UnitRun, long>(ReferenceEqualityComparer.Instance);
            bool filled = true;
            foreach (var component in p.Components)
            {
                long need = component.Quantity;
                foreach (var run in Available(s, p.Scope, component.Scope))
                {
                    long free = run.Count - chosen.GetValueOrDefault(run);
                    if (free <= 0) continue;
                    long take = Math.Min(need, free);
                    chosen[run] = chosen.GetValueOrDefault(run) + take;
                    need -= take;
                    if (need == 0) break;
                }
                if (need > 0) { filled = false; break; }
            }
            if (!filled) break;
            long sum = 0;
            foreach (var (run, count) in chosen) sum = checked(sum + run.Price * count);
            if (sum <= p.Price) break; // not cheaper than its units

            // Identical bundles from the same runs get identical shares: form them at once.
            long copies = p.LimitPerOrder - formed;
            foreach (var (run, count) in chosen) copies = Math.Min(copies, run.Count / count);

            Array.Clear(weights);
            foreach (var (run, count) in chosen) weights[run.Line] += run.Price * count;
            Allocation.Split(sum - p.Price!.Value, weights, s.IdRanks, shares);
            for (int i = 0; i < shares.Length; i++) discounts[i] += shares[i] * copies;
            foreach (var (run, count) in chosen)
            {
                s.Promoted[run.Line] = true;
                s.Runs.Add(run.TakeFront(count * copies));
            }
            formed += copies;
        }
    }
}
