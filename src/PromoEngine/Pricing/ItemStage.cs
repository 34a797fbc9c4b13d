using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>
/// Step 2 (单品优惠): each unit takes the lowest of its member price, eligible special prices and item
/// discounts. Units are handled in runs: within a line only <c>limitPerOrder</c> boundaries split them.
/// </summary>
internal static class ItemStage
{
    public static void Run(PassState s)
    {
        var rules = s.Rules;
        int n = s.Lines.Length;
        var itemPromotions = s.Promotions.Where(p => p.Kind is PromotionKind.SpecialPrice or PromotionKind.ItemDiscount).ToArray();
        // Units of each line inside the limitPerOrder of each limited special price (a prefix of the line's units).
        var limitedUnits = new Dictionary<CompiledPromotion, long[]>();
        foreach (var p in itemPromotions)
        {
            if (p.Kind != PromotionKind.SpecialPrice || p.LimitPerOrder == long.MaxValue) continue;
            var order = Enumerable.Range(0, n).Where(i => s.InScope(p.Scope, i))
                .OrderByDescending(i => s.Lines[i].UnitPrice).ThenBy(i => s.IdRanks[i]);
            long left = p.LimitPerOrder;
            var units = new long[n];
            foreach (int i in order)
            {
                units[i] = Math.Min(left, s.Lines[i].Quantity);
                left -= units[i];
            }
            limitedUnits[p] = units;
        }

        var memberCandidates = new HashSet<int>();
        for (int i = 0; i < n; i++)
        {
            var line = s.Lines[i];
            long list = line.UnitPrice;
            var (memberPrice, memberSource) = MemberPrice(s, i, memberCandidates);
            var promotions = itemPromotions.Where(p => s.InScope(p.Scope, i)).ToArray();

            // Run boundaries: 0, each limited promotion's prefix, quantity.
            var cuts = new SortedSet<long> { 0, line.Quantity };
            foreach (var p in promotions)
                if (limitedUnits.TryGetValue(p, out var units) && units[i] > 0 && units[i] < line.Quantity) cuts.Add(units[i]);

            long memberTotal = 0;
            var promoTotals = new Dictionary<CompiledPromotion, long>();
            long start = -1;
            foreach (long cut in cuts)
            {
                if (start < 0) { start = cut; continue; }
                long count = cut - start;
                long best = memberPrice;
                CompiledPromotion? winner = null;
                foreach (var p in promotions)
                {
                    if (limitedUnits.TryGetValue(p, out var units) && units[i] < cut) continue; // outside its limit
                    long candidate = CandidatePrice(p, list, memberPrice, rules.Rounding);
                    if (candidate < best) { best = candidate; winner = p; }
                }
                if (winner is null)
                {
                    memberTotal += (list - memberPrice) * count;
                }
                else
                {
                    long basePrice = winner.StacksWithMemberPrice ? memberPrice : list;
                    if (winner.StacksWithMemberPrice) memberTotal += (list - memberPrice) * count;
                    promoTotals[winner] = promoTotals.GetValueOrDefault(winner) + (basePrice - best) * count;
                    s.Promoted[i] = true;
                }
                s.Runs.Add(new UnitRun(i, start, count, best));
                start = cut;
            }

            long amount = line.ListAmount;
            if (memberTotal > 0)
            {
                s.LineAdjustments[i].Add(new Adjustment(memberSource!, PricingStage.Item, memberTotal));
                amount -= memberTotal;
            }
            foreach (var (p, total) in promoTotals.OrderBy(x => x.Key.Rank))
            {
                if (total == 0) continue;
                s.LineAdjustments[i].Add(new Adjustment(p.Id, PricingStage.Item, total));
                amount -= total;
            }
            s.Amounts[i] = amount;
        }

        foreach (var p in itemPromotions)
        {
            long total = 0;
            var lines = new List<int>();
            for (int i = 0; i < n; i++)
                foreach (var adjustment in s.LineAdjustments[i])
                    if (ReferenceEquals(adjustment.Source, p.Id) && adjustment.Stage == PricingStage.Item) { total += adjustment.Amount; lines.Add(i); }
            if (total > 0) s.Applied.Add(new AppliedPromotion(p.Id, PricingStage.Item, null, total, s.LineIds(lines)));
        }
    }

    /// <summary>A promotion's price for a unit; never above the list price.</summary>
    private static long CandidatePrice(CompiledPromotion p, long list, long memberPrice, Money.RoundingMode rounding)
    {
        if (p.Kind == PromotionKind.SpecialPrice) return Math.Min(p.Price!.Value, list);
        long basePrice = p.StacksWithMemberPrice ? memberPrice : list;
        long off = p.PercentOff is { } percent ? percent.Of(basePrice, rounding) : Math.Min(p.AmountOff!.Value, basePrice);
        return basePrice - off;
    }

    /// <summary>The lowest member unit price for the line's tier, and the source naming the winning entry's tier.</summary>
    private static (long Price, string? Source) MemberPrice(PassState s, int i, HashSet<int> scratch)
    {
        var line = s.Lines[i];
        long best = line.UnitPrice;
        CompiledMemberPrice? winner = null;
        if (s.Cart.Facts.TierRank == 0 || s.Rules.MemberPrices.Length == 0) return (best, null);
        scratch.Clear();
        foreach (int always in s.Rules.MemberPriceIndex.Always) scratch.Add(always);
        s.Rules.MemberPriceIndex.Collect(line.Sku, line.Categories, line.Brand, line.Tags, scratch);
        foreach (int index in scratch)
        {
            var entry = s.Rules.MemberPrices[index];
            if (!entry.Conditions.IsActive(s.Cart.Facts)) continue;
            if (entry.Sku is not null && entry.Sku != line.Sku) continue;
            if (!entry.Scope.Matches(line.Sku, line.Categories, line.Brand, line.Tags)) continue;
            long price = entry.Price ?? line.UnitPrice - entry.PercentOff!.Value.Of(line.UnitPrice, s.Rules.Rounding);
            if (price >= line.UnitPrice) continue;
            if (price < best || (price == best && winner is not null
                && (entry.Priority > winner.Priority || (entry.Priority == winner.Priority && entry.Position < winner.Position))))
            {
                best = price;
                winner = entry;
            }
        }
        return (best, winner?.Source);
    }
}
