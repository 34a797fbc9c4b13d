using PromoEngine.Definitions;
using PromoEngine.Results;

namespace PromoEngine.Redemption.Tests.Support;

/// <summary>Small builders for limit tables and order usages.</summary>
public static class LedgerTestData
{
    public static readonly DateTimeOffset Start = new(2026, 6, 18, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(15);

    public static LimitTable Table(IEnumerable<PromotionDefinition>? promotions = null, IEnumerable<CouponDefinition>? coupons = null) =>
        LimitTable.From(new RuleSetDefinition { Currency = "CNY", Promotions = promotions?.ToList(), Coupons = coupons?.ToList() });

    public static PromotionDefinition Promotion(string id, LimitsDefinition? limits) => new() { Id = id, Limits = limits };

    public static CouponDefinition Coupon(string id, LimitsDefinition? limits = null, long? usesPerCode = null) =>
        new() { Id = id, Limits = limits, UsesPerCode = usesPerCode };

    public static UsageResult Usage(IEnumerable<PromotionUsage>? promotions = null, IEnumerable<CouponUsage>? coupons = null,
        IEnumerable<string>? codes = null) =>
        new((promotions ?? []).ToList(), (coupons ?? []).ToList(), (codes ?? []).ToList());

    /// <summary>One use of a promotion, with units and spent (minor units).</summary>
    public static UsageResult PromotionUse(string id, long? units = null, long spent = 100) => Usage([new PromotionUsage(id, 1, units, spent)]);

    /// <summary>An order applying one code of a coupon definition.</summary>
    public static UsageResult CodeUse(string couponId, string code, long spent = 500) =>
        Usage(coupons: [new CouponUsage(couponId, 1, spent)], codes: [code]);

    public static ReserveRequest Request(string orderId, UsageResult usage, LimitTable limits, string? customer = null,
        IReadOnlyDictionary<string, string>? codeCoupons = null, string? result = null, TimeSpan? ttl = null) =>
        new(orderId, customer, usage, limits, ttl ?? Ttl) { CodeCoupons = codeCoupons, ResultJson = result };
}
