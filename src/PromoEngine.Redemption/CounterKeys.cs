namespace PromoEngine.Redemption;

/// <summary>
/// The names of ledger counters, shared by every store: <c>promotion/ID/uses</c>, <c>promotion/ID/units</c>,
/// <c>promotion/ID/spent</c>, <c>promotion/ID/customer/CUSTOMER/uses</c> (and <c>…/units</c>), the same under
/// <c>coupon/</c>, and <c>code/CODE</c>. Every id is percent-encoded (RFC 3986 unreserved characters stay as
/// they are), so a name never contains <c>/</c>, whitespace or control characters from an id and two
/// different counters never share a name.
/// </summary>
public static class CounterKeys
{
    /// <summary>Uses of a rule, in all.</summary>
    public static string Uses(RuleKind kind, string id) => $"{Prefix(kind)}/{Escape(id)}/uses";

    /// <summary>Units (or groups, bundles) of a rule, in all.</summary>
    public static string Units(RuleKind kind, string id) => $"{Prefix(kind)}/{Escape(id)}/units";

    /// <summary>Discount given by a rule, in minor units.</summary>
    public static string Spent(RuleKind kind, string id) => $"{Prefix(kind)}/{Escape(id)}/spent";

    /// <summary>Uses of a rule by one customer.</summary>
    public static string CustomerUses(RuleKind kind, string id, string customerId) =>
        $"{Prefix(kind)}/{Escape(id)}/customer/{Escape(customerId)}/uses";

    /// <summary>Units of a rule by one customer.</summary>
    public static string CustomerUnits(RuleKind kind, string id, string customerId) =>
        $"{Prefix(kind)}/{Escape(id)}/customer/{Escape(customerId)}/units";

    /// <summary>Orders that used a coupon code.</summary>
    public static string Code(string code) => $"code/{Escape(code)}";

    private static string Prefix(RuleKind kind) => kind switch
    {
        RuleKind.Promotion => "promotion",
        RuleKind.Coupon => "coupon",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
