namespace PromoEngine.Redemption;

/// <summary>
/// A limit that an order would exceed: consumed + reserved by other orders + this order &gt; the limit.
/// Counts are orders, instances, units or groups; for <see cref="LimitKind.Budget"/> minor units.
/// </summary>
/// <param name="Kind">Promotion, coupon definition or code.</param>
/// <param name="Id">The promotion or coupon definition id, or the code.</param>
/// <param name="Limit">Which limit.</param>
/// <param name="Maximum">The limit.</param>
/// <param name="Consumed">Committed by earlier orders.</param>
/// <param name="Reserved">Held by other orders' live reservations.</param>
/// <param name="Requested">What this order would add.</param>
/// <param name="CustomerId">The customer, for a per-customer limit.</param>
public sealed record ExceededLimit(RuleKind Kind, string Id, LimitKind Limit, long Maximum, long Consumed, long Reserved,
    long Requested, string? CustomerId)
{
    /// <summary>A sentence for people: which limit, and the numbers.</summary>
    public string Message => CustomerId is null && Limit is LimitKind.UsesPerCustomer or LimitKind.UnitsPerCustomer
        ? $"{LedgerNames.Of(Kind)} '{Id}' has {LedgerNames.Of(Limit)} {Maximum} and the order has no customer"
        : $"{LedgerNames.Of(Kind)} '{Id}': {LedgerNames.Of(Limit)} {Maximum} would be exceeded " +
          $"(consumed {Consumed}, reserved by other orders {Reserved}, this order {Requested})";
}
