using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Workloads;

/// <summary>How much of a rule set a cart really exercises: per kind, promotions active, touching the cart, and applied.</summary>
public sealed record Coverage(IReadOnlyDictionary<PromotionKind, (int Total, int Touching, int Applied)> ByKind, int MemberAdjustedLines,
    int CouponsApplied, long PointsUsed, int Gifts, int Hints, long Subtotal, long Total)
{
    public static Coverage Of(RuleSetDefinition rules, CartDefinition cart, PricingResult result)
    {
        var applied = result.Applied.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var byKind = new Dictionary<PromotionKind, (int, int, int)>();
        foreach (var kind in Enum.GetValues<PromotionKind>())
        {
            var ofKind = rules.Promotions!.Where(p => p.Kind == kind).ToList();
            var touching = ofKind.Where(p => Scopes.IsActive(p.Window, p.Channels, p.Stores, p.MinTier, rules.Tiers!, cart) && Scopes.Touches(p, cart)).ToList();
            byKind[kind] = (ofKind.Count, touching.Count, ofKind.Count(p => applied.Contains(p.Id!)));
        }
        return new Coverage(byKind,
            result.Lines.Count(l => l.Adjustments.Any(a => a.Source.StartsWith("member:", StringComparison.Ordinal))),
            result.Coupons.Count(c => c.Applied), result.Points.Used, result.Gifts.Count, result.Hints.Count, result.Subtotal, result.Total);
    }

    public int Touching => ByKind.Values.Sum(v => v.Touching);
    public int Applied => ByKind.Values.Sum(v => v.Applied);

    public override string ToString() =>
        $"{Touching} promotions touch the cart, {Applied} applied (" +
        string.Join(", ", ByKind.Select(k => $"{Name(k.Key)} {k.Value.Touching}/{k.Value.Applied}")) +
        $"; touching/applied), member price on {MemberAdjustedLines} lines, {CouponsApplied} coupons applied, {PointsUsed} points used, " +
        $"{Gifts} gifts, {Hints} hints; subtotal {Subtotal / 100m:0.00} → total {Total / 100m:0.00}";

    /// <summary>Throws unless every kind touches the cart and applies, member prices, coupons and points are used.</summary>
    public void RequireEverything(string workload)
    {
        var missing = ByKind.Where(k => k.Value.Touching < 5 || k.Value.Applied < 1).Select(k => Name(k.Key)).ToList();
        if (MemberAdjustedLines == 0) missing.Add("member prices");
        if (CouponsApplied == 0) missing.Add("coupons");
        if (PointsUsed == 0) missing.Add("points");
        if (missing.Count > 0)
            throw new InvalidOperationException($"{workload}: the cart does not exercise {string.Join(", ", missing)} ({this})");
    }

    private static string Name(PromotionKind kind) => kind switch
    {
        PromotionKind.SpecialPrice => "specialPrice",
        PromotionKind.ItemDiscount => "itemDiscount",
        PromotionKind.NthItem => "nthItem",
        PromotionKind.BuyXGetY => "buyXGetY",
        PromotionKind.Bundle => "bundle",
        _ => "threshold",
    };
}
