namespace PromoEngine.Definitions;

/// <summary>A cart to price (spec §4).</summary>
public sealed record CartDefinition
{
    /// <summary>Currency; must be the rule set's.</summary>
    public string? Currency { get; init; }
    /// <summary><c>online</c> or <c>store</c>.</summary>
    public string? Channel { get; init; }
    /// <summary>Store id, for store-restricted rules.</summary>
    public string? StoreId { get; init; }
    /// <summary>The instant of pricing (required: the engine never reads the clock).</summary>
    public DateTimeOffset? At { get; init; }
    /// <summary>The customer; absent for a guest.</summary>
    public CustomerDefinition? Customer { get; init; }
    /// <summary>Lines.</summary>
    public IReadOnlyList<CartLineDefinition>? Lines { get; init; }
    /// <summary>Coupon instances offered.</summary>
    public IReadOnlyList<CouponInstanceDefinition>? Coupons { get; init; }
    /// <summary>Points the customer asks to use.</summary>
    public PointsRequest? UsePoints { get; init; }
    /// <summary>What limited rules have consumed so far (from the redemption ledger); nothing when absent.</summary>
    public UsageDefinition? Usage { get; init; }
    /// <summary>A JSON Schema reference for editors (<c>$schema</c>); ignored by the engine.</summary>
    public string? Schema { get; init; }
}

/// <summary>The customer of a cart.</summary>
public sealed record CustomerDefinition
{
    /// <summary>Customer id.</summary>
    public string? Id { get; init; }
    /// <summary>Member tier; absent for a customer without tier.</summary>
    public string? Tier { get; init; }
    /// <summary>Points balance; 0 when absent.</summary>
    public long? Points { get; init; }
}

/// <summary>A cart line.</summary>
public sealed record CartLineDefinition
{
    /// <summary>Line id, unique in the cart.</summary>
    public string? Id { get; init; }
    /// <summary>SKU.</summary>
    public string? Sku { get; init; }
    /// <summary>List unit price (major units).</summary>
    public decimal? UnitPrice { get; init; }
    /// <summary>Units (≥ 1).</summary>
    public long? Quantity { get; init; }
    /// <summary>Category and its ancestors.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    /// <summary>Brand.</summary>
    public string? Brand { get; init; }
    /// <summary>Tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>A coupon instance: a code of a coupon definition.</summary>
public sealed record CouponInstanceDefinition
{
    /// <summary>The instance's code.</summary>
    public string? Code { get; init; }
    /// <summary>The definition's id.</summary>
    public string? CouponId { get; init; }
}

/// <summary>Points a cart asks to use: a number, or the whole balance.</summary>
public readonly record struct PointsRequest(long Points, bool Max)
{
    /// <summary>The whole balance (<c>"max"</c>).</summary>
    public static PointsRequest All => new(0, true);
    /// <summary>A number of points.</summary>
    public static PointsRequest Of(long points) => new(points, false);
}
