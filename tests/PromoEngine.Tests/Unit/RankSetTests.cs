using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PromoEngine.Pricing;

namespace PromoEngine.Tests.Unit;

public sealed class RankSetTests
{
    [Fact]
    public void Drains_in_ascending_order_and_is_empty_afterwards()
    {
        // Values at word and summary-word edges (63/64, 4,095/4,096) and the bound's last value.
        int[] values = [4096, 0, 9999, 63, 64, 4095, 127, 8191, 8192, 1];
        var set = new RankSet(10_000);
        foreach (int v in values) Assert.True(set.Add(v));
        Assert.False(set.Add(64));
        var into = new int[values.Length];
        Assert.Equal(values.Length, set.Drain(into));
        Assert.Equal(values.Order(), into);
        Assert.Equal(0, set.Drain(into));
        Assert.True(set.Add(64));
    }

    [Property(MaxTest = 300)]
    public Property Drain_gives_each_added_value_once_in_order(NonNegativeInt[] raw, PositiveInt rawBound)
    {
        int bound = 1 + rawBound.Get % 20_000;
        var values = raw.Select(v => v.Get % bound).ToArray();
        var set = new RankSet(bound);
        foreach (int v in values) set.Add(v);
        var into = new int[values.Length];
        int count = set.Drain(into);
        var expected = values.Distinct().Order().ToArray();
        return into.Take(count).SequenceEqual(expected).Label($"bound {bound}: [{string.Join(", ", values)}]")
            .And((set.Drain(into) == 0).Label("empty after draining"));
    }
}
