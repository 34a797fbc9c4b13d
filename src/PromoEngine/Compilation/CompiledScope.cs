using PromoEngine.Definitions;

namespace PromoEngine.Compilation;

/// <summary>A scope as sets, for fast matching (spec §3.1).</summary>
internal sealed class CompiledScope
{
    public static readonly CompiledScope Everything = new(null);

    private readonly StringSet? _skus, _categories, _brands, _tags;
    private readonly StringSet? _excludeSkus, _excludeCategories, _excludeBrands, _excludeTags;

    public CompiledScope(ScopeDefinition? scope)
    {
        Definition = scope;
        if (scope is null) return;
        _skus = Set(scope.Skus);
        _categories = Set(scope.Categories);
        _brands = Set(scope.Brands);
        _tags = Set(scope.Tags);
        _excludeSkus = Set(scope.ExcludeSkus);
        _excludeCategories = Set(scope.ExcludeCategories);
        _excludeBrands = Set(scope.ExcludeBrands);
        _excludeTags = Set(scope.ExcludeTags);
    }

    public ScopeDefinition? Definition { get; }

    /// <summary>Whether any include list is given (otherwise every line not excluded is in scope).</summary>
    public bool HasIncludes => _skus is not null || _categories is not null || _brands is not null || _tags is not null;

    /// <summary>Whether any exclude list is given.</summary>
    public bool HasExcludes => _excludeSkus is not null || _excludeCategories is not null || _excludeBrands is not null || _excludeTags is not null;

    public bool Matches(string sku, IReadOnlyList<string> categories, string? brand, IReadOnlyList<string> tags)
    {
        bool included = !HasIncludes
            || (_skus?.Contains(sku) ?? false)
            || AnyIn(_categories, categories)
            || (brand is not null && (_brands?.Contains(brand) ?? false))
            || AnyIn(_tags, tags);
        if (!included) return false;
        return !(_excludeSkus?.Contains(sku) ?? false)
            && !AnyIn(_excludeCategories, categories)
            && !(brand is not null && (_excludeBrands?.Contains(brand) ?? false))
            && !AnyIn(_excludeTags, tags);
    }

    private static bool AnyIn(StringSet? set, IReadOnlyList<string> values)
    {
        if (set is null) return false;
        for (int i = 0; i < values.Count; i++)
            if (set.Contains(values[i])) return true;
        return false;
    }

    private static StringSet? Set(IReadOnlyList<string>? values) =>
        values is null ? null : new StringSet(values);
}

/// <summary>The line attribute an include list names.</summary>
internal enum ScopeKey
{
    Sku,
    Category,
    Brand,
    Tag,
}
