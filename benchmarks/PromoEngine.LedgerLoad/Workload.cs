namespace PromoEngine.LedgerLoad;

/// <summary>
/// The load's rule set and orders: a launch offer (满50减10) that 100 orders may get, and a single-use code
/// that 50 of the 1,000 orders try.
/// </summary>
internal static class Workload
{
    public const int PromotionUses = 100;
    public const string Code = "ONE-CODE";

    public const string Rules = """
        { "id": "ledger-load", "version": "1", "currency": "CNY",
          "promotions": [{ "id": "launch", "kind": "threshold", "tiers": [{ "atLeast": 50, "amountOff": 10 }], "limits": { "uses": 100 } }],
          "coupons": [{ "id": "vip", "amountOff": 5 }] }
        """;

    /// <summary>Order <paramref name="i"/>: one line; every 20th order presents the single-use code.</summary>
    public static bool TriesCode(int i) => i % 20 == 0;

    public static string Cart(int i) => $$"""
        { "currency": "CNY", "channel": "online", "at": "2026-06-18T20:00:00+08:00", "customer": { "id": "c{{i}}" },
          "lines": [{ "id": "L1", "sku": "P{{i % 7}}", "unitPrice": 120.00, "quantity": 1 }]
          {{(TriesCode(i) ? $$""", "coupons": [{ "code": "{{Code}}", "couponId": "vip" }]""" : "")}} }
        """;
}
