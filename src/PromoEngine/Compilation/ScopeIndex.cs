using System.Collections.Frozen;

namespace PromoEngine.Compilation;

/// <summary>
/// Finds the rules whose include lists can match a line, so that pricing cost follows the cart and
/// not the size of the rule set. One index serves promotions, member prices and coupons: a line's sku,
/// categories, brand and tags are looked up once each, and every entry found lists the rules of all
/// three kinds (see <see cref="ScopeIndexEntry"/>). Rules without include lists are always candidates.
/// </summary>
internal sealed class ScopeIndex
{
    private readonly FrozenDictionary<string, ScopeIndexEntry> _bySku, _byCategory, _byBrand, _byTag;

    /// <summary>Indexes the given scopes; each rule is known by its position in its own list.</summary>
    public ScopeIndex(IReadOnlyList<CompiledScope> promotions, IReadOnlyList<CompiledScope> memberPrices, IReadOnlyList<CompiledScope> coupons)
    {
        var maps = new Dictionary<string, List<int>?[]>[4];
        for (int k = 0; k < maps.Length; k++) maps[k] = new Dictionary<string, List<int>?[]>(StringComparer.Ordinal);
        var always = new[] { new List<int>(), new List<int>(), new List<int>() };
        var kinds = new[] { promotions, memberPrices, coupons };
        for (int kind = 0; kind < kinds.Length; kind++)
        {
            var scopes = kinds[kind];
            for (int i = 0; i < scopes.Count; i++)
            {
                if (!scopes[i].HasIncludes) { always[kind].Add(i); continue; }
                var definition = scopes[i].Definition!; // a scope with include lists has its definition
                Add(maps[(int)ScopeKey.Sku], definition.Skus, kind, i);
                Add(maps[(int)ScopeKey.Category], definition.Categories, kind, i);
                Add(maps[(int)ScopeKey.Brand], definition.Brands, kind, i);
                Add(maps[(int)ScopeKey.Tag], definition.Tags, kind, i);
            }
        }
        _bySku = Freeze(maps[(int)ScopeKey.Sku]);
        _byCategory = Freeze(maps[(int)ScopeKey.Category]);
        _byBrand = Freeze(maps[(int)ScopeKey.Brand]);
        _byTag = Freeze(maps[(int)ScopeKey.Tag]);
        Always = new ScopeIndexEntry(always[0].ToArray(), always[1].ToArray(), always[2].ToArray());
    }

    private static void Add(Dictionary<string, List<int>?[]> map, IReadOnlyList<string>? values, int kind, int rule)
    {
        if (values is null) return;
        for (int k = 0; k < values.Count; k++)
        {
            ref var lists = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(map, values[k], out _);
            var list = (lists ??= new List<int>?[3])[kind] ??= []; // most keys name one kind
            if (list.Count == 0 || list[^1] != rule) list.Add(rule); // a value listed twice is indexed once
        }
    }

    /// <summary>Rules without include lists.</summary>
    public ScopeIndexEntry Always { get; }

    /// <summary>The rules whose include list of <paramref name="key"/> names <paramref name="value"/>; null when none.</summary>
    public ScopeIndexEntry? Lookup(ScopeKey key, string value)
    {
        var map = key switch { ScopeKey.Sku => _bySku, ScopeKey.Category => _byCategory, ScopeKey.Brand => _byBrand, _ => _byTag };
        return map.TryGetValue(value, out var entry) ? entry : null;
    }

    private static FrozenDictionary<string, ScopeIndexEntry> Freeze(Dictionary<string, List<int>?[]> map) =>
        map.ToFrozenDictionary(p => p.Key, p => new ScopeIndexEntry(ToArrayOrEmpty(p.Value[0]), ToArrayOrEmpty(p.Value[1]), ToArrayOrEmpty(p.Value[2])), StringComparer.Ordinal);

    private static int[] ToArrayOrEmpty(List<int>? list) => list is null ? [] : list.ToArray();
}

/// <summary>The rules of each kind that one index key names (positions in their kind's list).</summary>
internal sealed class ScopeIndexEntry(int[] promotions, int[] memberPrices, int[] coupons)
{
    /// <summary>Promotion ranks.</summary>
    public int[] Promotions { get; } = promotions;

    /// <summary>Member-price entry positions.</summary>
    public int[] MemberPrices { get; } = memberPrices;

    /// <summary>Coupon ordinals.</summary>
    public int[] Coupons { get; } = coupons;
}
