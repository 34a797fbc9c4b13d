using PromoEngine.Definitions;

namespace PromoEngine;

/// <summary>
/// Carts made from a rule set itself to warm an engine up: lines that fall in its promotions' scopes, a
/// member of its highest tier with points, its coupons, online and in store. They exercise every stage of
/// the pass, so that the first real cart after a rule set is loaded does not pay for compiling the code.
/// </summary>
internal static class WarmUpCarts
{
    private const int MaxLines = 20, MaxCoupons = 8;

    public static CartDefinition[] For(PricingEngine engine)
    {
        var rules = engine.Definition;
        var lines = new List<CartLineDefinition>();
        foreach (var scope in Scopes(rules))
        {
            if (lines.Count == MaxLines) break;
            int k = lines.Count;
            lines.Add(new CartLineDefinition
            {
                Id = $"warm-{k:D2}",
                Sku = scope?.Skus is [var sku, ..] ? sku : $"warm-sku-{k}",
                Categories = scope?.Categories is [var category, ..] ? [category] : null,
                Brand = scope?.Brands is [var brand, ..] ? brand : null,
                Tags = scope?.Tags is [var tag, ..] ? [tag] : null,
                UnitPrice = 100 + 10 * k,
                Quantity = 1 + k % 3,
            });
        }
        if (lines.Count == 0) lines.Add(new CartLineDefinition { Id = "warm-00", Sku = "warm-sku", UnitPrice = 100, Quantity = 2 });

        var coupons = (rules.Coupons ?? []).Take(MaxCoupons)
            .Select((c, k) => new CouponInstanceDefinition { Code = $"WARM-{k}", CouponId = c.Id }).ToArray();
        var at = (rules.Promotions ?? []).Select(p => p.Window?.From).FirstOrDefault(f => f is not null)
            ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var online = new CartDefinition
        {
            Currency = engine.Currency, Channel = "online", At = at,
            Customer = new CustomerDefinition { Id = "warm-up", Tier = engine.Tiers.Count > 0 ? engine.Tiers[^1] : null, Points = 1_000_000 },
            Lines = lines, Coupons = coupons, UsePoints = PointsRequest.All,
        };
        string? store = (rules.Promotions ?? []).Select(p => p.Stores?.FirstOrDefault()).FirstOrDefault(s => s is not null);
        var inStore = online with { Channel = "store", StoreId = store, Customer = null, UsePoints = null };
        return [online, inStore];
    }

    /// <summary>One scope of each promotion, then of each member price and coupon (null: every line).</summary>
    private static IEnumerable<ScopeDefinition?> Scopes(RuleSetDefinition rules)
    {
        foreach (var p in rules.Promotions ?? [])
        {
            yield return p.Scope;
            foreach (var component in p.Components ?? []) yield return component.Scope;
        }
        foreach (var m in rules.MemberPrices ?? []) yield return m.Sku is { } sku ? new ScopeDefinition { Skus = [sku] } : m.Scope;
        foreach (var c in rules.Coupons ?? []) yield return c.Scope;
    }
}
