using PromoEngine.Compilation;
using PromoEngine.Definitions;

namespace PromoEngine.Pricing;

/// <summary>A validated cart in minor units.</summary>
internal sealed record PreparedCart(CartFacts Facts, bool HasCustomer, PreparedLine[] Lines, CouponInstanceDefinition[] Coupons, long RequestedPoints);

/// <summary>A validated line in minor units.</summary>
internal sealed record PreparedLine(int Position, string Id, string Sku, long UnitPrice, long Quantity, long ListAmount,
    IReadOnlyList<string> Categories, string? Brand, IReadOnlyList<string> Tags);
