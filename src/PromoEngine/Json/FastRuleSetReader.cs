using System.Text.Json;
using PromoEngine.Definitions;
using static PromoEngine.Json.FastJson;

namespace PromoEngine.Json;

/// <summary>
/// Reads a well-formed rule set in one forward pass over its UTF-8 bytes, as <see cref="FastCartReader"/>
/// does for carts: it accepts only what <see cref="RuleSetReader"/> reads without a single error and
/// gives up (returns null) on anything else, so that reader stays the one source of messages and JSON
/// paths. A promotion's fields are read whatever the order and then checked against its kind. Loading
/// 100,000 promotions through a document and a reader object per JSON object took most of a second.
/// </summary>
internal static class FastRuleSetReader
{
    /// <summary>The rule set, or null when it has anything <see cref="RuleSetReader"/> would report.</summary>
    public static RuleSetDefinition? TryRead(string json) => Run(json, ReadRuleSet);

    private static RuleSetDefinition? ReadRuleSet(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null, version = null, currency = null;
        int? minorDigits = null;
        Money.RoundingMode? rounding = null;
        string[]? tiers = null;
        LayerDefinition[]? layers = null;
        MemberPriceDefinition[]? memberPrices = null;
        PromotionDefinition[]? promotions = null;
        CouponDefinition[]? coupons = null;
        PointsDefinition? points = null;
        string? defaultFunder = null, schema = null;
        CouponSearchDefinition? couponSearch = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new RuleSetDefinition
                {
                    Id = id, Version = version, Currency = currency, MinorDigits = minorDigits, Rounding = rounding, Tiers = tiers,
                    Layers = layers, MemberPrices = memberPrices, Promotions = promotions, Coupons = coupons, Points = points,
                    DefaultFunder = defaultFunder, CouponSearch = couponSearch, Schema = schema,
                };
            bool ok;
            if (First(ref r, "id"u8, 1, ref seen)) ok = String(ref r, out id);
            else if (First(ref r, "version"u8, 2, ref seen)) ok = String(ref r, out version);
            else if (First(ref r, "currency"u8, 4, ref seen)) ok = String(ref r, out currency);
            else if (First(ref r, "minorDigits"u8, 8, ref seen)) ok = Int32(ref r, out minorDigits);
            else if (First(ref r, "rounding"u8, 16, ref seen)) ok = Enum(ref r, JsonNames.Rounding, out rounding);
            else if (First(ref r, "tiers"u8, 32, ref seen)) ok = Strings(ref r, out tiers);
            else if (First(ref r, "layers"u8, 64, ref seen)) ok = Array(ref r, ReadLayer, out layers);
            else if (First(ref r, "memberPrices"u8, 128, ref seen)) ok = Array(ref r, ReadMemberPrice, out memberPrices);
            else if (First(ref r, "promotions"u8, 256, ref seen)) ok = Array(ref r, ReadPromotion, out promotions);
            else if (First(ref r, "coupons"u8, 512, ref seen)) ok = Array(ref r, ReadCoupon, out coupons);
            else if (First(ref r, "points"u8, 1024, ref seen)) ok = Object(ref r, ReadPoints, out points);
            else if (First(ref r, "defaultFunder"u8, 2048, ref seen)) ok = String(ref r, out defaultFunder);
            else if (First(ref r, "couponSearch"u8, 4096, ref seen)) ok = Object(ref r, ReadCouponSearch, out couponSearch);
            else if (First(ref r, "$schema"u8, 8192, ref seen)) ok = String(ref r, out schema);
            else ok = false; // unknown or repeated property
            if (!ok) return null;
        }
        return null;
    }

    private static LayerDefinition? ReadLayer(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null;
        int? maxCoupons = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new LayerDefinition { Id = id, MaxCoupons = maxCoupons };
            bool ok;
            if (First(ref r, "id"u8, 1, ref seen)) ok = String(ref r, out id);
            else if (First(ref r, "maxCoupons"u8, 2, ref seen)) ok = Int32(ref r, out maxCoupons);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static ScopeDefinition? ReadScope(ref Utf8JsonReader r)
    {
        string[]? skus = null, categories = null, brands = null, tags = null;
        string[]? excludeSkus = null, excludeCategories = null, excludeBrands = null, excludeTags = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new ScopeDefinition
                {
                    Skus = skus, Categories = categories, Brands = brands, Tags = tags, ExcludeSkus = excludeSkus,
                    ExcludeCategories = excludeCategories, ExcludeBrands = excludeBrands, ExcludeTags = excludeTags,
                };
            bool ok;
            if (First(ref r, "skus"u8, 1, ref seen)) ok = Strings(ref r, out skus);
            else if (First(ref r, "categories"u8, 2, ref seen)) ok = Strings(ref r, out categories);
            else if (First(ref r, "brands"u8, 4, ref seen)) ok = Strings(ref r, out brands);
            else if (First(ref r, "tags"u8, 8, ref seen)) ok = Strings(ref r, out tags);
            else if (First(ref r, "excludeSkus"u8, 16, ref seen)) ok = Strings(ref r, out excludeSkus);
            else if (First(ref r, "excludeCategories"u8, 32, ref seen)) ok = Strings(ref r, out excludeCategories);
            else if (First(ref r, "excludeBrands"u8, 64, ref seen)) ok = Strings(ref r, out excludeBrands);
            else if (First(ref r, "excludeTags"u8, 128, ref seen)) ok = Strings(ref r, out excludeTags);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static WindowDefinition? ReadWindow(ref Utf8JsonReader r)
    {
        DateTimeOffset? from = null, to = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new WindowDefinition { From = from, To = to };
            bool ok;
            if (First(ref r, "from"u8, 1, ref seen)) ok = Instant(ref r, out from);
            else if (First(ref r, "to"u8, 2, ref seen)) ok = Instant(ref r, out to);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static MemberPriceDefinition? ReadMemberPrice(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? minTier = null, sku = null;
        decimal? price = null, percentOff = null;
        ScopeDefinition? scope = null;
        WindowDefinition? window = null;
        string[]? channels = null, stores = null;
        int? priority = null;
        FundingDefinition? funding = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new MemberPriceDefinition
                {
                    MinTier = minTier, Sku = sku, Price = price, PercentOff = percentOff, Scope = scope, Window = window,
                    Channels = channels, Stores = stores, Priority = priority, Funding = funding,
                };
            bool ok;
            if (First(ref r, "minTier"u8, 1, ref seen)) ok = String(ref r, out minTier);
            else if (First(ref r, "sku"u8, 2, ref seen)) ok = String(ref r, out sku);
            else if (First(ref r, "price"u8, 4, ref seen)) ok = Number(ref r, out price);
            else if (First(ref r, "percentOff"u8, 8, ref seen)) ok = Number(ref r, out percentOff);
            else if (First(ref r, "scope"u8, 16, ref seen)) ok = Object(ref r, ReadScope, out scope);
            else if (First(ref r, "window"u8, 32, ref seen)) ok = Object(ref r, ReadWindow, out window);
            else if (First(ref r, "channels"u8, 64, ref seen)) ok = Strings(ref r, out channels);
            else if (First(ref r, "stores"u8, 128, ref seen)) ok = Strings(ref r, out stores);
            else if (First(ref r, "priority"u8, 256, ref seen)) ok = Int32(ref r, out priority);
            else if (First(ref r, "funding"u8, 512, ref seen)) ok = Funding(ref r, out funding);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    // A promotion's properties, as bits: the common ones, then those that belong to some kinds only.
    private const long Id = 1, Kind = 2, Scope = 4, Window = 8, Channels = 16, Stores = 32, MinTier = 64, Priority = 128;
    private const long Price = 256, LimitPerOrder = 512, PercentOff = 1024, AmountOff = 2048, Stacks = 4096, N = 8192;
    private const long Buy = 16384, Get = 32768, Components = 65536, Layer = 131072, Basis = 262144, Tiers = 524288;
    private const long Repeat = 1048576, ExcludePromoted = 2097152, ThresholdOn = 4194304;
    private const long Name = 8388608, Description = 16777216, FundingBit = 33554432, Limits = 67108864;
    private const long Common = Id | Kind | Scope | Window | Channels | Stores | MinTier | Priority | Name | Description | FundingBit | Limits;

    /// <summary>The properties <see cref="RuleSetReader"/> reads for a kind; any other is unknown there.</summary>
    private static long AllowedFor(PromotionKind kind) => Common | kind switch
    {
        PromotionKind.SpecialPrice => Price | LimitPerOrder,
        PromotionKind.ItemDiscount => PercentOff | AmountOff | Stacks,
        PromotionKind.NthItem => N | PercentOff | AmountOff | Price | LimitPerOrder,
        PromotionKind.BuyXGetY => Buy | Get | LimitPerOrder,
        PromotionKind.Bundle => Components | Price | LimitPerOrder,
        PromotionKind.Threshold => Layer | Basis | Tiers | Repeat | ExcludePromoted | ThresholdOn,
        _ => 0,
    };

    private static PromotionDefinition? ReadPromotion(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null, minTier = null, layer = null;
        PromotionKind? kind = null;
        ScopeDefinition? scope = null;
        WindowDefinition? window = null;
        string[]? channels = null, stores = null;
        int? priority = null;
        decimal? price = null, percentOff = null, amountOff = null;
        long? limitPerOrder = null, n = null, buy = null, get = null;
        bool? stacks = null, excludePromoted = null;
        BundleComponentDefinition[]? components = null;
        ThresholdBasis? basis = null;
        ThresholdTierDefinition[]? tiers = null;
        RepeatDefinition? repeat = null;
        ThresholdOn? thresholdOn = null;
        string? name = null, description = null;
        FundingDefinition? funding = null;
        LimitsDefinition? limits = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
            {
                // Without a kind, or with a field of another kind, the full reader has something to say.
                if (kind is not { } k || (seen & ~AllowedFor(k)) != 0) return null;
                return new PromotionDefinition
                {
                    Id = id, Kind = kind, Scope = scope, Window = window, Channels = channels, Stores = stores, MinTier = minTier,
                    Priority = priority, Price = price, LimitPerOrder = limitPerOrder, PercentOff = percentOff, AmountOff = amountOff,
                    StacksWithMemberPrice = stacks, N = n, Buy = buy, Get = get, Components = components, Layer = layer,
                    Basis = basis, Tiers = tiers, Repeat = repeat, ExcludePromoted = excludePromoted, ThresholdOn = thresholdOn,
                    Name = name, Description = description, Funding = funding, Limits = limits,
                };
            }
            bool ok;
            if (First(ref r, "id"u8, Id, ref seen)) ok = String(ref r, out id);
            else if (First(ref r, "kind"u8, Kind, ref seen)) ok = Enum(ref r, JsonNames.Kinds, out kind);
            else if (First(ref r, "scope"u8, Scope, ref seen)) ok = Object(ref r, ReadScope, out scope);
            else if (First(ref r, "window"u8, Window, ref seen)) ok = Object(ref r, ReadWindow, out window);
            else if (First(ref r, "channels"u8, Channels, ref seen)) ok = Strings(ref r, out channels);
            else if (First(ref r, "stores"u8, Stores, ref seen)) ok = Strings(ref r, out stores);
            else if (First(ref r, "minTier"u8, MinTier, ref seen)) ok = String(ref r, out minTier);
            else if (First(ref r, "priority"u8, Priority, ref seen)) ok = Int32(ref r, out priority);
            else if (First(ref r, "price"u8, Price, ref seen)) ok = Number(ref r, out price);
            else if (First(ref r, "limitPerOrder"u8, LimitPerOrder, ref seen)) ok = Integer(ref r, out limitPerOrder);
            else if (First(ref r, "percentOff"u8, PercentOff, ref seen)) ok = Number(ref r, out percentOff);
            else if (First(ref r, "amountOff"u8, AmountOff, ref seen)) ok = Number(ref r, out amountOff);
            else if (First(ref r, "stacksWithMemberPrice"u8, Stacks, ref seen)) ok = Bool(ref r, out stacks);
            else if (First(ref r, "n"u8, N, ref seen)) ok = Integer(ref r, out n);
            else if (First(ref r, "buy"u8, Buy, ref seen)) ok = Integer(ref r, out buy);
            else if (First(ref r, "get"u8, Get, ref seen)) ok = Integer(ref r, out get);
            else if (First(ref r, "components"u8, Components, ref seen)) ok = Array(ref r, ReadComponent, out components);
            else if (First(ref r, "layer"u8, Layer, ref seen)) ok = String(ref r, out layer);
            else if (First(ref r, "basis"u8, Basis, ref seen)) ok = Enum(ref r, JsonNames.Bases, out basis);
            else if (First(ref r, "tiers"u8, Tiers, ref seen)) ok = Array(ref r, ReadTier, out tiers);
            else if (First(ref r, "repeat"u8, Repeat, ref seen)) ok = Object(ref r, ReadRepeat, out repeat);
            else if (First(ref r, "excludePromoted"u8, ExcludePromoted, ref seen)) ok = Bool(ref r, out excludePromoted);
            else if (First(ref r, "thresholdOn"u8, ThresholdOn, ref seen)) ok = Enum(ref r, JsonNames.ThresholdOns, out thresholdOn);
            else if (First(ref r, "name"u8, Name, ref seen)) ok = String(ref r, out name);
            else if (First(ref r, "description"u8, Description, ref seen)) ok = String(ref r, out description);
            else if (First(ref r, "funding"u8, FundingBit, ref seen)) ok = Funding(ref r, out funding);
            else if (First(ref r, "limits"u8, Limits, ref seen)) ok = Object(ref r, ReadLimits, out limits);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static BundleComponentDefinition? ReadComponent(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        ScopeDefinition? scope = null;
        long? quantity = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new BundleComponentDefinition { Scope = scope, Quantity = quantity };
            bool ok;
            if (First(ref r, "scope"u8, 1, ref seen)) ok = Object(ref r, ReadScope, out scope);
            else if (First(ref r, "quantity"u8, 2, ref seen)) ok = Integer(ref r, out quantity);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static ThresholdTierDefinition? ReadTier(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        decimal? atLeast = null, amountOff = null, percentOff = null, maxOff = null;
        GiftDefinition? gift = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new ThresholdTierDefinition { AtLeast = atLeast, AmountOff = amountOff, PercentOff = percentOff, MaxOff = maxOff, Gift = gift };
            bool ok;
            if (First(ref r, "atLeast"u8, 1, ref seen)) ok = Number(ref r, out atLeast);
            else if (First(ref r, "amountOff"u8, 2, ref seen)) ok = Number(ref r, out amountOff);
            else if (First(ref r, "percentOff"u8, 4, ref seen)) ok = Number(ref r, out percentOff);
            else if (First(ref r, "maxOff"u8, 8, ref seen)) ok = Number(ref r, out maxOff);
            else if (First(ref r, "gift"u8, 16, ref seen)) ok = Object(ref r, ReadGift, out gift);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static GiftDefinition? ReadGift(ref Utf8JsonReader r)
    {
        string? sku = null;
        long? quantity = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new GiftDefinition { Sku = sku, Quantity = quantity };
            bool ok;
            if (First(ref r, "sku"u8, 1, ref seen)) ok = String(ref r, out sku);
            else if (First(ref r, "quantity"u8, 2, ref seen)) ok = Integer(ref r, out quantity);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static RepeatDefinition? ReadRepeat(ref Utf8JsonReader r)
    {
        decimal? every = null, amountOff = null, cap = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new RepeatDefinition { Every = every, AmountOff = amountOff, Cap = cap };
            bool ok;
            if (First(ref r, "every"u8, 1, ref seen)) ok = Number(ref r, out every);
            else if (First(ref r, "amountOff"u8, 2, ref seen)) ok = Number(ref r, out amountOff);
            else if (First(ref r, "cap"u8, 4, ref seen)) ok = Number(ref r, out cap);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static CouponDefinition? ReadCoupon(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) return null;
        string? id = null, layer = null, minTier = null;
        decimal? minSpend = null, amountOff = null, percentOff = null, maxOff = null;
        bool? exclusive = null, excludePromoted = null;
        ScopeDefinition? scope = null;
        WindowDefinition? window = null;
        string[]? channels = null, stores = null;
        int? priority = null;
        string? name = null, description = null;
        FundingDefinition? funding = null;
        LimitsDefinition? limits = null;
        long? usesPerCode = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new CouponDefinition
                {
                    Id = id, Layer = layer, MinSpend = minSpend, AmountOff = amountOff, PercentOff = percentOff, MaxOff = maxOff,
                    Exclusive = exclusive, ExcludePromoted = excludePromoted, Scope = scope, Window = window, Channels = channels,
                    Stores = stores, MinTier = minTier, Priority = priority, Name = name, Description = description,
                    Funding = funding, Limits = limits, UsesPerCode = usesPerCode,
                };
            bool ok;
            if (First(ref r, "id"u8, 1, ref seen)) ok = String(ref r, out id);
            else if (First(ref r, "layer"u8, 2, ref seen)) ok = String(ref r, out layer);
            else if (First(ref r, "minSpend"u8, 4, ref seen)) ok = Number(ref r, out minSpend);
            else if (First(ref r, "amountOff"u8, 8, ref seen)) ok = Number(ref r, out amountOff);
            else if (First(ref r, "percentOff"u8, 16, ref seen)) ok = Number(ref r, out percentOff);
            else if (First(ref r, "maxOff"u8, 32, ref seen)) ok = Number(ref r, out maxOff);
            else if (First(ref r, "exclusive"u8, 64, ref seen)) ok = Bool(ref r, out exclusive);
            else if (First(ref r, "excludePromoted"u8, 128, ref seen)) ok = Bool(ref r, out excludePromoted);
            else if (First(ref r, "scope"u8, 256, ref seen)) ok = Object(ref r, ReadScope, out scope);
            else if (First(ref r, "window"u8, 512, ref seen)) ok = Object(ref r, ReadWindow, out window);
            else if (First(ref r, "channels"u8, 1024, ref seen)) ok = Strings(ref r, out channels);
            else if (First(ref r, "stores"u8, 2048, ref seen)) ok = Strings(ref r, out stores);
            else if (First(ref r, "minTier"u8, 4096, ref seen)) ok = String(ref r, out minTier);
            else if (First(ref r, "priority"u8, 8192, ref seen)) ok = Int32(ref r, out priority);
            else if (First(ref r, "name"u8, 16384, ref seen)) ok = String(ref r, out name);
            else if (First(ref r, "description"u8, 32768, ref seen)) ok = String(ref r, out description);
            else if (First(ref r, "funding"u8, 65536, ref seen)) ok = Funding(ref r, out funding);
            else if (First(ref r, "limits"u8, 131072, ref seen)) ok = Object(ref r, ReadLimits, out limits);
            else if (First(ref r, "usesPerCode"u8, 262144, ref seen)) ok = Integer(ref r, out usesPerCode);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static PointsDefinition? ReadPoints(ref Utf8JsonReader r)
    {
        long? pointsPerUnit = null, minPoints = null, step = null, maxPoints = null;
        decimal? maxPercent = null, earnPerUnit = null;
        ScopeDefinition? scope = null;
        FundingDefinition? funding = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new PointsDefinition
                {
                    PointsPerUnit = pointsPerUnit, MaxPercent = maxPercent, MinPoints = minPoints, Step = step, MaxPoints = maxPoints,
                    Scope = scope, EarnPerUnit = earnPerUnit, Funding = funding,
                };
            bool ok;
            if (First(ref r, "pointsPerUnit"u8, 1, ref seen)) ok = Integer(ref r, out pointsPerUnit);
            else if (First(ref r, "maxPercent"u8, 2, ref seen)) ok = Number(ref r, out maxPercent);
            else if (First(ref r, "minPoints"u8, 4, ref seen)) ok = Integer(ref r, out minPoints);
            else if (First(ref r, "step"u8, 8, ref seen)) ok = Integer(ref r, out step);
            else if (First(ref r, "maxPoints"u8, 16, ref seen)) ok = Integer(ref r, out maxPoints);
            else if (First(ref r, "scope"u8, 32, ref seen)) ok = Object(ref r, ReadScope, out scope);
            else if (First(ref r, "earnPerUnit"u8, 64, ref seen)) ok = Number(ref r, out earnPerUnit);
            else if (First(ref r, "funding"u8, 128, ref seen)) ok = Funding(ref r, out funding);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static LimitsDefinition? ReadLimits(ref Utf8JsonReader r)
    {
        long? uses = null, usesPerCustomer = null, units = null, unitsPerCustomer = null;
        decimal? budget = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject)
                return new LimitsDefinition { Uses = uses, UsesPerCustomer = usesPerCustomer, Units = units, UnitsPerCustomer = unitsPerCustomer, Budget = budget };
            bool ok;
            if (First(ref r, "uses"u8, 1, ref seen)) ok = Integer(ref r, out uses);
            else if (First(ref r, "usesPerCustomer"u8, 2, ref seen)) ok = Integer(ref r, out usesPerCustomer);
            else if (First(ref r, "units"u8, 4, ref seen)) ok = Integer(ref r, out units);
            else if (First(ref r, "unitsPerCustomer"u8, 8, ref seen)) ok = Integer(ref r, out unitsPerCustomer);
            else if (First(ref r, "budget"u8, 16, ref seen)) ok = Number(ref r, out budget);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }

    private static CouponSearchDefinition? ReadCouponSearch(ref Utf8JsonReader r)
    {
        long? maxChoices = null;
        long seen = 0;
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndObject) return new CouponSearchDefinition { MaxChoices = maxChoices };
            bool ok;
            if (First(ref r, "maxChoices"u8, 1, ref seen)) ok = Integer(ref r, out maxChoices);
            else ok = false;
            if (!ok) return null;
        }
        return null;
    }
}
