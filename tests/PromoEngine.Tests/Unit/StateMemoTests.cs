using PromoEngine.Pricing;

namespace PromoEngine.Tests.Unit;

/// <summary>
/// The coupon search merges branches that reach the same amounts after a layer: only a prefix with fewer
/// coupons, or as many with smaller sorted codes, goes on.
/// </summary>
public sealed class StateMemoTests
{
    private sealed class Codes(params string[] codes) : ICouponCodes
    {
        public string Code(int candidate) => codes[candidate];
    }

    private static readonly Codes ZA = new("Z", "A", "M");

    [Fact]
    public void A_state_reached_again_goes_on_only_with_a_better_prefix()
    {
        var memo = new StateMemo();
        memo.Reset(lines: 2, layers: 2);
        long[] state = [100, 50];

        Assert.True(memo.Admit(0, state, [0], ZA));       // first {Z}
        Assert.False(memo.Admit(0, state, [0], ZA));      // the same prefix again
        Assert.True(memo.Admit(0, state, [1], ZA));       // {A}: as many coupons, a smaller code
        Assert.False(memo.Admit(0, state, [0], ZA));      // {Z} is worse than the {A} kept now
        Assert.False(memo.Admit(0, state, [2, 1], ZA));   // more coupons
        Assert.True(memo.Admit(0, state, [], ZA));        // fewer coupons
    }

    [Fact]
    public void Codes_are_compared_sorted_and_layers_and_amounts_are_kept_apart()
    {
        var memo = new StateMemo();
        memo.Reset(lines: 2, layers: 2);
        long[] state = [100, 50];
        Assert.True(memo.Admit(0, state, [2, 0], ZA));    // {M, Z}
        Assert.True(memo.Admit(0, state, [0, 1], ZA));    // {A, Z} sorts first
        Assert.False(memo.Admit(0, state, [2, 0], ZA));
        Assert.True(memo.Admit(1, state, [2, 0], ZA));    // another layer
        Assert.True(memo.Admit(0, [100, 49], [2, 0], ZA)); // other amounts
        memo.Reset(lines: 2, layers: 2);
        Assert.True(memo.Admit(0, state, [2, 0], ZA));    // a new cart forgets
    }
}
