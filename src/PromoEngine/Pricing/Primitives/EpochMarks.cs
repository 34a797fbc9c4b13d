namespace PromoEngine.Pricing;

/// <summary>
/// One mark (and one flag) per id of a fixed range, all cleared at once by moving to the next epoch:
/// "seen in this cart", "seen on this line", "active for this cart (yes/no)" cost one array write per
/// id and nothing per cart. Only when the epoch counter would wrap is the array cleared.
/// </summary>
internal sealed class EpochMarks(int size)
{
    // A mark is epoch × 2 + flag; 0 is never a current mark because epochs start at 1.
    private readonly int[] _marks = new int[size];
    private int _epoch;

    /// <summary>Forgets every mark.</summary>
    public void NextEpoch()
    {
        if (_epoch == int.MaxValue >> 1)
        {
            Array.Clear(_marks);
            _epoch = 0;
        }
        _epoch++;
    }

    /// <summary>Whether <paramref name="id"/> is marked in this epoch.</summary>
    public bool IsMarked(int id) => _marks[id] >> 1 == _epoch;

    /// <summary>The flag <paramref name="id"/> was marked with (meaningful only when <see cref="IsMarked"/>).</summary>
    public bool Flag(int id) => (_marks[id] & 1) != 0;

    /// <summary>Marks <paramref name="id"/>, with a flag.</summary>
    public void Mark(int id, bool flag = false) => _marks[id] = (_epoch << 1) | (flag ? 1 : 0);

    /// <summary>Marks <paramref name="id"/>; false when it was marked already in this epoch.</summary>
    public bool TryMark(int id)
    {
        if (IsMarked(id)) return false;
        _marks[id] = _epoch << 1;
        return true;
    }

    /// <summary>
    /// The raw marks and the values a mark has in this epoch with each flag, for the hottest loops,
    /// which hold them in locals: <c>marks[id] == whenTrue</c> means marked with the flag.
    /// </summary>
    public (int[] Marks, int WhenFalse, int WhenTrue) Raw => (_marks, _epoch << 1, (_epoch << 1) | 1);
}
