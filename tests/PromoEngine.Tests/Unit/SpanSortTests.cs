using FsCheck;
using FsCheck.Xunit;
using PromoEngine.Pricing;

namespace PromoEngine.Tests.Unit;

public sealed class SpanSortTests
{
    private readonly struct Ascending : IComparer<int>
    {
        public int Compare(int a, int b) => a.CompareTo(b);
    }

    [Property(MaxTest = 300)]
    public bool Sorts_like_the_framework(int[] values)
    {
        var mine = values.ToArray();
        SpanSort.Sort(mine.AsSpan(), new Ascending());
        return mine.SequenceEqual(values.Order());
    }
}
