using System.Numerics;

namespace PromoEngine.Pricing;

/// <summary>
/// A set of small integers (promotion ranks) below a fixed bound that gives its members back in
/// ascending order and empty again, in time that follows the members, not the bound: a bit per value,
/// plus a summary bit per 64-value word, so a walk skips 4,096 absent values per summary word it reads.
/// It replaces sorting the cart's (promotion, line) pairs, which cost more than finding them.
/// </summary>
internal sealed class RankSet
{
    private readonly ulong[] _bits;
    private readonly ulong[] _summary;

    public RankSet(int bound)
    {
        _bits = new ulong[(bound + 63) >> 6];
        _summary = new ulong[(_bits.Length + 63) >> 6];
    }

    /// <summary>Adds <paramref name="value"/>; true when it was not yet in the set.</summary>
    public bool Add(int value)
    {
        int word = value >> 6;
        ulong bit = 1UL << (value & 63);
        if ((_bits[word] & bit) != 0) return false;
        _bits[word] |= bit;
        _summary[word >> 6] |= 1UL << (word & 63);
        return true;
    }

    /// <summary>Writes the members in ascending order into <paramref name="into"/> and empties the set; returns how many.</summary>
    public int Drain(Span<int> into)
    {
        int count = 0;
        for (int s = 0; s < _summary.Length; s++)
        {
            ulong words = _summary[s];
            if (words == 0) continue;
            _summary[s] = 0;
            while (words != 0)
            {
                int word = (s << 6) + BitOperations.TrailingZeroCount(words);
                words &= words - 1;
                ulong bits = _bits[word];
                _bits[word] = 0;
                while (bits != 0)
                {
                    into[count++] = (word << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                }
            }
        }
        return count;
    }
}
