using System.Globalization;
using System.Text.Json.Nodes;
using PromoEngine.Definitions;

namespace PromoEngine.Benchmarks.Peer.Medusa;

/// <summary>What a peer promotion does, in words both engines can express.</summary>
public enum PeerKind
{
    /// <summary>A fixed amount off the cart's items, split across them by amount (Medusa: items, fixed, across).</summary>
    ItemsFixedAcross,
    /// <summary>A percentage off the order when the cart's subtotal reaches a minimum (Medusa: order, percentage, rule on subtotal).</summary>
    OrderPercent,
    /// <summary>Buy 2 of one product, get 1 of another free (Medusa: buyget).</summary>
    BuyGet,
    /// <summary>A percentage off each unit of a collection (Medusa: items, percentage, each).</summary>
    CollectionPercent,
    /// <summary>A fixed amount off each unit of a product (Medusa: items, fixed, each).</summary>
    ProductFixed,
    /// <summary>A percentage off the order for a customer group the cart's customer is not in.</summary>
    GroupOrderPercent,
}

/// <summary>One promotion of the peer workload.</summary>
/// <param name="Code">Its code (Medusa) and id (PromoEngine).</param>
/// <param name="Kind">What it does.</param>
/// <param name="Value">Percentage or amount (major units).</param>
/// <param name="Target">The collection, product or customer group it concerns.</param>
/// <param name="MinSubtotal">For <see cref="PeerKind.OrderPercent"/>: the subtotal it needs.</param>
/// <param name="Filler">One of the generated fillers (not one of the three scenario promotions).</param>
/// <param name="Applies">Whether it applies to the workload's cart (false: a rule excludes the cart).</param>
public sealed record PeerPromotion(string Code, PeerKind Kind, decimal Value, string? Target, decimal? MinSubtotal, bool Filler, bool Applies);

/// <summary>
/// The workload of the Medusa peer run: the Medusa kit's 20-line cart and promotion mix
/// (<c>/work/shared/peers/medusa/fixtures.js</c>: three scenario promotions and fillers of six kinds, half of
/// them applying), generated once here and written for both engines. The cart differs from the kit's in
/// its prices only: whole dollars, chosen so that the common subset prices in whole cents in both engines
/// (see <see cref="Subset"/>).
/// </summary>
public static class MedusaWorkload
{
    public static readonly int[] Sizes = [10, 100, 1_000];
    public const int Lines = 20;
    public const string CustomerGroup = "vip";

    /// <summary>The instant every PromoEngine cart is priced at (Medusa's promotions have no window).</summary>
    public static readonly DateTimeOffset At = new(2026, 11, 11, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Unit prices in whole dollars: 5, 7, 9, … as the kit's 5.00 + 2.50 i but whole, the last one raised so that the subtotal after the free unit is 1,000.00.</summary>
    public static readonly IReadOnlyList<(string Sku, string Collection, decimal Unit, int Quantity)> Cart = BuildCart();

    private static List<(string, string, decimal, int)> BuildCart()
    {
        var lines = Enumerable.Range(0, Lines).Select(i => ($"prod_{i}", $"col_{i % 4}", 5m + 2m * i, 1 + i % 3)).ToList();
        decimal subtotal = lines.Sum(l => l.Item3 * l.Item4);
        decimal free = lines[4].Item3; // the buy-get's free unit
        var last = lines[^1];
        decimal raise = (1_000m + free - subtotal) / last.Item4;
        if (raise < 0 || raise != decimal.Truncate(raise)) throw new InvalidOperationException("the peer cart cannot be made to total 1,000.00 after the free unit");
        lines[^1] = (last.Item1, last.Item2, last.Item3 + raise, last.Item4);
        return lines;
    }

    public static decimal Subtotal => Cart.Sum(l => l.Unit * l.Quantity);

    /// <summary>
    /// The first <paramref name="size"/> promotions: the kit's three scenario promotions (a fixed 10.00 off
    /// the items across, 15 % off orders of at least 100.00, buy 2 prod_2 get 1 prod_4 free) and its fillers
    /// by index i: i mod 6 = 0: 1–5 % off a collection; 1: 1.00 off a product; 2: 3 % off for a customer group
    /// not the cart's; 3: 2.00 off a product not in the cart; 4: 1 % off orders of at least 50.00; 5: 2 % off
    /// orders of at least 1,000,000.00. Kinds 0, 1 and 4 apply to the cart.
    /// </summary>
    public static IReadOnlyList<PeerPromotion> Promotions(int size)
    {
        var all = new List<PeerPromotion>(size)
        {
            new("ITEMS_FIXED10_ACROSS", PeerKind.ItemsFixedAcross, 10m, null, null, false, true),
            new("ORDER_15PCT_MIN100", PeerKind.OrderPercent, 15m, null, 100m, false, true),
            new("BUY2_PROD2_GET1_PROD4_FREE", PeerKind.BuyGet, 100m, null, null, false, true),
        };
        for (int i = 0; all.Count < size; i++)
        {
            string code = $"AUTO_{i}";
            all.Add((i % 6) switch
            {
                0 => new PeerPromotion(code, PeerKind.CollectionPercent, 1 + i % 5, $"col_{i % 4}", null, true, true),
                1 => new PeerPromotion(code, PeerKind.ProductFixed, 1m, $"prod_{i % 20}", null, true, true),
                2 => new PeerPromotion(code, PeerKind.GroupOrderPercent, 3m, $"grp_{i}", null, true, false),
                3 => new PeerPromotion(code, PeerKind.ProductFixed, 2m, $"prod_x{i}", null, true, false),
                4 => new PeerPromotion(code, PeerKind.OrderPercent, 1m, null, 50m, true, true),
                _ => new PeerPromotion(code, PeerKind.OrderPercent, 2m, null, 1_000_000m, true, false),
            });
        }
        return all.Take(size).ToList();
    }

    /// <summary>
    /// The common subset of a size: its scenario promotions and the fillers that do not apply to the cart
    /// (the kit's <c>SELECTIVE=1</c>). There the engines agree to the cent, because (1) each promotion
    /// applies at most once to a line, so Medusa's stacking of every automatic promotion and PromoEngine's
    /// one item price per unit do not differ; (2) the order is the same: Medusa applies the buy-get first,
    /// then the others by descending value, each on what the previous left, and PromoEngine runs the
    /// multibuy stage, then its layers in order (one layer per order-level promotion, in Medusa's order);
    /// (3) the arithmetic is exact: with whole-dollar lines and 1,000.00 left after the free unit, 15 % of
    /// every line is whole cents, and the 10.00 split across lines of 85 % of whole dollars totalling 850.00
    /// gives every line whole cents too, so Medusa's floats round per line to what PromoEngine's §2
    /// allocation gives in total. Fillers that do not apply are discarded by both: Medusa by their rules,
    /// PromoEngine by a tier the customer lacks, a SKU not in the cart, or a threshold not reached.
    /// </summary>
    public static IReadOnlyList<PeerPromotion> Subset(int size) => Promotions(size).Where(p => !p.Filler || !p.Applies).ToList();

    // ---- Medusa ---------------------------------------------------------------------------------

    /// <summary>The cart as the context of <c>computeActions([], context)</c>, as the kit's <c>makeCart</c> builds it.</summary>
    public static JsonObject MedusaCart()
    {
        var items = new JsonArray();
        for (int i = 0; i < Cart.Count; i++)
        {
            var (sku, collection, unit, quantity) = Cart[i];
            items.Add(new JsonObject
            {
                ["id"] = $"item_{i}",
                ["quantity"] = quantity,
                ["subtotal"] = unit * quantity,
                ["original_total"] = unit * quantity,
                ["is_discountable"] = true,
                ["product"] = new JsonObject { ["id"] = sku, ["collection_id"] = collection },
            });
        }
        return new JsonObject
        {
            ["currency_code"] = "usd",
            ["customer"] = new JsonObject { ["id"] = "cus_1", ["groups"] = new JsonArray(new JsonObject { ["id"] = CustomerGroup }) },
            ["region_id"] = "reg_eu",
            ["subtotal"] = Subtotal,
            ["items"] = items,
        };
    }

    /// <summary>A promotion as <c>createPromotions</c> takes it (the kit's fixtures, field for field).</summary>
    public static JsonObject MedusaPromotion(PeerPromotion p)
    {
        var promotion = new JsonObject
        {
            ["code"] = p.Code,
            ["type"] = p.Kind == PeerKind.BuyGet ? "buyget" : "standard",
            ["status"] = "active",
            ["is_automatic"] = true,
        };
        static JsonArray Rule(string attribute, string op, string value) =>
            new(new JsonObject { ["attribute"] = attribute, ["operator"] = op, ["values"] = new JsonArray(value) });
        JsonObject method;
        switch (p.Kind)
        {
            case PeerKind.ItemsFixedAcross:
                method = new() { ["type"] = "fixed", ["target_type"] = "items", ["allocation"] = "across", ["value"] = p.Value, ["currency_code"] = "usd", ["target_rules"] = new JsonArray() };
                break;
            case PeerKind.OrderPercent:
                promotion["rules"] = Rule("subtotal", "gte", p.MinSubtotal!.Value.ToString(CultureInfo.InvariantCulture));
                method = new() { ["type"] = "percentage", ["target_type"] = "order", ["allocation"] = "across", ["value"] = p.Value };
                break;
            case PeerKind.GroupOrderPercent:
                promotion["rules"] = new JsonArray(new JsonObject { ["attribute"] = "customer.groups.id", ["operator"] = "in", ["values"] = new JsonArray(p.Target) });
                method = new() { ["type"] = "percentage", ["target_type"] = "order", ["allocation"] = "across", ["value"] = p.Value };
                break;
            case PeerKind.BuyGet:
                method = new()
                {
                    ["type"] = "percentage", ["target_type"] = "items", ["allocation"] = "each", ["value"] = 100, ["max_quantity"] = 1,
                    ["apply_to_quantity"] = 1, ["buy_rules_min_quantity"] = 2,
                    ["buy_rules"] = Rule("items.product.id", "eq", "prod_2"),
                    ["target_rules"] = Rule("items.product.id", "eq", "prod_4"),
                };
                break;
            case PeerKind.CollectionPercent:
                method = new()
                {
                    ["type"] = "percentage", ["target_type"] = "items", ["allocation"] = "each", ["max_quantity"] = 10, ["value"] = p.Value,
                    ["target_rules"] = Rule("items.product.collection_id", "in", p.Target!),
                };
                break;
            case PeerKind.ProductFixed:
                method = new()
                {
                    ["type"] = "fixed", ["target_type"] = "items", ["allocation"] = "each", ["max_quantity"] = 5, ["value"] = p.Value, ["currency_code"] = "usd",
                    ["target_rules"] = Rule("items.product.id", "eq", p.Target!),
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(p), p.Kind, null);
        }
        promotion["application_method"] = method;
        return promotion;
    }

    // ---- PromoEngine ----------------------------------------------------------------------------

    /// <summary>The cart in PromoEngine's format: the same lines (collection as category), the customer as tier <c>vip</c>.</summary>
    public static CartDefinition PromoCart() => new()
    {
        Currency = "USD",
        Channel = "online",
        At = At,
        Customer = new CustomerDefinition { Id = "cus_1", Tier = CustomerGroup },
        Lines = Cart.Select((l, i) => new CartLineDefinition
        {
            Id = $"item_{i}", Sku = l.Sku, UnitPrice = l.Unit, Quantity = l.Quantity, Categories = [l.Collection],
        }).ToList(),
    };

    /// <summary>
    /// The promotions as a PromoEngine rule set. Item promotions become <c>itemDiscount</c>s (a unit takes
    /// the lowest price, spec §5 step 2: they do not stack as in Medusa); the buy-get becomes a bundle of
    /// 2 × prod_2 + 1 × prod_4 priced as the two prod_2 (limit 1: Medusa's <c>max_quantity</c>); every
    /// order-level promotion becomes a threshold in a layer of its own, the layers in Medusa's order
    /// (descending value, then code), so that they stack like Medusa's, each on what the previous left.
    /// Order minimums are judged on the item prices (<c>thresholdOn: itemPrice</c>), the nearest to Medusa's
    /// rule on the cart's subtotal. A customer group becomes a tier: the cart's customer is <c>vip</c>, and
    /// a group she is not in is the tier above, <c>insider</c>.
    /// </summary>
    /// <param name="promotions">The promotions.</param>
    /// <param name="id">The rule set's id.</param>
    /// <param name="oneLayer">
    /// Instead of a layer per order-level promotion, all of them in one layer, in Medusa's order by
    /// priority: PromoEngine's own stacking, where the first threshold that reaches a line claims it in its
    /// layer. Not equivalent to Medusa (one order promotion applies, not all), but what the same promotions
    /// cost written as a PromoEngine user would.
    /// </param>
    public static RuleSetDefinition PromoRules(IReadOnlyList<PeerPromotion> promotions, string id, bool oneLayer = false)
    {
        var orderLevel = promotions.Where(IsOrderLevel).OrderByDescending(p => p.Value).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        var layerOf = orderLevel.Select((p, k) => (p.Code, Layer: $"m{k:D4}")).ToDictionary(x => x.Code, x => x.Layer);
        var priorityOf = orderLevel.Select((p, k) => (p.Code, Priority: orderLevel.Count - k)).ToDictionary(x => x.Code, x => x.Priority);
        return new RuleSetDefinition
        {
            Id = id,
            Version = "1",
            Currency = "USD",
            Rounding = PromoEngine.Money.RoundingMode.HalfUp,
            Tiers = [CustomerGroup, "insider"],
            Layers = orderLevel.Count == 0 || oneLayer
                ? null
                : orderLevel.Select(p => new LayerDefinition { Id = layerOf[p.Code], MaxCoupons = 0 }).ToList(),
            Promotions = promotions.Select(p => oneLayer
                ? PromoPromotion(p, null) with { Priority = priorityOf.TryGetValue(p.Code, out int priority) ? priority : null }
                : PromoPromotion(p, layerOf.GetValueOrDefault(p.Code))).ToList(),
        };
    }

    private static bool IsOrderLevel(PeerPromotion p) => p.Kind is PeerKind.ItemsFixedAcross or PeerKind.OrderPercent or PeerKind.GroupOrderPercent;

    private static PromotionDefinition PromoPromotion(PeerPromotion p, string? layer) => p.Kind switch
    {
        PeerKind.ItemsFixedAcross => Threshold(p, layer, new ThresholdTierDefinition { AtLeast = 0, AmountOff = p.Value }),
        PeerKind.OrderPercent => Threshold(p, layer, new ThresholdTierDefinition { AtLeast = p.MinSubtotal, PercentOff = p.Value }),
        PeerKind.GroupOrderPercent => Threshold(p, layer, new ThresholdTierDefinition { AtLeast = 0, PercentOff = p.Value }) with { MinTier = "insider" },
        PeerKind.BuyGet => new PromotionDefinition
        {
            Id = p.Code, Kind = PromotionKind.Bundle, LimitPerOrder = 1, Price = 2 * UnitOf("prod_2"),
            Components =
            [
                new BundleComponentDefinition { Scope = new ScopeDefinition { Skus = ["prod_2"] }, Quantity = 2 },
                new BundleComponentDefinition { Scope = new ScopeDefinition { Skus = ["prod_4"] }, Quantity = 1 },
            ],
        },
        PeerKind.CollectionPercent => new PromotionDefinition
        {
            Id = p.Code, Kind = PromotionKind.ItemDiscount, PercentOff = p.Value, Scope = new ScopeDefinition { Categories = [p.Target!] },
        },
        PeerKind.ProductFixed => new PromotionDefinition
        {
            Id = p.Code, Kind = PromotionKind.ItemDiscount, AmountOff = p.Value, Scope = new ScopeDefinition { Skus = [p.Target!] },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.Kind, null),
    };

    private static PromotionDefinition Threshold(PeerPromotion p, string? layer, ThresholdTierDefinition tier) => new()
    {
        Id = p.Code, Kind = PromotionKind.Threshold, Layer = layer, Tiers = [tier], ThresholdOn = ThresholdOn.ItemPrice,
    };

    private static decimal UnitOf(string sku) => Cart.First(l => l.Sku == sku).Unit;
}
