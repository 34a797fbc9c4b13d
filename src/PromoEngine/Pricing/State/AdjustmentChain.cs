using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>
/// Every line's adjustments in pass order (§6: one per source, in the order the pass made them), each
/// with the funding of its source (§10). All lines share one array of entries; each line's entries form
/// a chain through <see cref="Entry.Next"/>.
/// </summary>
internal sealed class AdjustmentChain
{
    public struct Entry
    {
        public string Source;
        public PricingStage Stage;
        public long Amount;
        public CompiledFunding Funding;
        /// <summary>The line's next entry; −1 at the end.</summary>
        public int Next;
    }

    private Entry[] _entries = [];
    private int[] _head = [], _tail = [];
    private int _count;

    public void Reset(int lines)
    {
        Grow.To(ref _head, lines);
        Grow.To(ref _tail, lines);
        _head.AsSpan(0, lines).Fill(-1);
        _tail.AsSpan(0, lines).Fill(-1);
        _count = 0;
    }

    public void Add(int line, string source, PricingStage stage, long amount, CompiledFunding funding)
    {
        int k = _count++;
        Grow.To(ref _entries, _count);
        _entries[k] = new Entry { Source = source, Stage = stage, Amount = amount, Funding = funding, Next = -1 };
        if (_tail[line] < 0) _head[line] = k;
        else _entries[_tail[line]].Next = k;
        _tail[line] = k;
    }

    /// <summary>The line's first entry; −1 when it has none.</summary>
    public int First(int line) => _head[line];

    public ref readonly Entry this[int k] => ref _entries[k];

    /// <summary>Drops the references to sources and fundings (the rule set's strings and objects).</summary>
    public void Release() => Array.Clear(_entries, 0, _count);

    public int Capacity => _entries.Length;
}
