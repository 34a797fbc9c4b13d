namespace PromoEngine.Compilation;

/// <summary>
/// A read-only set of strings (ordinal) sized for rule scopes: most hold a handful of values, where a
/// linear scan beats hashing and building costs nothing; larger ones use a hash set. A frozen set per
/// scope made compiling 100,000 promotions slow and did not make pricing faster.
/// </summary>
internal sealed class StringSet
{
    private const int ScanLimit = 8;
    private readonly string[]? _few;
    private readonly HashSet<string>? _many;

    public StringSet(IReadOnlyList<string> values)
    {
        if (values.Count <= ScanLimit)
        {
            _few = new string[values.Count];
            for (int i = 0; i < _few.Length; i++) _few[i] = values[i];
        }
        else
        {
            _many = new HashSet<string>(values, StringComparer.Ordinal);
        }
    }

    public bool Contains(string value)
    {
        if (_few is null) return _many!.Contains(value);
        foreach (string item in _few)
            if (string.Equals(item, value, StringComparison.Ordinal)) return true;
        return false;
    }
}
