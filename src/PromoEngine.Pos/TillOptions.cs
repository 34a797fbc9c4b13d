namespace PromoEngine.Pos;

/// <summary>How a till is set up.</summary>
public sealed record TillOptions
{
    /// <summary>The default of <see cref="MaxLineQuantity"/>.</summary>
    public const long DefaultMaxLineQuantity = 9_999;

    /// <summary>The default of <see cref="MaxPointsBalance"/>.</summary>
    public const long DefaultMaxPointsBalance = 999_999_999;

    /// <summary>
    /// The store the till is in (the cart's <c>storeId</c>); required. When the rule set or the catalog names
    /// stores, it must be one of them (<see cref="TillSession"/> refuses any other at start-up).
    /// </summary>
    public required string StoreId { get; init; }

    /// <summary>The till's own id, printed on receipts; optional.</summary>
    public string? TillId { get; init; }

    /// <summary>Cash rounding a new session starts with; null for none. A session can change it.</summary>
    public CashRounding? CashRounding { get; init; }

    /// <summary>Most coupons one basket may present (default 100): the till refuses more, so no basket asks for unbounded work.</summary>
    public int MaxCoupons { get; init; } = 100;

    /// <summary>
    /// Most units one basket line may hold (default 9,999): a scan or quantity beyond it is refused with a
    /// message, since it is a slip of the finger or a stuck key, not a sale a cashier should price.
    /// </summary>
    public long MaxLineQuantity { get; init; } = DefaultMaxLineQuantity;

    /// <summary>
    /// The largest points balance a member may be identified with (default 999,999,999, worth 9,999,999.99
    /// at 100 points a unit): a larger balance is a typing error, and the till refuses it with a message.
    /// </summary>
    public long MaxPointsBalance { get; init; } = DefaultMaxPointsBalance;
}
