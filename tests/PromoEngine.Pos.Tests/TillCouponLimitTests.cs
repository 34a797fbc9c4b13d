using PromoEngine.Pos;

namespace PromoEngine.Pos.Tests;

/// <summary>A basket at the till can present only so many coupons (issue #9): the coupon choice stays quick at the counter.</summary>
public sealed class TillCouponLimitTests
{
    [Fact]
    public void A_basket_takes_at_most_the_configured_number_of_coupons()
    {
        var s = new TillSession(TestData.Snapshot, TestData.Catalog, new TillOptions { StoreId = "S1", MaxCoupons = 2 }, new FixedClock(TestData.D11));
        s.Scan("TEA");
        s.AddCoupon("C-1", "c10");
        s.AddCoupon("C-2", "c10");

        var refused = Assert.Throws<TillException>(() => s.AddCoupon("C-3", "c10"));

        Assert.Equal("a basket takes at most 2 coupons", refused.Message);
        Assert.Equal(2, s.Coupons.Count);
    }

    [Fact]
    public void The_default_is_100_coupons()
    {
        var s = TestData.Session();
        s.Scan("TEA");
        for (int k = 0; k < 100; k++) s.AddCoupon($"C-{k:D3}", "c10");
        Assert.Throws<TillException>(() => s.AddCoupon("C-100", "c10"));
    }
}
