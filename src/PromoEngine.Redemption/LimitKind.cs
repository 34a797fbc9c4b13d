namespace PromoEngine.Redemption;

/// <summary>Which limit of a rule (spec §11) a counter is checked against.</summary>
public enum LimitKind
{
    /// <summary><c>limits.uses</c>: orders (promotion) or applied instances (coupon), in all.</summary>
    Uses,
    /// <summary><c>limits.usesPerCustomer</c>.</summary>
    UsesPerCustomer,
    /// <summary><c>limits.units</c>: units, groups or bundles, in all.</summary>
    Units,
    /// <summary><c>limits.unitsPerCustomer</c>.</summary>
    UnitsPerCustomer,
    /// <summary><c>limits.budget</c>: discount given, in minor units.</summary>
    Budget,
    /// <summary>A coupon definition's <c>usesPerCode</c>: orders that may use one code.</summary>
    UsesPerCode,
}

/// <summary>The kind of thing a ledger counter belongs to.</summary>
public enum RuleKind
{
    /// <summary>A promotion, by id.</summary>
    Promotion,
    /// <summary>A coupon definition, by id.</summary>
    Coupon,
    /// <summary>A coupon code.</summary>
    Code,
}

/// <summary>Names used in JSON answers and messages.</summary>
public static class LedgerNames
{
    /// <summary>The camel-case name of a limit as the rule set spells it (<c>usesPerCustomer</c>, <c>budget</c>, …).</summary>
    public static string Of(LimitKind limit) => limit switch
    {
        LimitKind.Uses => "uses",
        LimitKind.UsesPerCustomer => "usesPerCustomer",
        LimitKind.Units => "units",
        LimitKind.UnitsPerCustomer => "unitsPerCustomer",
        LimitKind.Budget => "budget",
        LimitKind.UsesPerCode => "usesPerCode",
        _ => throw new ArgumentOutOfRangeException(nameof(limit)),
    };

    /// <summary><c>promotion</c>, <c>coupon</c> or <c>code</c>.</summary>
    public static string Of(RuleKind kind) => kind switch
    {
        RuleKind.Promotion => "promotion",
        RuleKind.Coupon => "coupon",
        RuleKind.Code => "code",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The lower-case name of an order status (<c>reserved</c>, <c>committed</c>, …).</summary>
    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.Reserved => "reserved",
        OrderStatus.Committed => "committed",
        OrderStatus.Released => "released",
        OrderStatus.Expired => "expired",
        OrderStatus.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Reads a status written by <see cref="Of(OrderStatus)"/>.</summary>
    /// <exception cref="FormatException">The text names no status.</exception>
    public static OrderStatus ParseStatus(string text) => text switch
    {
        "reserved" => OrderStatus.Reserved,
        "committed" => OrderStatus.Committed,
        "released" => OrderStatus.Released,
        "expired" => OrderStatus.Expired,
        "revoked" => OrderStatus.Revoked,
        _ => throw new FormatException($"unknown order status '{text}'"),
    };
}
