using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Workloads;

/// <summary>Spec §3.1 scope and activity matching, done independently of the engine (coverage reports and the RulesEngine peer).</summary>
public static class Scopes
{
    public static bool Matches(ScopeDefinition? scope, CartLineDefinition line)
    {
        if (scope is null) return true;
        var categories = line.Categories ?? [];
        var tags = line.Tags ?? [];
        bool hasIncludes = scope.Skus is not null || scope.Categories is not null || scope.Brands is not null || scope.Tags is not null;
        bool included = !hasIncludes
            || (scope.Skus?.Contains(line.Sku!) ?? false)
            || AnyIn(scope.Categories, categories)
            || (line.Brand is not null && (scope.Brands?.Contains(line.Brand) ?? false))
            || AnyIn(scope.Tags, tags);
        return included
            && !(scope.ExcludeSkus?.Contains(line.Sku!) ?? false)
            && !AnyIn(scope.ExcludeCategories, categories)
            && !(line.Brand is not null && (scope.ExcludeBrands?.Contains(line.Brand) ?? false))
            && !AnyIn(scope.ExcludeTags, tags);
    }

    /// <summary>Whether the rule's window, channels, stores and minimum tier admit the cart.</summary>
    public static bool IsActive(WindowDefinition? window, IReadOnlyList<string>? channels, IReadOnlyList<string>? stores, string? minTier,
        IReadOnlyList<string> tiers, CartDefinition cart)
    {
        var at = cart.At!.Value;
        if (window?.From is { } from && at < from) return false;
        if (window?.To is { } to && at >= to) return false;
        if (channels is not null && !channels.Contains(cart.Channel!)) return false;
        if (stores is not null && (cart.StoreId is null || !stores.Contains(cart.StoreId))) return false;
        if (minTier is not null)
        {
            int need = IndexOf(tiers, minTier) + 1;
            int have = cart.Customer?.Tier is { } t ? IndexOf(tiers, t) + 1 : 0;
            if (have < need) return false;
        }
        return true;
    }

    /// <summary>Whether an active promotion concerns at least one line (a bundle: any of its components).</summary>
    public static bool Touches(PromotionDefinition p, CartDefinition cart) =>
        p.Kind == PromotionKind.Bundle && p.Components is { } components
            ? cart.Lines!.Any(l => Matches(p.Scope, l) && components.Any(c => Matches(c.Scope, l)))
            : cart.Lines!.Any(l => Matches(p.Scope, l));

    private static bool AnyIn(IReadOnlyList<string>? set, IReadOnlyList<string> values)
    {
        if (set is null) return false;
        foreach (var v in values)
            if (set.Contains(v)) return true;
        return false;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}
