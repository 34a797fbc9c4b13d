using PromoEngine.Compilation;

namespace PromoEngine.Pricing;

/// <summary>A statically valid coupon instance of the cart.</summary>
internal sealed record CouponCandidate(int Position, string Code, CompiledCoupon Coupon)
{
    /// <summary>Coupon order within a layer: priority desc, couponId, code (ordinal).</summary>
    public static int Compare(CouponCandidate a, CouponCandidate b)
    {
        int c = b.Coupon.Priority.CompareTo(a.Coupon.Priority);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Coupon.Id, b.Coupon.Id);
        return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
    }
}
