using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromoEngine.Pos;
using PromoEngine.Tests.Reference;

namespace PromoEngine.Parity.Tests;

/// <summary>One generated basket for a rule set: a cart in the generator's JSON form, to ring up at a till.</summary>
/// <param name="Label">Names the basket in failure messages (rule-set seed, basket number, donor seed).</param>
/// <param name="Cart">The generated cart.</param>
/// <param name="Seed">Seeds the till-side choices (store, SKU or barcode scans).</param>
internal sealed record GeneratedBasket(string Label, JsonObject Cart, int Seed);

/// <summary>What happened when a basket was rung up.</summary>
/// <param name="Session">The till session, priced.</param>
/// <param name="Skipped">Actions the till refused (and the basket went on without).</param>
/// <param name="Scans">Lines scanned (before the till merged scans of the same SKU).</param>
internal sealed record RungUp(TillSession Session, IReadOnlyList<string> Skipped, int Scans);

/// <summary>
/// Generates baskets for a rule set and rings them up at a till. Baskets come from
/// <see cref="RandomRuleSets.Generate"/>: the rule set's own cart, then the carts generated with other seeds
/// in the same currency, their coupon ids and tiers mapped onto the rule set's (so that coupons and member
/// prices still apply), all seeded, so every run prices the same baskets.
/// </summary>
internal static class TillBaskets
{
    /// <summary><paramref name="count"/> baskets for the rule set of <paramref name="ruleSeed"/>.</summary>
    public static List<GeneratedBasket> For(int ruleSeed, JsonObject rules, JsonObject ownCart, int count)
    {
        string currency = rules["currency"]!.GetValue<string>();
        var couponIds = (rules["coupons"] as JsonArray ?? []).Select(c => c!["id"]!.GetValue<string>()).ToList();
        var tiers = (rules["tiers"] as JsonArray ?? []).Select(t => t!.GetValue<string>()).ToList();

        var baskets = new List<GeneratedBasket> { new($"rs-{ruleSeed} basket 0 (own cart)", ownCart, ruleSeed) };
        for (int donor = ruleSeed * 1000; baskets.Count < count; donor++)
        {
            var cart = RandomRuleSets.Generate(donor).Cart;
            if (cart["currency"]!.GetValue<string>() != currency) continue;   // JPY and CNY prices differ in digits
            var random = new Random(donor);
            if (cart["coupons"] is JsonArray coupons)
            {
                foreach (var coupon in coupons.OfType<JsonObject>())
                {
                    // Mostly a coupon of this rule set; otherwise the donor's id, which this rule set may not know.
                    if (couponIds.Count > 0 && random.NextDouble() < 0.85) coupon["couponId"] = couponIds[random.Next(couponIds.Count)];
                }
            }
            if (cart["customer"] is JsonObject customer && customer["tier"] is not null)
                customer["tier"] = tiers.Count > 0 ? tiers[random.Next(tiers.Count)] : null;
            baskets.Add(new GeneratedBasket($"rs-{ruleSeed} basket {baskets.Count} (cart of seed {donor})", cart, donor));
        }
        return baskets;
    }

    /// <summary>
    /// Rings <paramref name="basket"/> up at a till of <paramref name="engine"/>, as a cashier would: a catalog
    /// of the cart's distinct SKUs (the first line's price, categories, brand and tags for each), the lines
    /// scanned in order (by SKU or barcode), then the member, the coupons and the points. The till's clock reads
    /// the cart's instant; its store is the cart's store, or one of S1–S3 for a cart without one.
    /// </summary>
    public static RungUp RingUp(PricingEngine engine, GeneratedBasket basket)
    {
        var cart = basket.Cart;
        var random = new Random(basket.Seed);
        string currency = cart["currency"]!.GetValue<string>();
        var lines = cart["lines"]!.AsArray().Select(l => l!.AsObject()).ToList();

        var products = new List<CatalogProduct>();
        foreach (var line in lines)
        {
            string sku = line["sku"]!.GetValue<string>();
            if (products.Any(p => p.Sku == sku)) continue;
            products.Add(new CatalogProduct(
                Sku: sku,
                Barcode: $"69{products.Count + 1:D11}",
                Name: $"Product {sku}",
                UnitPrice: line["unitPrice"]!.GetValue<decimal>(),
                Categories: Strings(line["categories"]),
                Brand: line["brand"]?.GetValue<string>(),
                Tags: Strings(line["tags"])));
        }
        string storeId = cart["storeId"]?.GetValue<string>() ?? $"S{random.Next(1, 4)}";
        var catalog = Catalog.Create(currency, products, [storeId]); // the till's store is one the catalog knows
        var at = DateTimeOffset.Parse(cart["at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var session = new TillSession(engine, catalog, new TillOptions { StoreId = storeId, TillId = "T-parity" }, new FixedClock(at));
        var skipped = new List<string>();

        foreach (var line in lines)
        {
            var product = catalog.FindSku(line["sku"]!.GetValue<string>())!;
            string code = random.NextDouble() < 0.5 ? product.Sku : product.Barcode!;
            session.Scan(code, line["quantity"]!.GetValue<long>());
        }

        if (cart["customer"] is JsonObject customer)
        {
            Try(skipped, "member", () => session.IdentifyMember(
                customer["id"]!.GetValue<string>(), customer["tier"]?.GetValue<string>(), customer["points"]?.GetValue<long>() ?? 0));
        }

        if (cart["coupons"] is JsonArray coupons)
        {
            foreach (var coupon in coupons.OfType<JsonObject>())
            {
                string code = coupon["code"]!.GetValue<string>(), couponId = coupon["couponId"]!.GetValue<string>();
                Try(skipped, $"coupon {code}", () => session.AddCoupon(code, couponId));
            }
        }

        if (cart["usePoints"] is JsonValue points)
        {
            if (points.GetValueKind() == JsonValueKind.String) Try(skipped, "max points", session.UseMaxPoints);
            else Try(skipped, "points", () => session.UsePoints(points.GetValue<long>()));
        }
        return new RungUp(session, skipped, lines.Count);
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [];

    /// <summary>Does what the till allows; a refused action is noted and the session stays as it was.</summary>
    private static void Try(List<string> skipped, string what, Action action)
    {
        try
        {
            action();
        }
        catch (TillException e)
        {
            skipped.Add($"{what}: {e.Message}");
        }
    }
}
