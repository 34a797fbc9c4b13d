// A deliberately simple reference evaluator: the oracle of the differential property tests.
//
// It is written straight from /work/shared/spec/pricing-spec.md (§5, §5.1, §6, §9) and
// docs/decisions.md, as literally as possible: every line is expanded into its units, the coupon
// subset is chosen by trying every subset, nothing is indexed or cached. All money is integer minor
// units (long, with BigInteger for products); percentages are exact rationals. It assumes a VALID
// rule set and a VALID cart (it does no validation).
namespace PromoEngine.Tests.Reference;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

public static class ReferenceEvaluator
{
    /// Prices a VALID cart against a VALID rule set, straight from the spec, returning the §6 result.
    public static JsonObject Price(JsonObject rules, JsonObject cart)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(cart);
        // Re-parse so every value is backed by a JsonElement (uniform number access, no aliasing).
        var r = (JsonObject)JsonNode.Parse(rules.ToJsonString())!;
        var c = (JsonObject)JsonNode.Parse(cart.ToJsonString())!;
        return new RefPricing(r, c).Run();
    }
}

// ---------------------------------------------------------------------------------------------
// JSON access helpers (JSON null means absent, §9).
// ---------------------------------------------------------------------------------------------
file static class J
{
    public static JsonNode? Get(JsonObject? o, string key)
        => o != null && o.TryGetPropertyValue(key, out var v) && v != null && v.GetValueKind() != JsonValueKind.Null ? v : null;

    public static bool Has(JsonObject? o, string key) => Get(o, key) != null;

    public static string? Str(JsonObject? o, string key) => Get(o, key)?.GetValue<string>();

    public static decimal? Dec(JsonObject? o, string key) => Get(o, key)?.GetValue<decimal>();

    public static long? Long(JsonObject? o, string key) => Get(o, key) is { } n ? (long)n.GetValue<decimal>() : null;

    public static bool Bool(JsonObject? o, string key) => Get(o, key)?.GetValue<bool>() ?? false;

    public static JsonObject? Obj(JsonObject? o, string key) => Get(o, key) as JsonObject;

    public static List<JsonObject> Objs(JsonObject? o, string key)
        => Get(o, key) is JsonArray a ? a.Select(n => (JsonObject)n!).ToList() : new List<JsonObject>();

    public static List<string>? Strs(JsonObject? o, string key)
        => Get(o, key) is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList() : null;
}

// ---------------------------------------------------------------------------------------------
// Exact arithmetic: §1 rounding, §2 allocation.
// ---------------------------------------------------------------------------------------------
file static class RefMath
{
    /// An exact decimal as num/den.
    public static (BigInteger Num, BigInteger Den) Rational(decimal v)
    {
        int[] bits = decimal.GetBits(v);
        BigInteger mant = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0) mant = -mant;
        return (mant, BigInteger.Pow(10, scale));
    }

    /// num/den (num ≥ 0, den > 0) rounded with the rule set's mode.
    public static BigInteger Round(BigInteger num, BigInteger den, string mode)
    {
        var q = BigInteger.DivRem(num, den, out var rem);
        var twice = rem * 2;
        switch (mode)
        {
            case "down":
                return q;
            case "halfEven":
                if (twice > den || (twice == den && !q.IsEven)) q += 1;
                return q;
            default: // halfUp: halves away from zero (all discounts are ≥ 0)
                if (twice >= den) q += 1;
                return q;
        }
    }

    /// round(amount × pct / 100).
    public static long Percent(long amount, decimal pct, string mode)
    {
        var (n, d) = Rational(pct);
        return checked((long)Round(amount * n, d * 100, mode));
    }

    /// floor(a × dec / den) for a non-negative decimal multiplier.
    public static long FloorMul(long a, decimal mul, BigInteger den)
    {
        var (n, d) = Rational(mul);
        return checked((long)BigInteger.Divide(a * n, d * den));
    }

    /// §2: split total over weights; remainders, then larger weight, then smaller id (ordinal).
    public static long[] Allocate(long total, IReadOnlyList<string> ids, IReadOnlyList<long> weights)
    {
        int n = weights.Count;
        var shares = new long[n];
        BigInteger w = 0;
        foreach (var x in weights) w += x;
        if (w == 0 || total == 0) return shares;
        var rems = new BigInteger[n];
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            shares[i] = checked((long)BigInteger.DivRem((BigInteger)total * weights[i], w, out var rem));
            rems[i] = rem;
            sum += shares[i];
        }
        long r = total - sum;
        var order = Enumerable.Range(0, n).Where(i => weights[i] > 0).ToList();
        order.Sort((a, b) =>
        {
            int c = rems[b].CompareTo(rems[a]);
            if (c != 0) return c;
            c = weights[b].CompareTo(weights[a]);
            if (c != 0) return c;
            return string.CompareOrdinal(ids[a], ids[b]);
        });
        for (int k = 0; k < r; k++) shares[order[k]] += 1;
        return shares;
    }
}

// ---------------------------------------------------------------------------------------------
// Model.
// ---------------------------------------------------------------------------------------------
file sealed class RefLine
{
    public required int Pos { get; init; }
    public required string Id { get; init; }
    public required string Sku { get; init; }
    public required long Qty { get; init; }
    public required long UnitPrice { get; init; }
    public required List<string> Categories { get; init; }
    public required string? Brand { get; init; }
    public required List<string> Tags { get; init; }
    public long ListAmount => checked(UnitPrice * Qty);
    /// Adjustments of the item and multibuy stages (source, stage, amount), pass order.
    public List<RefAdj> BaseAdjs { get; } = new();
    public bool Promoted { get; set; }
}

file sealed class RefUnit
{
    public required RefLine Line { get; init; }
    public required int Index { get; init; }
    public long Price { get; set; }
    public bool Taken { get; set; }
}

/// An adjustment and the funding of its source (§10): its "funding" value, or null for the default funder.
file sealed record RefAdj(string Source, string Stage, long Amount, JsonNode? Funding);

file sealed class RefCandidate
{
    public required int CartIndex { get; init; }
    public required string Code { get; init; }
    public required string CouponId { get; init; }
    public JsonObject? Def { get; set; }
    public string? StaticReason { get; set; }
    public string Layer { get; set; } = "";
}

file sealed class RefPassResult
{
    public required long[] Amounts { get; init; }
    public required List<RefAdj>[] Adjs { get; init; }
    public List<JsonObject> Applied { get; } = new();
    public List<JsonObject> Gifts { get; } = new();
    public Dictionary<string, List<JsonObject>> ThresholdHints { get; } = new();
    /// Line amounts at each layer's coupon step (after that layer's thresholds).
    public Dictionary<string, long[]> AtCoupons { get; } = new();
    public Dictionary<RefCandidate, long> CouponAmounts { get; } = new();
    public bool AllCouponsApply { get; set; } = true;
    public long Total => Amounts.Sum();
}

// ---------------------------------------------------------------------------------------------
// The pass.
// ---------------------------------------------------------------------------------------------
file sealed class RefPricing
{
    private readonly JsonObject _rules;
    private readonly JsonObject _cart;
    private readonly int _digits;
    private readonly decimal _scale;     // 10^digits as decimal
    private readonly decimal _unit;      // 10^-digits as decimal (scale = digits)
    private readonly string _rounding;
    private readonly List<string> _tiers;
    private readonly List<(string Id, int MaxCoupons)> _layers;
    private readonly string _channel;
    private readonly string? _storeId;
    private readonly DateTimeOffset _at;
    private readonly JsonObject? _customer;
    private readonly int _customerTier;  // -1: guest for every minTier
    private readonly List<RefLine> _lines = new();

    public RefPricing(JsonObject rules, JsonObject cart)
    {
        _rules = rules;
        _cart = cart;
        string currency = J.Str(rules, "currency")!;
        _digits = J.Long(rules, "minorDigits") is { } md ? (int)md : currency switch
        {
            "JPY" or "KRW" => 0,
            _ => 2,
        };
        _scale = 1m;
        for (int i = 0; i < _digits; i++) _scale *= 10m;
        _unit = new decimal(1, 0, 0, false, (byte)_digits);
        _rounding = J.Str(rules, "rounding") ?? "halfUp";
        _tiers = J.Strs(rules, "tiers") ?? new List<string>();
        var layers = J.Objs(rules, "layers");
        _layers = layers.Count == 0
            ? new List<(string, int)> { ("order", 1) }
            : layers.Select(l => (J.Str(l, "id")!, (int)(J.Long(l, "maxCoupons") ?? 1))).ToList();
        _channel = J.Str(cart, "channel")!;
        _storeId = J.Str(cart, "storeId");
        _at = ParseInstant(J.Str(cart, "at")!);
        _customer = J.Obj(cart, "customer");
        string? tier = J.Str(_customer, "tier");
        _customerTier = _customer != null && tier != null ? _tiers.IndexOf(tier) : -1;
        int pos = 0;
        foreach (var l in J.Objs(cart, "lines"))
        {
            _lines.Add(new RefLine
            {
                Pos = pos++,
                Id = J.Str(l, "id")!,
                Sku = J.Str(l, "sku")!,
                Qty = J.Long(l, "quantity")!.Value,
                UnitPrice = Money(J.Dec(l, "unitPrice")!.Value),
                Categories = J.Strs(l, "categories") ?? new List<string>(),
                Brand = J.Str(l, "brand"),
                Tags = J.Strs(l, "tags") ?? new List<string>(),
            });
        }
    }

    // ---- small helpers ----------------------------------------------------------------------

    private static DateTimeOffset ParseInstant(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    private long Money(decimal major) => checked((long)(major * _scale));

    private long MoneyOf(JsonObject o, string key) => Money(J.Dec(o, key)!.Value);

    private JsonNode MoneyNode(long minor) => JsonValue.Create(minor * _unit);

    private long Pct(long amount, decimal pct) => RefMath.Percent(amount, pct, _rounding);

    private string FirstLayer => _layers[0].Id;

    private string LayerOf(JsonObject def) => J.Str(def, "layer") ?? FirstLayer;

    /// §3.1 "in order": priority descending, then id ascending (ordinal).
    private static List<JsonObject> InOrder(IEnumerable<JsonObject> defs)
    {
        var list = defs.ToList();
        list.Sort((a, b) =>
        {
            int c = (J.Long(b, "priority") ?? 0).CompareTo(J.Long(a, "priority") ?? 0);
            return c != 0 ? c : string.CompareOrdinal(J.Str(a, "id"), J.Str(b, "id"));
        });
        return list;
    }

    private bool TierAtLeast(string? minTier)
    {
        if (minTier == null) return true;
        if (_customerTier < 0) return false; // guests (and customers without a tier) never qualify
        return _customerTier >= _tiers.IndexOf(minTier);
    }

    private bool WindowOk(JsonObject def)
    {
        var w = J.Obj(def, "window");
        if (w == null) return true;
        if (J.Str(w, "from") is { } f && _at < ParseInstant(f)) return false;
        if (J.Str(w, "to") is { } t && _at >= ParseInstant(t)) return false;
        return true;
    }

    private bool ChannelOk(JsonObject def) => J.Strs(def, "channels") is not { } ch || ch.Contains(_channel);

    private bool StoreOk(JsonObject def) => J.Strs(def, "stores") is not { } st || (_storeId != null && st.Contains(_storeId));

    /// Window, channel, store and minTier (§3.1).
    /// A promotion the cart's usage has exhausted is treated as not active (§11).
    private bool Active(JsonObject def) => WindowOk(def) && ChannelOk(def) && StoreOk(def) && TierAtLeast(J.Str(def, "minTier"))
        && !(J.Has(def, "kind") && Limit(def, "promotions").Exhausted);

    // ---- §11 limits -----------------------------------------------------------------------------

    private const long NoLimit = long.MaxValue;

    /// What is left of a rule's limits after the cart's usage: straight from §11.
    private (bool Exhausted, long UsesLeft, long UnitsLeft, long BudgetLeft) Limit(JsonObject def, string map)
    {
        var limits = J.Obj(def, "limits");
        if (limits == null) return (false, NoLimit, NoLimit, NoLimit);
        var counts = J.Obj(J.Obj(J.Obj(_cart, "usage"), map), J.Str(def, "id")!);
        long Count(string name) => J.Long(counts, name) ?? 0;
        long Left(string limit, long used) => J.Long(limits, limit) is { } l ? l - used : NoLimit;
        long usesLeft = Math.Min(Left("uses", Count("uses")), Left("usesPerCustomer", Count("customerUses")));
        long unitsLeft = Math.Min(Left("units", Count("units")), Left("unitsPerCustomer", Count("customerUnits")));
        long budgetLeft = J.Has(limits, "budget") ? MoneyOf(limits, "budget") - (J.Has(counts, "spent") ? MoneyOf(counts!, "spent") : 0) : NoLimit;
        bool perCustomer = J.Has(limits, "usesPerCustomer") || J.Has(limits, "unitsPerCustomer");
        bool exhausted = usesLeft <= 0 || (perCustomer && _customer == null) || unitsLeft <= 0 || budgetLeft <= 0;
        return (exhausted, usesLeft, unitsLeft, budgetLeft);
    }

    /// limitPerOrder together with the units (or groups) left (§11).
    private long UnitLimit(JsonObject p) => Math.Min(J.Long(p, "limitPerOrder") ?? NoLimit, Limit(p, "promotions").UnitsLeft);

    private long Budget(JsonObject p) => Limit(p, "promotions").BudgetLeft;

    private static bool InScope(JsonObject? scope, RefLine l)
    {
        if (scope == null) return true;
        var skus = J.Strs(scope, "skus");
        var cats = J.Strs(scope, "categories");
        var brands = J.Strs(scope, "brands");
        var tags = J.Strs(scope, "tags");
        bool anyInclude = skus != null || cats != null || brands != null || tags != null;
        bool included = !anyInclude
            || (skus != null && skus.Contains(l.Sku))
            || (cats != null && l.Categories.Any(cats.Contains))
            || (brands != null && l.Brand != null && brands.Contains(l.Brand))
            || (tags != null && l.Tags.Any(tags.Contains));
        if (!included) return false;
        if (J.Strs(scope, "excludeSkus") is { } xs && xs.Contains(l.Sku)) return false;
        if (J.Strs(scope, "excludeCategories") is { } xc && l.Categories.Any(xc.Contains)) return false;
        if (J.Strs(scope, "excludeBrands") is { } xb && l.Brand != null && xb.Contains(l.Brand)) return false;
        if (J.Strs(scope, "excludeTags") is { } xt && l.Tags.Any(xt.Contains)) return false;
        return true;
    }

    private static void AddAdj(List<RefAdj> adjs, string source, string stage, long amount, JsonNode? funding)
    {
        if (amount == 0) return;
        for (int i = 0; i < adjs.Count; i++)
        {
            if (adjs[i].Source == source && adjs[i].Stage == stage)
            {
                adjs[i] = adjs[i] with { Amount = adjs[i].Amount + amount };
                return;
            }
        }
        adjs.Add(new RefAdj(source, stage, amount, funding));
    }

    private static int CompareUnits(RefUnit a, RefUnit b)
    {
        // current unit price descending, then line id, then unit index
        int c = b.Price.CompareTo(a.Price);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Line.Id, b.Line.Id);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

    private JsonObject AppliedEntry(string id, string stage, string? layer, long amount, IEnumerable<RefLine> lines)
    {
        var o = new JsonObject { ["id"] = id, ["stage"] = stage };
        if (layer != null) o["layer"] = layer;
        o["amount"] = MoneyNode(amount);
        o["lines"] = new JsonArray(lines.OrderBy(l => l.Pos).Select(l => (JsonNode)JsonValue.Create(l.Id)).ToArray());
        return o;
    }

    // ---- the run ----------------------------------------------------------------------------

    public JsonObject Run()
    {
        var baseApplied = new List<JsonObject>();
        var units = new List<RefUnit>();
        foreach (var l in _lines)
            for (int i = 0; i < l.Qty; i++)
                units.Add(new RefUnit { Line = l, Index = i, Price = l.UnitPrice });

        var promotions = InOrder(J.Objs(_rules, "promotions"));
        ItemStage(units, promotions, baseApplied);
        MultibuyStage(units, promotions, baseApplied);
        long[] afterMultibuy = _lines.Select(l => l.ListAmount - l.BaseAdjs.Sum(a => a.Amount)).ToArray();

        // §5.1 candidates and static checks.
        var couponDefs = J.Objs(_rules, "coupons");
        var candidates = new List<RefCandidate>();
        var seenCodes = new HashSet<string>(StringComparer.Ordinal);
        int idx = 0;
        foreach (var inst in J.Objs(_cart, "coupons"))
        {
            var cand = new RefCandidate { CartIndex = idx++, Code = J.Str(inst, "code")!, CouponId = J.Str(inst, "couponId")! };
            bool dup = !seenCodes.Add(cand.Code);
            cand.Def = couponDefs.FirstOrDefault(d => J.Str(d, "id") == cand.CouponId);
            if (cand.Def == null) cand.StaticReason = "unknownCoupon";
            else if (dup) cand.StaticReason = "duplicateCode";
            else if (J.Long(J.Obj(J.Obj(_cart, "usage"), "codes"), cand.Code) is { } usedBy && usedBy >= (J.Long(cand.Def, "usesPerCode") ?? 1))
                cand.StaticReason = "codeUsed";
            else if (!WindowOk(cand.Def)) cand.StaticReason = "notActive";
            else if (!ChannelOk(cand.Def)) cand.StaticReason = "channelNotAllowed";
            else if (!StoreOk(cand.Def)) cand.StaticReason = "storeNotAllowed";
            else if (!TierAtLeast(J.Str(cand.Def, "minTier"))) cand.StaticReason = "tierNotAllowed";
            else if (Limit(cand.Def, "coupons").Exhausted) cand.StaticReason = "limitReached";
            if (cand.Def != null) cand.Layer = LayerOf(cand.Def);
            candidates.Add(cand);
        }
        var valid = candidates.Where(c => c.StaticReason == null).ToList();

        // Exhaustive search over all subsets of the valid candidates.
        List<RefCandidate>? bestSet = null;
        RefPassResult? best = null;
        for (long mask = 0; mask < (1L << valid.Count); mask++)
        {
            var subset = valid.Where((c, i) => (mask & (1L << i)) != 0).ToList();
            if (_layers.Any(layer => subset.Count(c => c.Layer == layer.Id) > layer.MaxCoupons)) continue;
            if (subset.Count > 1 && subset.Any(c => J.Bool(c.Def, "exclusive"))) continue;
            // §14: no more instances of a definition than its uses left
            if (subset.GroupBy(c => c.CouponId).Any(g => g.Count() > Limit(g.First().Def!, "coupons").UsesLeft)) continue;
            var res = Layers(promotions, afterMultibuy, subset);
            if (!res.AllCouponsApply) continue;
            if (best == null || bestSet == null || Better(res.Total, subset, best.Total, bestSet))
            {
                best = res;
                bestSet = subset;
            }
        }
        var final = best!;
        var noCoupon = Layers(promotions, afterMultibuy, new List<RefCandidate>());

        // Coupon results and coupon hints (judged in the pass with no coupon).
        var couponResults = new List<JsonObject>();
        var couponHints = new Dictionary<RefCandidate, JsonObject>();
        foreach (var c in candidates)
        {
            var o = new JsonObject { ["code"] = c.Code, ["couponId"] = c.CouponId };
            if (c.StaticReason == null && final.CouponAmounts.TryGetValue(c, out long amt))
            {
                o["status"] = "applied";
                o["amount"] = MoneyNode(amt);
            }
            else
            {
                string reason = c.StaticReason ?? "";
                if (c.StaticReason == null)
                {
                    var def = c.Def!;
                    var amounts = noCoupon.AtCoupons[c.Layer];
                    var elig = CouponEligible(def, amounts);
                    long total = elig.Sum(l => amounts[l.Pos]);
                    long minSpend = J.Has(def, "minSpend") ? MoneyOf(def, "minSpend") : 0;
                    if (elig.Count == 0) reason = "noEligibleItems";
                    else if (total < minSpend)
                    {
                        reason = "minSpendNotMet";
                        long saving = Math.Min(CouponDiscount(def, minSpend), Limit(def, "coupons").BudgetLeft);
                        if (saving > 0)
                            couponHints[c] = new JsonObject
                            {
                                ["source"] = c.Code,
                                ["shortfall"] = MoneyNode(minSpend - total),
                                ["saving"] = MoneyNode(saving),
                            };
                    }
                    else reason = "notInBestCombination";
                }
                o["status"] = "rejected";
                o["reason"] = reason;
            }
            couponResults.Add(o);
        }

        // Hints: layer by layer, the threshold hints, then the layer's coupon hints in coupon order.
        var hints = new List<JsonObject>();
        foreach (var (layerId, _) in _layers)
        {
            if (final.ThresholdHints.TryGetValue(layerId, out var th)) hints.AddRange(th);
            hints.AddRange(CouponOrder(couponHints.Keys.Where(c => c.Layer == layerId)).Select(c => couponHints[c]));
        }

        // §5 step 5: points.
        long subtotal = _lines.Sum(l => l.ListAmount);
        long totalAmount = final.Total;
        var pointsUsed = new long[_lines.Count];
        var pointsValue = new long[_lines.Count];
        long used = 0, value = 0, earned = 0;
        var pts = J.Obj(_rules, "points");
        if (pts != null)
        {
            var scope = J.Obj(pts, "scope");
            var eligible = _lines.Where(l => InScope(scope, l)).ToList();
            long e = eligible.Sum(l => final.Amounts[l.Pos]);
            long ppu = J.Long(pts, "pointsPerUnit")!.Value;
            decimal maxPercent = J.Dec(pts, "maxPercent") ?? 100m;
            long cap = RefMath.FloorMul(e, maxPercent, 100);
            long balance = J.Long(_customer, "points") ?? 0;
            if (_customer == null) balance = 0;
            var up = J.Get(_cart, "usePoints");
            long requested = up == null ? 0
                : up.GetValueKind() == JsonValueKind.String ? balance
                : (long)up.GetValue<decimal>();
            BigInteger pow = BigInteger.Pow(10, _digits);
            long limit = Math.Min(requested, balance);
            if (J.Long(pts, "maxPoints") is { } maxPoints) limit = Math.Min(limit, maxPoints);
            limit = Math.Min(limit, checked((long)((BigInteger)cap * ppu / pow)));
            long step = J.Long(pts, "step") ?? 1;
            long p = limit <= 0 ? 0 : limit / step * step;
            if (p < (J.Long(pts, "minPoints") ?? 0)) p = 0;
            long v = checked((long)((BigInteger)p * pow / ppu));
            if (v == 0) p = 0;
            if (p > 0)
            {
                used = p;
                value = v;
                var alloc = eligible.Where(l => final.Amounts[l.Pos] > 0).ToList();
                var ids = alloc.Select(l => l.Id).ToList();
                var vShares = RefMath.Allocate(v, ids, alloc.Select(l => final.Amounts[l.Pos]).ToList());
                var pShares = RefMath.Allocate(p, ids, vShares);
                for (int i = 0; i < alloc.Count; i++)
                {
                    pointsValue[alloc[i].Pos] = vShares[i];
                    pointsUsed[alloc[i].Pos] = pShares[i];
                }
            }
            long payableAll = totalAmount - value;
            if (_customer != null && J.Dec(pts, "earnPerUnit") is { } earn)
                earned = RefMath.FloorMul(payableAll, earn, pow);
        }

        // §6 result, with §10 funding: each adjustment and each line's points value split over its parties.
        var orderFunding = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var linesOut = new JsonArray();
        foreach (var l in _lines)
        {
            var lineFunding = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var a in final.Adjs[l.Pos]) Fund(lineFunding, a.Amount, a.Funding);
            Fund(lineFunding, pointsValue[l.Pos], J.Get(pts, "funding"));
            foreach (var (party, amount) in lineFunding) orderFunding[party] = orderFunding.GetValueOrDefault(party) + amount;
            var adjs = new JsonArray();
            foreach (var a in final.Adjs[l.Pos])
                adjs.Add(new JsonObject { ["source"] = a.Source, ["stage"] = a.Stage, ["amount"] = MoneyNode(a.Amount) });
            linesOut.Add(new JsonObject
            {
                ["id"] = l.Id,
                ["sku"] = l.Sku,
                ["quantity"] = l.Qty,
                ["listAmount"] = MoneyNode(l.ListAmount),
                ["adjustments"] = adjs,
                ["amount"] = MoneyNode(final.Amounts[l.Pos]),
                ["pointsUsed"] = pointsUsed[l.Pos],
                ["pointsValue"] = MoneyNode(pointsValue[l.Pos]),
                ["payable"] = MoneyNode(final.Amounts[l.Pos] - pointsValue[l.Pos]),
                ["funding"] = FundingNode(lineFunding),
            });
        }
        var applied = new JsonArray();
        foreach (var a in baseApplied.Concat(final.Applied)) applied.Add(a);
        var gifts = new JsonArray();
        foreach (var g in final.Gifts) gifts.Add(g);
        var hintsOut = new JsonArray();
        foreach (var h in hints) hintsOut.Add(h);
        var couponsOut = new JsonArray();
        foreach (var c in couponResults) couponsOut.Add(c);

        return new JsonObject
        {
            ["ruleSet"] = new JsonObject { ["id"] = J.Str(_rules, "id"), ["version"] = J.Str(_rules, "version") },
            ["currency"] = J.Str(_rules, "currency"),
            ["subtotal"] = MoneyNode(subtotal),
            ["discount"] = MoneyNode(subtotal - totalAmount),
            ["total"] = MoneyNode(totalAmount),
            ["points"] = new JsonObject { ["used"] = used, ["value"] = MoneyNode(value), ["earned"] = earned },
            ["payable"] = MoneyNode(totalAmount - value),
            ["lines"] = linesOut,
            ["applied"] = applied,
            ["coupons"] = couponsOut,
            ["gifts"] = gifts,
            ["hints"] = hintsOut,
            ["funding"] = FundingNode(orderFunding),
            ["usage"] = UsageNode(applied, couponResults),
            ["couponChoice"] = "exact",
        };
    }

    // ---- §10 funding and §11 usage ---------------------------------------------------------------

    /// Units, groups or bundles each promotion priced (the kinds that count units, §11).
    private Dictionary<string, long> Units { get; } = new(StringComparer.Ordinal);

    /// Splits amount over the parties of a "funding" value (§10) with the §2 routine.
    private void Fund(SortedDictionary<string, long> into, long amount, JsonNode? funding)
    {
        if (amount == 0) return;
        var parties = new List<string>();
        var weights = new List<long>();
        if (funding is JsonArray shares)
        {
            int scale = shares.Max(x => J.Dec(x!.AsObject(), "percent")!.Value.Scale);
            foreach (var share in shares)
            {
                parties.Add(J.Str(share!.AsObject(), "party")!);
                weights.Add((long)(J.Dec(share.AsObject(), "percent")!.Value * (decimal)BigInteger.Pow(10, scale)));
            }
        }
        else
        {
            parties.Add(funding?.GetValue<string>() ?? J.Str(_rules, "defaultFunder") ?? "merchant");
            weights.Add(1);
        }
        var split = RefMath.Allocate(amount, parties, weights);
        for (int i = 0; i < parties.Count; i++)
            if (split[i] > 0) into[parties[i]] = into.GetValueOrDefault(parties[i]) + split[i];
    }

    private JsonArray FundingNode(SortedDictionary<string, long> funding) =>
        new(funding.Where(f => f.Value > 0).Select(f => (JsonNode)new JsonObject { ["party"] = f.Key, ["amount"] = MoneyNode(f.Value) }).ToArray());

    /// What the order consumes (§11): one use per applied promotion; per coupon definition its applied instances.
    private JsonObject UsageNode(JsonArray applied, List<JsonObject> coupons)
    {
        var promotions = new JsonObject();
        foreach (var a in applied.Select(a => a!.AsObject()).OrderBy(a => J.Str(a, "id"), StringComparer.Ordinal))
        {
            string id = J.Str(a, "id")!;
            var kind = J.Str(J.Objs(_rules, "promotions").First(p => J.Str(p, "id") == id), "kind");
            var entry = new JsonObject { ["uses"] = 1 };
            if (kind != "threshold") entry["units"] = Units.GetValueOrDefault(id);
            entry["spent"] = a["amount"]!.DeepClone();
            promotions[id] = entry;
        }
        var appliedCoupons = coupons.Where(c => J.Str(c, "status") == "applied").ToList();
        var byDefinition = new JsonObject();
        foreach (var g in appliedCoupons.GroupBy(c => J.Str(c, "couponId")!).OrderBy(g => g.Key, StringComparer.Ordinal))
            byDefinition[g.Key] = new JsonObject { ["uses"] = g.Count(), ["spent"] = MoneyNode(g.Sum(c => Money(J.Dec(c, "amount")!.Value))) };
        return new JsonObject
        {
            ["promotions"] = promotions,
            ["coupons"] = byDefinition,
            ["codes"] = new JsonArray(appliedCoupons.Select(c => (JsonNode)JsonValue.Create(J.Str(c, "code"))!).ToArray()),
        };
    }

    /// §5.1 ties: lowest total, then fewer coupons, then the smallest sorted list of codes.
    private static bool Better(long total, List<RefCandidate> set, long bestTotal, List<RefCandidate> bestSet)
    {
        if (total != bestTotal) return total < bestTotal;
        if (set.Count != bestSet.Count) return set.Count < bestSet.Count;
        var a = set.Select(c => c.Code).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var b = bestSet.Select(c => c.Code).OrderBy(s => s, StringComparer.Ordinal).ToList();
        for (int i = 0; i < a.Count; i++)
        {
            int c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c < 0;
        }
        return false;
    }

    /// §5 4b order: priority desc, then couponId, then code (all ordinal).
    private static List<RefCandidate> CouponOrder(IEnumerable<RefCandidate> cands)
    {
        var list = cands.ToList();
        list.Sort((a, b) =>
        {
            int c = (J.Long(b.Def, "priority") ?? 0).CompareTo(J.Long(a.Def, "priority") ?? 0);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.CouponId, b.CouponId);
            return c != 0 ? c : string.CompareOrdinal(a.Code, b.Code);
        });
        return list;
    }

    // ---- step 2: item stage -----------------------------------------------------------------

    private void ItemStage(List<RefUnit> units, List<JsonObject> promotions, List<JsonObject> applied)
    {
        // Member price entries that this customer may use: priority desc, then array position.
        var entries = J.Objs(_rules, "memberPrices")
            .Select((e, i) => (e, i))
            .Where(x => Active(x.e))
            .OrderByDescending(x => J.Long(x.e, "priority") ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();

        var itemPromos = promotions
            .Where(p => J.Str(p, "kind") is "specialPrice" or "itemDiscount")
            .Where(Active)
            .ToList();

        // limitPerOrder of a specialPrice: only its first N units (list price desc, line id, unit index).
        var allowed = new Dictionary<JsonObject, HashSet<RefUnit>>();
        foreach (var p in itemPromos)
        {
            long limit = UnitLimit(p);
            if (limit == NoLimit) continue;
            var inScope = units.Where(u => InScope(J.Obj(p, "scope"), u.Line)).ToList();
            inScope.Sort((a, b) =>
            {
                int c = b.Line.UnitPrice.CompareTo(a.Line.UnitPrice);
                if (c != 0) return c;
                c = string.CompareOrdinal(a.Line.Id, b.Line.Id);
                return c != 0 ? c : a.Index.CompareTo(b.Index);
            });
            allowed[p] = inScope.Take((int)Math.Min(limit, int.MaxValue)).ToHashSet();
        }

        var memberAmount = new long[_lines.Count];
        var memberTier = new string?[_lines.Count];
        var memberEntry = new JsonObject?[_lines.Count];
        var promoAmount = itemPromos.ToDictionary(p => p, _ => new long[_lines.Count]);

        foreach (var u in units)
        {
            var line = u.Line;
            long list = line.UnitPrice;
            long m = list;
            string? mTier = null;
            JsonObject? mEntry = null;
            foreach (var e in entries)
            {
                if (J.Str(e, "sku") is { } sku && sku != line.Sku) continue;
                if (!InScope(J.Obj(e, "scope"), line)) continue;
                long price = J.Has(e, "price") ? MoneyOf(e, "price") : list - Pct(list, J.Dec(e, "percentOff")!.Value);
                if (price < m)
                {
                    m = price;
                    mTier = J.Str(e, "minTier");
                    mEntry = e;
                }
            }

            long best = m;
            JsonObject? winner = null;
            foreach (var p in itemPromos)
            {
                if (!InScope(J.Obj(p, "scope"), line)) continue;
                if (allowed.TryGetValue(p, out var set) && !set.Contains(u)) continue;
                long cand;
                if (J.Str(p, "kind") == "specialPrice")
                {
                    cand = MoneyOf(p, "price");
                }
                else
                {
                    long basePrice = J.Bool(p, "stacksWithMemberPrice") ? m : list;
                    long disc = J.Has(p, "percentOff")
                        ? Pct(basePrice, J.Dec(p, "percentOff")!.Value)
                        : Math.Min(MoneyOf(p, "amountOff"), basePrice);
                    cand = basePrice - disc;
                }
                if (cand < best) // ties: member price first, then the first promotion in order
                {
                    best = cand;
                    winner = p;
                }
            }

            if (winner == null)
            {
                memberAmount[line.Pos] += list - m;
                if (list > m) (memberTier[line.Pos], memberEntry[line.Pos]) = (mTier, mEntry);
            }
            else if (J.Bool(winner, "stacksWithMemberPrice"))
            {
                memberAmount[line.Pos] += list - m;
                if (list > m) (memberTier[line.Pos], memberEntry[line.Pos]) = (mTier, mEntry);
                promoAmount[winner][line.Pos] += m - best;
                line.Promoted = true;
            }
            else
            {
                promoAmount[winner][line.Pos] += list - best;
                line.Promoted = true;
            }
            if (winner != null) Units[J.Str(winner, "id")!] = Units.GetValueOrDefault(J.Str(winner, "id")!) + 1;
            u.Price = best;
        }

        // On a line: the member price adjustment first, then promotions in order.
        foreach (var l in _lines)
        {
            if (memberAmount[l.Pos] > 0) AddAdj(l.BaseAdjs, "member:" + memberTier[l.Pos], "item", memberAmount[l.Pos], J.Get(memberEntry[l.Pos], "funding"));
            foreach (var p in itemPromos) AddAdj(l.BaseAdjs, J.Str(p, "id")!, "item", promoAmount[p][l.Pos], J.Get(p, "funding"));
        }
        foreach (var p in itemPromos)
        {
            long total = promoAmount[p].Sum();
            if (total > 0)
                applied.Add(AppliedEntry(J.Str(p, "id")!, "item", null, total, _lines.Where(l => promoAmount[p][l.Pos] > 0)));
        }
    }

    // ---- step 3: multibuy stage -------------------------------------------------------------

    private void MultibuyStage(List<RefUnit> units, List<JsonObject> promotions, List<JsonObject> applied)
    {
        foreach (var p in promotions)
        {
            string kind = J.Str(p, "kind")!;
            if (kind is not ("nthItem" or "buyXGetY" or "bundle") || !Active(p)) continue;
            string id = J.Str(p, "id")!;
            var scope = J.Obj(p, "scope");
            long limit = UnitLimit(p);
            var perLine = new long[_lines.Count];

            var avail = units.Where(u => !u.Taken && InScope(scope, u.Line)).ToList();
            avail.Sort(CompareUnits);

            if (kind is "nthItem" or "buyXGetY")
            {
                int size = kind == "nthItem" ? (int)J.Long(p, "n")!.Value : (int)(J.Long(p, "buy")!.Value + J.Long(p, "get")!.Value);
                long groups = Math.Min(avail.Count / size, limit);
                for (int g = 0; g < groups; g++)
                {
                    var group = avail.Skip(g * size).Take(size).ToList();
                    foreach (var u in group)
                    {
                        u.Taken = true;
                        u.Line.Promoted = true;
                    }
                    if (kind == "nthItem")
                    {
                        var u = group[^1];
                        long disc;
                        if (J.Has(p, "percentOff")) disc = Pct(u.Price, J.Dec(p, "percentOff")!.Value);
                        else if (J.Has(p, "amountOff")) disc = Math.Min(MoneyOf(p, "amountOff"), u.Price);
                        else disc = u.Price - Math.Min(MoneyOf(p, "price"), u.Price);
                        u.Price -= disc;
                        perLine[u.Line.Pos] += disc;
                        if (disc > 0) Units[id] = Units.GetValueOrDefault(id) + 1;
                    }
                    else
                    {
                        int get = (int)J.Long(p, "get")!.Value;
                        if (group.Skip(size - get).Any(u => u.Price > 0)) Units[id] = Units.GetValueOrDefault(id) + 1;
                        foreach (var u in group.Skip(size - get))
                        {
                            perLine[u.Line.Pos] += u.Price;
                            u.Price = 0;
                        }
                    }
                }
            }
            else
            {
                var components = J.Objs(p, "components");
                long price = MoneyOf(p, "price");
                long formed = 0;
                while (formed < limit)
                {
                    var free = avail.Where(u => !u.Taken).ToList(); // already sorted
                    var picked = new List<RefUnit>();
                    bool filled = true;
                    foreach (var comp in components)
                    {
                        long q = J.Long(comp, "quantity")!.Value;
                        var take = free.Where(u => !picked.Contains(u) && InScope(J.Obj(comp, "scope"), u.Line)).Take((int)q).ToList();
                        if (take.Count < q)
                        {
                            filled = false;
                            break;
                        }
                        picked.AddRange(take);
                    }
                    if (!filled) break;
                    long sum = picked.Sum(u => u.Price);
                    if (sum <= price) break; // would not be cheaper than its units
                    long discount = sum - price;
                    var contributing = _lines.Where(l => picked.Any(u => u.Line == l)).ToList();
                    var weights = contributing.Select(l => picked.Where(u => u.Line == l).Sum(u => u.Price)).ToList();
                    var shares = RefMath.Allocate(discount, contributing.Select(l => l.Id).ToList(), weights);
                    for (int i = 0; i < contributing.Count; i++) perLine[contributing[i].Pos] += shares[i];
                    foreach (var u in picked)
                    {
                        u.Taken = true;
                        u.Line.Promoted = true;
                    }
                    formed++;
                    Units[id] = Units.GetValueOrDefault(id) + 1;
                }
            }

            foreach (var l in _lines) AddAdj(l.BaseAdjs, id, "multibuy", perLine[l.Pos], J.Get(p, "funding"));
            long total = perLine.Sum();
            if (total > 0) applied.Add(AppliedEntry(id, "multibuy", null, total, _lines.Where(l => perLine[l.Pos] > 0)));
        }
    }

    // ---- step 4: threshold and coupon layers ------------------------------------------------

    private List<RefLine> CouponEligible(JsonObject def, long[] amounts)
    {
        var scope = J.Obj(def, "scope");
        bool excl = J.Bool(def, "excludePromoted");
        return _lines.Where(l => InScope(scope, l) && amounts[l.Pos] > 0 && !(excl && l.Promoted)).ToList();
    }

    /// A coupon's discount on an eligible total: amountOff, or percentOff; capped at maxOff, then the total.
    private long CouponDiscount(JsonObject def, long eligibleTotal)
    {
        long d = J.Has(def, "amountOff") ? MoneyOf(def, "amountOff") : Pct(eligibleTotal, J.Dec(def, "percentOff")!.Value);
        if (J.Has(def, "maxOff")) d = Math.Min(d, MoneyOf(def, "maxOff"));
        return Math.Min(d, eligibleTotal);
    }

    /// A threshold tier's discount on an eligible amount: amountOff or percentOff (else 0), capped at maxOff, then the amount.
    private long TierDiscount(JsonObject tier, long eligibleAmount)
    {
        long d = 0;
        if (J.Has(tier, "amountOff")) d = MoneyOf(tier, "amountOff");
        else if (J.Has(tier, "percentOff")) d = Pct(eligibleAmount, J.Dec(tier, "percentOff")!.Value);
        if (J.Has(tier, "maxOff")) d = Math.Min(d, MoneyOf(tier, "maxOff"));
        return Math.Min(d, eligibleAmount);
    }

    private long RepeatDiscount(JsonObject repeat, long steps, long eligibleAmount)
    {
        long d = checked(MoneyOf(repeat, "amountOff") * steps);
        if (J.Has(repeat, "cap")) d = Math.Min(d, MoneyOf(repeat, "cap"));
        return Math.Min(d, eligibleAmount);
    }

    private JsonObject GiftNode(JsonObject gift)
        => new() { ["sku"] = J.Str(gift, "sku"), ["quantity"] = J.Long(gift, "quantity") ?? 1 };

    private RefPassResult Layers(List<JsonObject> promotions, long[] afterMultibuy, List<RefCandidate> chosen)
    {
        var res = new RefPassResult
        {
            Amounts = (long[])afterMultibuy.Clone(),
            Adjs = _lines.Select(l => new List<RefAdj>(l.BaseAdjs)).ToArray(),
        };
        var amounts = res.Amounts;
        var thresholds = promotions.Where(p => J.Str(p, "kind") == "threshold").ToList();
        var spentBy = new Dictionary<string, long>(StringComparer.Ordinal);

        foreach (var (layerId, _) in _layers)
        {
            var hints = new List<JsonObject>();
            res.ThresholdHints[layerId] = hints;
            var claimed = new HashSet<RefLine>();

            // a. threshold promotions of the layer, in order
            foreach (var p in thresholds.Where(p => LayerOf(p) == layerId))
            {
                if (!Active(p)) continue;
                string id = J.Str(p, "id")!;
                var scope = J.Obj(p, "scope");
                bool excl = J.Bool(p, "excludePromoted");
                var elig = _lines.Where(l => InScope(scope, l) && amounts[l.Pos] > 0 && !claimed.Contains(l) && !(excl && l.Promoted)).ToList();
                if (elig.Count == 0) continue;
                bool quantity = J.Str(p, "basis") == "quantity";
                bool itemPrice = J.Str(p, "thresholdOn") == "itemPrice";
                long eligibleAmount = elig.Sum(l => amounts[l.Pos]);
                long basis = quantity ? elig.Sum(l => l.Qty)
                    : itemPrice ? elig.Sum(l => afterMultibuy[l.Pos])
                    : eligibleAmount;
                long Threshold(JsonObject o, string key) => quantity ? J.Long(o, key)!.Value : MoneyOf(o, key);

                bool reached = false;
                long discount = 0;
                JsonObject? gift = null;
                var tiers = J.Objs(p, "tiers");
                var repeat = J.Obj(p, "repeat");
                int reachedTier = -1;
                long steps = 0;
                if (repeat == null)
                {
                    for (int i = 0; i < tiers.Count; i++)
                        if (basis >= Threshold(tiers[i], "atLeast")) reachedTier = i;
                    if (reachedTier >= 0)
                    {
                        reached = true;
                        discount = Math.Min(TierDiscount(tiers[reachedTier], eligibleAmount), Budget(p));
                        gift = J.Obj(tiers[reachedTier], "gift");
                    }
                }
                else
                {
                    steps = basis / Threshold(repeat, "every");
                    if (steps >= 1)
                    {
                        reached = true;
                        discount = Math.Min(RepeatDiscount(repeat, steps, eligibleAmount), Budget(p));
                    }
                }

                if (reached)
                {
                    var shares = RefMath.Allocate(discount, elig.Select(l => l.Id).ToList(), elig.Select(l => amounts[l.Pos]).ToList());
                    for (int i = 0; i < elig.Count; i++)
                    {
                        amounts[elig[i].Pos] -= shares[i];
                        AddAdj(res.Adjs[elig[i].Pos], id, "threshold", shares[i], J.Get(p, "funding"));
                        claimed.Add(elig[i]);
                    }
                    if (gift != null)
                        res.Gifts.Add(new JsonObject { ["promotionId"] = id, ["sku"] = J.Str(gift, "sku"), ["quantity"] = J.Long(gift, "quantity") ?? 1 });
                    if (discount > 0 || gift != null)
                        res.Applied.Add(AppliedEntry(id, "threshold", layerId, discount, elig));
                }

                // Hint toward the next tier / next repeat step.
                if (repeat == null)
                {
                    if (reachedTier + 1 < tiers.Count)
                    {
                        var next = tiers[reachedTier + 1];
                        long at = Threshold(next, "atLeast");
                        var nextGift = J.Obj(next, "gift");
                        var h = new JsonObject { ["source"] = id };
                        if (quantity)
                        {
                            h["shortfall"] = at - basis;
                            if (nextGift != null) h["gift"] = GiftNode(nextGift);
                            hints.Add(h);
                        }
                        else
                        {
                            long saving = Math.Min(TierDiscount(next, at), Budget(p)) - discount;
                            if (saving > 0 || nextGift != null)
                            {
                                h["shortfall"] = MoneyNode(at - basis);
                                h["saving"] = MoneyNode(saving);
                                if (nextGift != null) h["gift"] = GiftNode(nextGift);
                                hints.Add(h);
                            }
                        }
                    }
                }
                else
                {
                    bool belowCap = !J.Has(repeat, "cap") || discount < MoneyOf(repeat, "cap");
                    if (belowCap)
                    {
                        long every = Threshold(repeat, "every");
                        long k = steps + 1;
                        long at = checked(k * every);
                        if (quantity)
                            hints.Add(new JsonObject { ["source"] = id, ["shortfall"] = at - basis });
                        else
                        {
                            long saving = Math.Min(RepeatDiscount(repeat, k, at), Budget(p)) - discount;
                            if (saving > 0)
                                hints.Add(new JsonObject { ["source"] = id, ["shortfall"] = MoneyNode(at - basis), ["saving"] = MoneyNode(saving) });
                        }
                    }
                }
            }

            res.AtCoupons[layerId] = (long[])amounts.Clone();

            // b. the chosen coupons of the layer, in order
            foreach (var c in CouponOrder(chosen.Where(c => c.Layer == layerId)))
            {
                var def = c.Def!;
                var elig = CouponEligible(def, amounts);
                long total = elig.Sum(l => amounts[l.Pos]);
                long minSpend = J.Has(def, "minSpend") ? MoneyOf(def, "minSpend") : 0;
                long discount = elig.Count > 0 && total >= minSpend ? CouponDiscount(def, total) : 0;
                // §14: instances of one definition share its budget left, in coupon order
                long budgetLeft = Limit(def, "coupons").BudgetLeft;
                if (budgetLeft != NoLimit) discount = Math.Min(discount, budgetLeft - spentBy.GetValueOrDefault(c.CouponId));
                spentBy[c.CouponId] = spentBy.GetValueOrDefault(c.CouponId) + Math.Max(discount, 0);
                if (discount <= 0)
                {
                    res.AllCouponsApply = false;
                    continue;
                }
                var shares = RefMath.Allocate(discount, elig.Select(l => l.Id).ToList(), elig.Select(l => amounts[l.Pos]).ToList());
                for (int i = 0; i < elig.Count; i++)
                {
                    amounts[elig[i].Pos] -= shares[i];
                    AddAdj(res.Adjs[elig[i].Pos], c.Code, "coupon", shares[i], J.Get(def, "funding"));
                }
                res.CouponAmounts[c] = discount;
            }
        }
        return res;
    }
}
