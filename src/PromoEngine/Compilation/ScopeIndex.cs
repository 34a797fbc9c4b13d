using System.Collections.Frozen;

namespace PromoEngine.Compilation;

/// <summary>
/// Finds the rules whose include lists can match a line, so that pricing cost follows the cart and
/// not the size of the rule set. Rules without include lists are always candidates.
/// </summary>
internal sealed class ScopeIndex
{
    private readonly FrozenDictionary<string, int[]> _bySku, _byCategory, _byBrand, _byTag;

    public ScopeIndex(IReadOnlyList<CompiledScope> scopes)
    {
        var bySku = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byCategory = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byBrand = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byTag = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var always = new List<int>();
        for (int i = 0; i < scopes.Count; i++)
        {
            if (!scopes[i].HasIncludes) { always.Add(i); continue; }
            foreach (var (key, value) in scopes[i].IncludeKeys())
            {
                var map = key switch { ScopeKey.Sku => bySku, ScopeKey.Category => byCategory, ScopeKey.Brand => byBrand, _ => byTag };
                if (!map.TryGetValue(value, out var list)) map[value] = list = [];
                list.Add(i);
            }
        }
        _bySku = Freeze(bySku);
        _byCategory = Freeze(byCategory);
        _byBrand = Freeze(byBrand);
        _byTag = Freeze(byTag);
        Always = always.ToArray();
    }

    /// <summary>Rules without include lists.</summary>
    public int[] Always { get; }


    /// <summary>The rules whose include list of <paramref name="key"/> names <paramref name="value"/> (empty when none).</summary>
    public int[] Lookup(ScopeKey key, string value)
    {
        var map = key switch { ScopeKey.Sku => _bySku, ScopeKey.Category => _byCategory, ScopeKey.Brand => _byBrand, _ => _byTag };
        return map.TryGetValue(value, out int[]? rules) ? rules : [];
    }

    private static FrozenDictionary<string, int[]> Freeze(Dictionary<string, List<int>> map) =>
        map.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
