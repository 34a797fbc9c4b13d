using PromoEngine.Money;

namespace PromoEngine.Tests.Unit;

public sealed class AllocationTests
{
    private static long[] Split(long amount, long[] weights, int[]? ranks = null)
    {
        var shares = new long[weights.Length];
        Allocation.Split(amount, weights, ranks ?? Enumerable.Range(0, weights.Length).ToArray(), shares);
        return shares;
    }

    [Fact]
    public void Largest_remainder_gets_the_leftover_unit()
    {
        // Spec scenario 01: 20.00 over 178.00 / 120.00 → 1194.63 / 805.37 → 11.95 / 8.05.
        Assert.Equal([1195, 805], Split(2000, [17800, 12000]));
    }

    [Fact]
    public void Equal_remainders_go_to_the_smaller_line_id()
    {
        // Weights equal, remainders equal: rank (ordinal id order) decides, not position.
        Assert.Equal([333, 334, 333], Split(1000, [1000, 1000, 1000], [2, 0, 1]));
    }

    [Fact]
    public void Equal_remainders_go_to_the_larger_weight_first()
    {
        // 1 over 2 and 4 (W = 6): remainders 2 and 4 → the larger remainder wins regardless of id.
        Assert.Equal([0, 1], Split(1, [2, 4], [0, 1]));
        // 3 over 2,2,4,4... remainders: 6 mod 12 = 6, 6, 12 mod 12 = 0... use a tie on remainder with different weights:
        // D=2, w=[1,3] W=4: 2*1%4=2, 2*3%4=2 → tie → larger weight (index 1) gets the unit.
        Assert.Equal([0, 2], Split(2, [1, 3], [0, 1]));
    }

    [Fact]
    public void Zero_weights_get_nothing_and_all_zero_splits_nothing()
    {
        Assert.Equal([0, 500], Split(500, [0, 700]));
        Assert.Equal([0, 0], Split(0, [10, 20]));
        Assert.Equal([0, 0], Split(5, [0, 0]));
    }

    [Fact]
    public void More_units_than_weight_still_sum_exactly()
    {
        // Points are allocated over value shares even when there are more points than value units.
        var shares = Split(20000, [1, 1, 1]);
        Assert.Equal(20000, shares.Sum());
        Assert.Equal([6667, 6667, 6666], shares);
    }

    [Fact]
    public void Huge_amounts_do_not_overflow()
    {
        var shares = Split(long.MaxValue / 2, [long.MaxValue / 2, 1]);
        Assert.Equal(long.MaxValue / 2, shares.Sum());
    }

    [Fact]
    public void Negative_input_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Split(-1, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Split(1, [-1, 2]));
    }
}
