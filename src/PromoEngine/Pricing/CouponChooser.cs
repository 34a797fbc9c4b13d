namespace PromoEngine.Pricing;

/// <summary>
/// §5.1: sorts the cart's coupons into static rejections and candidates, then finds the allowed subset
/// of candidates whose pass gives the lowest total (ties: fewer coupons, then smallest sorted codes).
/// The search walks the layers in order, so each layer's work is shared by every later choice.
/// </summary>
internal sealed class CouponChooser(PassState s, LayerStage layers)
{
    private readonly int _layerCount = s.Rules.Layers.Length;
    private Choice? _best;

    /// <summary>A chosen subset: per layer, its coupons in coupon order.</summary>
    public sealed record Choice(List<CouponCandidate>[] ByLayer, long Total, int Count, string[] SortedCodes);

    /// <summary>Splits the cart's coupons: a static rejection reason per position, or a candidate.</summary>
    public (CouponReason?[] Static, List<CouponCandidate> Candidates) Classify()
    {
        var coupons = s.Cart.Coupons;
        var reasons = new CouponReason?[coupons.Length];
        var candidates = new List<CouponCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < coupons.Length; i++)
        {
            bool first = seen.Add(coupons[i].Code!);
            if (!s.Rules.Coupons.TryGetValue(coupons[i].CouponId!, out var coupon)) reasons[i] = CouponReason.UnknownCoupon;
            else if (!first) reasons[i] = CouponReason.DuplicateCode;
            else if (coupon.Conditions.FirstFailure(s.Cart.Facts) is { } failure) reasons[i] = failure;
            else candidates.Add(new CouponCandidate(i, coupons[i].Code!, coupon));
        }
        return (reasons, candidates);
    }

    public Choice Choose(List<CouponCandidate> candidates)
    {
        var byLayer = new List<CouponCandidate>[_layerCount];
        for (int l = 0; l < _layerCount; l++)
        {
            byLayer[l] = candidates.Where(c => c.Coupon.LayerIndex == l && !c.Coupon.Exclusive).ToList();
            byLayer[l].Sort(CouponCandidate.Compare);
        }
        _best = null;
        Search(0, s.Amounts, new List<CouponCandidate>[_layerCount], byLayer);
        foreach (var exclusive in candidates.Where(c => c.Coupon.Exclusive))
        {
            if (s.Rules.Layers[exclusive.Coupon.LayerIndex].MaxCoupons < 1) continue;
            var chosen = new List<CouponCandidate>[_layerCount];
            for (int l = 0; l < _layerCount; l++) chosen[l] = l == exclusive.Coupon.LayerIndex ? [exclusive] : [];
            var amounts = (long[])s.Amounts.Clone();
            bool ok = true;
            for (int l = 0; l < _layerCount && ok; l++) ok = layers.Run(l, amounts, chosen[l], null);
            if (ok) Consider(chosen, amounts);
        }
        return _best!;
    }

    private void Search(int layer, long[] amounts, List<CouponCandidate>[] chosen, List<CouponCandidate>[] byLayer)
    {
        if (layer == _layerCount)
        {
            Consider(chosen, amounts);
            return;
        }
        int max = Math.Min(s.Rules.Layers[layer].MaxCoupons, byLayer[layer].Count);
        foreach (var subset in Subsets(byLayer[layer], max))
        {
            var next = (long[])amounts.Clone();
            if (!layers.Run(layer, next, subset, null)) continue;
            chosen[layer] = subset;
            Search(layer + 1, next, chosen, byLayer);
        }
        chosen[layer] = null!;
    }

    private void Consider(List<CouponCandidate>[] chosen, long[] amounts)
    {
        long total = 0;
        foreach (long amount in amounts) total += amount;
        var codes = chosen.SelectMany(c => c).Select(c => c.Code).Order(StringComparer.Ordinal).ToArray();
        if (_best is not null)
        {
            int c = total.CompareTo(_best.Total);
            if (c == 0) c = codes.Length.CompareTo(_best.Count);
            if (c == 0) c = CompareCodes(codes, _best.SortedCodes);
            if (c >= 0) return;
        }
        _best = new Choice(chosen.Select(c => c.ToList()).ToArray(), total, codes.Length, codes);
    }

    private static int CompareCodes(string[] a, string[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Every subset of at most <paramref name="max"/> items, each in the list's order; the empty one first.</summary>
    private static IEnumerable<List<CouponCandidate>> Subsets(List<CouponCandidate> items, int max)
    {
        var current = new List<CouponCandidate>();
        return Walk(0);

        IEnumerable<List<CouponCandidate>> Walk(int from)
        {
            yield return current.ToList();
            if (current.Count == max) yield break;
            for (int i = from; i < items.Count; i++)
            {
                current.Add(items[i]);
                foreach (var subset in Walk(i + 1)) yield return subset;
                current.RemoveAt(current.Count - 1);
            }
        }
    }
}
