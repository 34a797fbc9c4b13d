using PromoEngine.Pricing;

namespace PromoEngine.Tests.Unit;

public sealed class GrowTests
{
    [Fact]
    public void Growing_keeps_what_the_array_holds()
    {
        // Regression: growing once dropped the contents, so candidate pairs were lost or repeated.
        int[] array = [];
        for (int i = 0; i < 100; i++)
        {
            Grow.To(ref array, i + 1);
            array[i] = i;
        }
        Assert.Equal(Enumerable.Range(0, 100), array.Take(100));
    }

    [Fact]
    public void A_large_enough_array_is_kept()
    {
        var array = new long[10];
        var before = array;
        Grow.To(ref array, 10);
        Assert.Same(before, array);
    }
}
