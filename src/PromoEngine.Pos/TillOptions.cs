namespace PromoEngine.Pos;

/// <summary>How a till is set up.</summary>
public sealed record TillOptions
{
    /// <summary>The store the till is in (the cart's <c>storeId</c>); required.</summary>
    public required string StoreId { get; init; }

    /// <summary>The till's own id, printed on receipts; optional.</summary>
    public string? TillId { get; init; }

    /// <summary>Cash rounding a new session starts with; null for none. A session can change it.</summary>
    public CashRounding? CashRounding { get; init; }

    /// <summary>Most coupons one basket may present (default 100): the till refuses more, so no basket asks for unbounded work.</summary>
    public int MaxCoupons { get; init; } = 100;
}
