namespace PromoEngine.Pricing;

/// <summary>
/// The line amounts the coupon search has reached after each layer, with the best prefix (the coupons
/// chosen so far) that reached them. Two branches that reach the same amounts after a layer continue
/// alike — later layers see only the amounts — so of two prefixes the one with fewer coupons, then the
/// smaller sorted codes, wins with every continuation (adding the same later codes to both keeps that
/// order), and the other need not go on. A table holds at most <see cref="Capacity"/> states per layer;
/// past that, branches simply go on unmerged, so the answer never depends on it.
/// </summary>
internal sealed class StateMemo
{
    private const int Capacity = 4_096;

    private Table[] _tables = [];
    private int _lines;
    private int[] _sortScratch = [];

    public void Reset(int lines, int layers)
    {
        _lines = lines;
        if (_tables.Length < layers)
        {
            int had = _tables.Length;
            Array.Resize(ref _tables, layers);
            for (int l = had; l < layers; l++) _tables[l] = new Table();
        }
        for (int l = 0; l < layers; l++) _tables[l].Clear();
    }

    /// <summary>
    /// Whether a branch that reached <paramref name="amounts"/> after <paramref name="layer"/> with
    /// <paramref name="prefix"/> should go on: false when a prefix as good or better got there before.
    /// </summary>
    public bool Admit(int layer, long[] amounts, ReadOnlySpan<int> prefix, ICouponCodes candidates)
    {
        var table = _tables[layer];
        ulong hash = Hash(amounts);
        int slot = table.Find(hash, amounts, _lines);
        if (slot < 0)
        {
            table.TryAdd(hash, amounts, _lines, prefix); // a full table merges no more: the branch goes on either way
            return true;
        }
        if (ChoiceOrder.Compare(prefix, table.Prefix(slot), candidates, ref _sortScratch) >= 0) return false;
        table.Replace(slot, prefix);
        return true;
    }

    private ulong Hash(long[] amounts)
    {
        // FNV-1a over the amounts: a hash wraps by design (the engine otherwise checks for overflow).
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < _lines; i++) hash = unchecked((hash ^ (ulong)amounts[i]) * 1099511628211UL);
        return hash;
    }

    /// <summary>An open-addressing table of amount vectors and their prefixes, in pooled arrays.</summary>
    private sealed class Table
    {
        private int[] _slots = new int[2 * Capacity]; // entry + 1, or 0 when empty
        private int[] _slotOf = [];                    // per entry, its slot: a clear empties only those
        private ulong[] _hashes = [];
        private long[] _amounts = [];
        private int[] _prefixStart = [], _prefixLength = [];
        private int[] _prefixes = [];
        private int _count, _prefixUsed;

        public void Clear()
        {
            for (int e = 0; e < _count; e++) _slots[_slotOf[e]] = 0;
            _count = 0;
            _prefixUsed = 0;
        }

        public int Find(ulong hash, long[] amounts, int lines)
        {
            for (int s = (int)(hash % (ulong)_slots.Length); _slots[s] != 0; s = (s + 1) % _slots.Length)
            {
                int e = _slots[s] - 1;
                if (_hashes[e] == hash && amounts.AsSpan(0, lines).SequenceEqual(_amounts.AsSpan(e * lines, lines))) return e;
            }
            return -1;
        }

        public bool TryAdd(ulong hash, long[] amounts, int lines, ReadOnlySpan<int> prefix)
        {
            if (_count == Capacity) return false;
            int e = _count++;
            Grow.To(ref _hashes, _count);
            Grow.To(ref _amounts, _count * lines);
            Grow.To(ref _prefixStart, _count);
            Grow.To(ref _prefixLength, _count);
            Grow.To(ref _slotOf, _count);
            _hashes[e] = hash;
            amounts.AsSpan(0, lines).CopyTo(_amounts.AsSpan(e * lines));
            Store(e, prefix);
            int s = (int)(hash % (ulong)_slots.Length);
            while (_slots[s] != 0) s = (s + 1) % _slots.Length;
            _slots[s] = e + 1;
            _slotOf[e] = s;
            return true;
        }

        public ReadOnlySpan<int> Prefix(int e) => _prefixes.AsSpan(_prefixStart[e], _prefixLength[e]);

        public void Replace(int e, ReadOnlySpan<int> prefix) => Store(e, prefix);

        private void Store(int e, ReadOnlySpan<int> prefix)
        {
            Grow.To(ref _prefixes, _prefixUsed + prefix.Length);
            prefix.CopyTo(_prefixes.AsSpan(_prefixUsed));
            _prefixStart[e] = _prefixUsed;
            _prefixLength[e] = prefix.Length;
            _prefixUsed += prefix.Length;
        }
    }
}
