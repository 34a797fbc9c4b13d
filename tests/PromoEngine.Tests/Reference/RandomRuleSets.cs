// Random VALID (rule set, cart) pairs for the differential property tests: small but rich, drawn
// from a small pool of skus, categories, brands and tags so that the rules actually hit.
namespace PromoEngine.Tests.Reference;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

public static class RandomRuleSets
{
    /// A valid rule set and a valid cart for it, determined by the seed.
    public static (JsonObject Rules, JsonObject Cart) Generate(int seed)
    {
        var g = new RuleSetGenerator(new System.Random(seed));
        var (rules, cart) = g.Build(seed);
        // Re-parse so every value is a plain JSON value (as if read from a file).
        return ((JsonObject)JsonNode.Parse(rules.ToJsonString())!, (JsonObject)JsonNode.Parse(cart.ToJsonString())!);
    }

    /// A deep copy of the cart with its lines in another order (when it has more than one line).
    public static JsonObject ShuffleLines(JsonObject cart, int seed)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var copy = (JsonObject)cart.DeepClone();
        if (copy["lines"] is not JsonArray lines || lines.Count < 2) return copy;
        var items = lines.Select(n => n!.DeepClone()).ToList();
        var original = items.Select(n => n.ToJsonString()).ToList();
        var rnd = new System.Random(seed);
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rnd.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        if (items.Select(n => n.ToJsonString()).SequenceEqual(original))
        {
            var first = items[0];
            items.RemoveAt(0);
            items.Add(first);
        }
        copy["lines"] = new JsonArray(items.ToArray());
        return copy;
    }
}

file sealed class RuleSetGenerator
{
    private static readonly string[] SkuPool = { "A", "B", "C", "D", "E", "F" };
    private static readonly string[] Leaves = { "shoes", "socks", "tea", "coffee" };
    private static readonly string[] Parents = { "apparel", "drinks" };
    private static readonly string[] Brands = { "acme", "zen" };
    private static readonly string[] TagPool = { "new", "hot" };
    private static readonly string[] TierPool = { "silver", "gold", "platinum" };
    private static readonly string[] LayerPool = { "store", "platform", "mall" };
    private static readonly string[] PromoIds = { "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "P3", "promo-a", "Promo-b" };
    private static readonly string[] CouponIds = { "c1", "c2", "c3", "c10", "C2", "cpn-x" };
    private static readonly string[] LineIds = { "L1", "L2", "L3", "L10", "L11", "a", "B", "l2" };
    private static readonly decimal[] Percents = { 5, 10, 12.5m, 15, 20, 25, 30, 33, 50, 66.6m, 75, 85, 90, 100 };

    private readonly System.Random _r;
    private bool _jpy;
    private List<string> _tiers = new();
    private List<string> _layers = new();
    private readonly Dictionary<string, (decimal Price, string Leaf, string Parent, string Brand, List<string> Tags)> _catalog = new();

    public RuleSetGenerator(System.Random r) => _r = r;

    // ---- primitives ---------------------------------------------------------------------------

    private bool Chance(double p) => _r.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];

    private List<T> PickSome<T>(IReadOnlyList<T> items, int min, int max)
    {
        int n = _r.Next(min, max + 1);
        return items.OrderBy(_ => _r.Next()).Take(Math.Max(1, Math.Min(n, items.Count))).ToList();
    }

    /// Money between min and max (in CNY major units); JPY scales by 100 and has no decimals.
    private decimal Money(decimal min, decimal max)
    {
        long lo = (long)(min * 100), hi = (long)(max * 100);
        long cents = lo + (long)(_r.NextDouble() * (hi - lo + 1));
        if (cents > hi) cents = hi;
        if (_jpy)
        {
            long yen = cents;
            if (Chance(0.5)) yen = yen / 10 * 10;
            return yen;
        }
        double k = _r.NextDouble();
        if (k < 0.4) cents = cents / 100 * 100;
        else if (k < 0.6) cents = cents / 10 * 10;
        return cents * 0.01m;
    }

    private decimal PositiveMoney(decimal min, decimal max)
    {
        var m = Money(min, max);
        return m > 0 ? m : (_jpy ? 1m : 0.01m);
    }

    private static JsonArray Arr(IEnumerable<string> items) => new(items.Select(s => (JsonNode)JsonValue.Create(s)).ToArray());

    private decimal Percent() => Pick(Percents);

    // ---- common fields --------------------------------------------------------------------------

    private JsonObject Window()
    {
        // The cart is at 2026-03-08T10:00:00+08:00 (= 02:00:00Z); most windows are active.
        string[][] active =
        {
            new[] { "2026-03-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00" },
            new[] { "2026-03-08T10:00:00+08:00", null! },           // from is inclusive
            new[] { null!, "2026-03-08T02:00:01Z" },
            new[] { "2026-03-08T02:00:00Z", "2026-03-08T03:00:00Z" },
        };
        string[][] inactive =
        {
            new[] { null!, "2026-03-08T10:00:00+08:00" },           // to is exclusive
            new[] { "2026-03-09T00:00:00+08:00", "2026-03-10T00:00:00+08:00" },
            new[] { "2025-01-01T00:00:00Z", "2026-03-08T01:59:59Z" },
        };
        var w = Chance(0.7) ? Pick(active) : Pick(inactive);
        var o = new JsonObject();
        if (w[0] != null) o["from"] = w[0];
        if (w[1] != null) o["to"] = w[1];
        return o;
    }

    private void Common(JsonObject o, bool minTier, bool priority = true)
    {
        if (Chance(0.12)) o["window"] = Window();
        if (Chance(0.12)) o["channels"] = Arr(Pick(new[] { new[] { "online" }, new[] { "store" }, new[] { "online", "store" } }));
        if (Chance(0.08)) o["stores"] = Arr(Chance(0.5) ? new[] { "S1" } : new[] { "S1", "S2" });
        if (minTier && _tiers.Count > 0 && Chance(0.12)) o["minTier"] = Pick(_tiers);
        if (priority && Chance(0.4)) o["priority"] = _r.Next(-2, 4);
    }

    // ---- v2: funding (§10), limits (§11) -------------------------------------------------------------

    private static readonly string[] Parties = { "platform", "store", "brand:acme", "brand:zen", "Platform", "bank" };
    private readonly Dictionary<string, JsonObject> _limited = new(StringComparer.Ordinal);

    private void MaybeFunding(JsonObject o)
    {
        if (!Chance(0.35)) return;
        if (Chance(0.4))
        {
            o["funding"] = Pick(Parties);
            return;
        }
        var parties = PickSome(Parties, 1, 3);
        decimal[][] splits =
        {
            new[] { 100m }, new[] { 60m, 40m }, new[] { 50m, 50m }, new[] { 99.99999999m, 0.00000001m },
            new[] { 33.33333333m, 33.33333333m, 33.33333334m }, new[] { 12.5m, 37.5m, 50m }, new[] { 1m, 1m, 98m },
        };
        var split = splits.Where(x => x.Length == parties.Count).OrderBy(_ => _r.Next()).First();
        var shares = new JsonArray();
        for (int i = 0; i < parties.Count; i++) shares.Add(new JsonObject { ["party"] = parties[i], ["percent"] = split[i] });
        o["funding"] = shares;
    }

    /// Limits allowed for the kind (§11): units on item and multibuy kinds, budget on thresholds and coupons.
    private void MaybeLimits(JsonObject o, string id, bool units, bool budget)
    {
        if (!Chance(0.3)) return;
        var limits = new JsonObject();
        if (Chance(0.4)) limits["uses"] = _r.Next(1, 6);
        if (Chance(0.3)) limits["usesPerCustomer"] = _r.Next(1, 3);
        if (units && Chance(0.5)) limits["units"] = _r.Next(1, 8);
        if (units && Chance(0.2)) limits["unitsPerCustomer"] = _r.Next(1, 5);
        if (budget && Chance(0.5)) limits["budget"] = PositiveMoney(1, 80);
        if (limits.Count == 0) limits["uses"] = _r.Next(1, 6);
        o["limits"] = limits;
        _limited[id] = limits;
    }

    /// Usage so far of some limited rules (and others): often leaving a little, sometimes exhausting them.
    private JsonObject? Usage(List<string> codes, bool guest)
    {
        if (!Chance(0.5)) return null;
        var promotions = new JsonObject();
        var coupons = new JsonObject();
        foreach (var (id, limits) in _limited)
        {
            if (!Chance(0.7)) continue;
            var counts = new JsonObject();
            foreach (var (limit, count) in new[] { ("uses", "uses"), ("usesPerCustomer", "customerUses"), ("units", "units"), ("unitsPerCustomer", "customerUnits") })
                if (limits[limit] is { } l && Chance(0.6)) counts[count] = Math.Max(0, l.GetValue<int>() - _r.Next(0, 3));
            if (limits["budget"] is { } b && Chance(0.6)) counts["spent"] = Math.Max(0, (decimal)b - PositiveMoney(0, 40));
            if (!guest || Chance(0.5)) (CouponIds.Contains(id) ? coupons : promotions)[id] = counts;
        }
        if (Chance(0.2)) promotions["not-a-rule"] = new JsonObject { ["uses"] = 7 };
        var usage = new JsonObject();
        if (promotions.Count > 0) usage["promotions"] = promotions;
        if (coupons.Count > 0) usage["coupons"] = coupons;
        if (codes.Count > 0 && Chance(0.5))
        {
            var used = new JsonObject();
            foreach (var code in codes.Distinct().Where(_ => Chance(0.4))) used[code] = _r.Next(0, 3);
            usage["codes"] = used;
        }
        return usage;
    }

    private JsonObject Scope()
    {
        var o = new JsonObject();
        switch (_r.Next(8))
        {
            case 0:
            case 1:
                o["skus"] = Arr(PickSome(SkuPool, 1, 3));
                break;
            case 2:
                o["categories"] = Arr(new[] { Chance(0.5) ? Pick(Leaves) : Pick(Parents) });
                break;
            case 3:
                o["brands"] = Arr(new[] { Pick(Brands) });
                break;
            case 4:
                o["tags"] = Arr(new[] { Pick(TagPool) });
                break;
            case 5:
                o["categories"] = Arr(new[] { Pick(Parents) });
                o["excludeSkus"] = Arr(new[] { Pick(SkuPool) });
                break;
            case 6:
                o["skus"] = Arr(PickSome(SkuPool, 1, 2));
                o["brands"] = Arr(new[] { Pick(Brands) });
                break;
            default:
                if (Chance(0.5)) o["excludeBrands"] = Arr(new[] { Pick(Brands) });
                else if (Chance(0.5)) o["excludeTags"] = Arr(new[] { Pick(TagPool) });
                else o["excludeCategories"] = Arr(new[] { Pick(Leaves) });
                break;
        }
        return o;
    }

    private void MaybeScope(JsonObject o, double p)
    {
        if (Chance(p)) o["scope"] = Scope();
    }

    private void MaybeLayer(JsonObject o)
    {
        if (_layers.Count > 0 && Chance(0.7)) o["layer"] = Pick(_layers);
    }

    // ---- rule set -------------------------------------------------------------------------------

    public (JsonObject Rules, JsonObject Cart) Build(int seed)
    {
        _jpy = Chance(0.15);
        string currency = _jpy ? "JPY" : "CNY";
        foreach (var sku in SkuPool)
        {
            int leaf = _r.Next(Leaves.Length);
            _catalog[sku] = (PositiveMoney(1, 200), Leaves[leaf], Parents[leaf / 2], Pick(Brands),
                TagPool.Where(_ => Chance(0.4)).ToList());
        }

        var rules = new JsonObject { ["id"] = $"rs-{seed}", ["version"] = "v" + _r.Next(1, 10), ["currency"] = currency };
        if (Chance(0.1)) rules["minorDigits"] = _jpy ? 0 : 2;
        double rk = _r.NextDouble();
        if (rk < 0.3) rules["rounding"] = "halfEven";
        else if (rk < 0.55) rules["rounding"] = "down";
        else if (rk < 0.7) rules["rounding"] = "halfUp";

        _tiers = TierPool.Take(_r.Next(0, 4)).ToList();
        if (_tiers.Count > 0) rules["tiers"] = Arr(_tiers);

        if (Chance(0.75))
        {
            _layers = LayerPool.Take(_r.Next(1, 4)).ToList();
            var layers = new JsonArray();
            foreach (var id in _layers)
            {
                var l = new JsonObject { ["id"] = id };
                if (Chance(0.8))
                {
                    double k = _r.NextDouble();
                    l["maxCoupons"] = k < 0.1 ? 0 : k < 0.6 ? 1 : 2;
                }
                layers.Add(l);
            }
            rules["layers"] = layers;
        }
        else
        {
            _layers = new List<string>();
        }

        if (_tiers.Count > 0)
        {
            var mps = new JsonArray();
            int n = _r.Next(0, 4);
            for (int i = 0; i < n; i++) mps.Add(MemberPrice());
            if (mps.Count > 0) rules["memberPrices"] = mps;
        }

        var promos = new JsonArray();
        foreach (var id in PromoIds.OrderBy(_ => _r.Next()).Take(_r.Next(0, 9))) promos.Add(Promotion(id));
        if (promos.Count > 0) rules["promotions"] = promos;

        var couponIds = CouponIds.OrderBy(_ => _r.Next()).Take(_r.Next(0, 6)).ToList();
        var coupons = new JsonArray();
        foreach (var id in couponIds) coupons.Add(Coupon(id));
        if (coupons.Count > 0) rules["coupons"] = coupons;

        if (Chance(0.5)) rules["points"] = Points();
        if (Chance(0.2)) rules["defaultFunder"] = Pick(Parties);

        return (rules, Cart(currency, couponIds));
    }

    private JsonObject MemberPrice()
    {
        var o = new JsonObject { ["minTier"] = Pick(_tiers) };
        if (Chance(0.5))
        {
            var sku = Pick(SkuPool);
            o["sku"] = sku;
            decimal list = _catalog[sku].Price;
            o["price"] = Chance(0.2) ? Money(0, 200) : RoundMoney(list * (decimal)(0.6 + _r.NextDouble() * 0.45));
        }
        else
        {
            o["percentOff"] = Percent();
            MaybeScope(o, 0.4);
            if (Chance(0.15)) o["sku"] = Pick(SkuPool);
        }
        Common(o, minTier: false);
        MaybeFunding(o);
        return o;
    }

    private decimal RoundMoney(decimal v) => _jpy ? Math.Round(v, 0) : Math.Round(v, 2);

    private JsonObject Promotion(string id)
    {
        var o = new JsonObject { ["id"] = id };
        int k = _r.Next(100);
        if (k < 12)
        {
            o["kind"] = "specialPrice";
            MaybeScope(o, 0.85);
            o["price"] = Chance(0.7) ? RoundMoney(_catalog[Pick(SkuPool)].Price * (decimal)(0.5 + _r.NextDouble() * 0.5)) : Money(0, 150);
            if (Chance(0.3)) o["limitPerOrder"] = _r.Next(1, 4);
        }
        else if (k < 27)
        {
            o["kind"] = "itemDiscount";
            MaybeScope(o, 0.7);
            if (Chance(0.6)) o["percentOff"] = Percent();
            else o["amountOff"] = Money(0, 30);
            if (Chance(0.35)) o["stacksWithMemberPrice"] = Chance(0.8);
        }
        else if (k < 39)
        {
            o["kind"] = "nthItem";
            MaybeScope(o, 0.7);
            o["n"] = _r.Next(2, 4);
            int f = _r.Next(3);
            if (f == 0) o["percentOff"] = Percent();
            else if (f == 1) o["amountOff"] = Money(0, 40);
            else o["price"] = Money(0, 60);
            if (Chance(0.25)) o["limitPerOrder"] = _r.Next(1, 3);
        }
        else if (k < 49)
        {
            o["kind"] = "buyXGetY";
            MaybeScope(o, 0.7);
            o["buy"] = _r.Next(1, 4);
            o["get"] = _r.Next(1, 3);
            if (Chance(0.25)) o["limitPerOrder"] = _r.Next(1, 3);
        }
        else if (k < 60)
        {
            o["kind"] = "bundle";
            MaybeScope(o, 0.15);
            var comps = new JsonArray();
            decimal sum = 0;
            int n = _r.Next(1, 4);
            for (int i = 0; i < n; i++)
            {
                var sku = Pick(SkuPool);
                int q = _r.Next(1, 3);
                sum += _catalog[sku].Price * q;
                var scope = Chance(0.75)
                    ? new JsonObject { ["skus"] = Arr(new[] { sku }) }
                    : new JsonObject { ["categories"] = Arr(new[] { Chance(0.6) ? _catalog[sku].Leaf : _catalog[sku].Parent }) };
                comps.Add(new JsonObject { ["scope"] = scope, ["quantity"] = q });
            }
            o["components"] = comps;
            o["price"] = RoundMoney(sum * (decimal)(0.5 + _r.NextDouble() * 0.6));
            if (Chance(0.25)) o["limitPerOrder"] = _r.Next(1, 3);
        }
        else
        {
            Threshold(o);
        }
        Common(o, minTier: true);
        MaybeFunding(o);
        bool threshold = (string?)o["kind"] == "threshold";
        MaybeLimits(o, id, units: !threshold, budget: threshold);
        return o;
    }

    private void Threshold(JsonObject o)
    {
        o["kind"] = "threshold";
        MaybeLayer(o);
        bool quantity = Chance(0.25);
        if (quantity) o["basis"] = "quantity";
        else if (Chance(0.1)) o["basis"] = "amount";
        MaybeScope(o, 0.5);
        if (Chance(0.25)) o["excludePromoted"] = Chance(0.85);
        if (Chance(0.2)) o["thresholdOn"] = "itemPrice";
        else if (Chance(0.05)) o["thresholdOn"] = "current";

        if (Chance(0.7))
        {
            var tiers = new JsonArray();
            int n = _r.Next(1, 4);
            decimal at = quantity ? _r.Next(0, 5) : (Chance(0.05) ? 0 : Money(0, 300));
            for (int i = 0; i < n; i++)
            {
                if (i > 0) at += quantity ? _r.Next(1, 4) : PositiveMoney(10, 300);
                var t = new JsonObject { ["atLeast"] = at };
                // 0: amountOff, 1: percentOff, 2: gift only, 3: amountOff + gift, 4: percentOff + gift
                int f = _r.Next(7) switch { 0 or 1 => 0, 2 or 3 => 1, 4 => 2, 5 => 3, _ => 4 };
                if (f is 0 or 3) t["amountOff"] = PositiveMoney(1, 60);
                if (f is 1 or 4) t["percentOff"] = Percent();
                if (f >= 2)
                {
                    var gift = new JsonObject { ["sku"] = Chance(0.5) ? "GIFT-1" : "TOTE" };
                    if (Chance(0.5)) gift["quantity"] = _r.Next(1, 3);
                    t["gift"] = gift;
                }
                if ((t.ContainsKey("percentOff") && Chance(0.5)) || (t.ContainsKey("amountOff") && Chance(0.1)))
                    t["maxOff"] = PositiveMoney(5, 60);
                tiers.Add(t);
            }
            o["tiers"] = tiers;
        }
        else
        {
            var rep = new JsonObject
            {
                ["every"] = quantity ? _r.Next(1, 5) : PositiveMoney(50, 300),
                ["amountOff"] = PositiveMoney(5, 60),
            };
            if (Chance(0.5)) rep["cap"] = PositiveMoney(20, 200);
            o["repeat"] = rep;
        }
    }

    private JsonObject Coupon(string id)
    {
        var o = new JsonObject { ["id"] = id };
        MaybeLayer(o);
        if (Chance(0.5)) o["minSpend"] = Money(0, 400);
        if (Chance(0.6))
        {
            o["amountOff"] = PositiveMoney(1, 80);
            if (Chance(0.1)) o["maxOff"] = PositiveMoney(1, 80);
        }
        else
        {
            o["percentOff"] = Percent();
            if (Chance(0.5)) o["maxOff"] = PositiveMoney(5, 50);
        }
        if (Chance(0.15)) o["exclusive"] = true;
        if (Chance(0.2)) o["excludePromoted"] = true;
        MaybeScope(o, 0.4);
        Common(o, minTier: true);
        MaybeFunding(o);
        MaybeLimits(o, id, units: false, budget: true);
        if (Chance(0.2)) o["usesPerCode"] = _r.Next(1, 4);
        return o;
    }

    private JsonObject Points()
    {
        var o = new JsonObject { ["pointsPerUnit"] = Pick(new[] { 1, 10, 100 }) };
        if (Chance(0.5)) o["maxPercent"] = Pick(new[] { 10, 30, 50, 100 });
        if (Chance(0.3)) o["minPoints"] = Pick(new[] { 0, 100, 1000 });
        if (Chance(0.4)) o["step"] = Pick(new[] { 1, 10, 100 });
        if (Chance(0.2)) o["maxPoints"] = Pick(new[] { 0, 500, 5000 });
        if (Chance(0.2)) o["scope"] = Scope();
        if (Chance(0.6)) o["earnPerUnit"] = Pick(new[] { 0m, 0.5m, 1m, 2m, 0.01m, 1.5m });
        MaybeFunding(o);
        return o;
    }

    // ---- cart -----------------------------------------------------------------------------------

    private JsonObject Cart(string currency, List<string> couponIds)
    {
        var cart = new JsonObject { ["currency"] = currency };
        bool store = Chance(0.4);
        cart["channel"] = store ? "store" : "online";
        if (store)
        {
            if (Chance(0.8)) cart["storeId"] = Pick(new[] { "S1", "S2", "S3" });
        }
        else
        {
            double k = _r.NextDouble();
            if (k < 0.15) cart["storeId"] = null;
            else if (k < 0.3) cart["storeId"] = "S1";
        }
        cart["at"] = Chance(0.8) ? "2026-03-08T10:00:00+08:00" : "2026-03-08T02:00:00Z";

        long balance = 0;
        bool guest = Chance(0.2);
        if (!guest)
        {
            var c = new JsonObject { ["id"] = "u1" };
            if (_tiers.Count > 0 && Chance(0.7)) c["tier"] = Pick(_tiers);
            if (Chance(0.6))
            {
                balance = _r.Next(0, 30001);
                if (Chance(0.5)) balance = balance / 100 * 100;
                c["points"] = balance;
            }
            cart["customer"] = c;
        }

        var lines = new JsonArray();
        foreach (var id in LineIds.OrderBy(_ => _r.Next()).Take(_r.Next(1, 7)))
        {
            var sku = Pick(SkuPool);
            var cat = _catalog[sku];
            double pk = _r.NextDouble();
            decimal price = pk < 0.8 ? cat.Price : pk < 0.95 ? Money(0, 200) : 0m;
            var l = new JsonObject { ["id"] = id, ["sku"] = sku, ["unitPrice"] = price };
            double qk = _r.NextDouble();
            l["quantity"] = qk < 0.4 ? 1 : qk < 0.65 ? 2 : _r.Next(3, 7);
            if (Chance(0.9)) l["categories"] = Arr(Chance(0.7) ? new[] { cat.Leaf, cat.Parent } : new[] { cat.Leaf });
            if (Chance(0.85)) l["brand"] = cat.Brand;
            if (cat.Tags.Count > 0) l["tags"] = Arr(cat.Tags);
            lines.Add(l);
        }
        cart["lines"] = lines;

        int nc = couponIds.Count > 0 ? _r.Next(0, 5) : _r.Next(0, 2);
        if (nc > 0)
        {
            var coupons = new JsonArray();
            var codes = new List<string>();
            for (int i = 0; i < nc; i++)
            {
                string code = codes.Count > 0 && Chance(0.1) ? Pick(codes) : "K" + (i + 1);
                codes.Add(code);
                string couponId = couponIds.Count > 0 && Chance(0.88) ? Pick(couponIds) : "nope";
                coupons.Add(new JsonObject { ["code"] = code, ["couponId"] = couponId });
            }
            cart["coupons"] = coupons;
            if (Usage(codes, guest) is { } usage) cart["usage"] = usage;
        }
        else if (Usage([], guest) is { } usage) cart["usage"] = usage;

        double uk = _r.NextDouble();
        if (uk < 0.4) { }
        else if (uk < 0.55) cart["usePoints"] = 0;
        else if (uk < 0.8) cart["usePoints"] = balance == 0 ? 0 : _r.NextInt64(0, balance + 1);
        else cart["usePoints"] = "max";
        return cart;
    }
}
