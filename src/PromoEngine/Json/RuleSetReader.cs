using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Validation;

namespace PromoEngine.Json;

/// <summary>Reads a rule set document into a <see cref="RuleSetDefinition"/>, recording every structural error.</summary>
internal static class RuleSetReader
{
    public static RuleSetDefinition? Read(JsonElement root, ErrorSink errors)
    {
        var r = ObjectReader.Open(root, LazyPath.Root, errors);
        if (r is null) return null;
        var definition = new RuleSetDefinition
        {
            Id = r.String("id"),
            Version = r.String("version"),
            Currency = r.String("currency"),
            MinorDigits = r.Int32("minorDigits"),
            Rounding = r.Enum("rounding", JsonNames.Rounding),
            Tiers = r.Strings("tiers"),
            Layers = r.Objects("layers", static l => new LayerDefinition { Id = l.String("id"), MaxCoupons = l.Int32("maxCoupons") }),
            MemberPrices = r.Objects("memberPrices", ReadMemberPrice),
            Promotions = r.Objects("promotions", ReadPromotion),
            Coupons = r.Objects("coupons", ReadCoupon),
            Points = r.Object("points", ReadPoints),
            DefaultFunder = r.String("defaultFunder"),
            CouponSearch = r.Object("couponSearch", static s => new CouponSearchDefinition { MaxChoices = s.Integer("maxChoices") }),
            Schema = r.String("$schema"),
        };
        r.Finish();
        return definition;
    }

    internal static ScopeDefinition ReadScope(ObjectReader r) => new()
    {
        Skus = r.Strings("skus"),
        Categories = r.Strings("categories"),
        Brands = r.Strings("brands"),
        Tags = r.Strings("tags"),
        ExcludeSkus = r.Strings("excludeSkus"),
        ExcludeCategories = r.Strings("excludeCategories"),
        ExcludeBrands = r.Strings("excludeBrands"),
        ExcludeTags = r.Strings("excludeTags"),
    };

    private static WindowDefinition ReadWindow(ObjectReader r) => new() { From = r.Instant("from"), To = r.Instant("to") };

    private static MemberPriceDefinition ReadMemberPrice(ObjectReader r) => new()
    {
        MinTier = r.String("minTier"),
        Sku = r.String("sku"),
        Price = r.Number("price"),
        PercentOff = r.Number("percentOff"),
        Scope = r.Object("scope", ReadScope),
        Window = r.Object("window", ReadWindow),
        Channels = r.Strings("channels"),
        Stores = r.Strings("stores"),
        Priority = r.Int32("priority"),
        Funding = r.Funding("funding"),
    };

    private static PromotionDefinition ReadPromotion(ObjectReader r)
    {
        PromotionKind? kind = null;
        if (r.TryGet("kind", out _)) kind = r.Enum("kind", JsonNames.Kinds);
        else r.Errors.Add(r.PathOf("kind"), "kind is required: one of " + string.Join(", ", JsonNames.Kinds.Keys));
        var common = new PromotionDefinition
        {
            Id = r.String("id"),
            Kind = kind,
            Scope = r.Object("scope", ReadScope),
            Window = r.Object("window", ReadWindow),
            Channels = r.Strings("channels"),
            Stores = r.Strings("stores"),
            MinTier = r.String("minTier"),
            Priority = r.Int32("priority"),
            Name = r.String("name"),
            Description = r.String("description"),
            Funding = r.Funding("funding"),
            Limits = r.Object("limits", ReadLimits),
        };
        switch (kind)
        {
            case PromotionKind.SpecialPrice:
                return common with { Price = r.Number("price"), LimitPerOrder = r.Integer("limitPerOrder") };
            case PromotionKind.ItemDiscount:
                return common with
                {
                    PercentOff = r.Number("percentOff"), AmountOff = r.Number("amountOff"),
                    StacksWithMemberPrice = r.Bool("stacksWithMemberPrice"),
                };
            case PromotionKind.NthItem:
                return common with
                {
                    N = r.Integer("n"), PercentOff = r.Number("percentOff"), AmountOff = r.Number("amountOff"),
                    Price = r.Number("price"), LimitPerOrder = r.Integer("limitPerOrder"),
                };
            case PromotionKind.BuyXGetY:
                return common with { Buy = r.Integer("buy"), Get = r.Integer("get"), LimitPerOrder = r.Integer("limitPerOrder") };
            case PromotionKind.Bundle:
                return common with
                {
                    Components = r.Objects("components", static c => new BundleComponentDefinition
                    {
                        Scope = c.Object("scope", ReadScope), Quantity = c.Integer("quantity"),
                    }),
                    Price = r.Number("price"), LimitPerOrder = r.Integer("limitPerOrder"),
                };
            case PromotionKind.Threshold:
                return common with
                {
                    Layer = r.String("layer"),
                    Basis = r.Enum("basis", JsonNames.Bases),
                    Tiers = r.Objects("tiers", ReadTier),
                    Repeat = r.Object("repeat", static p => new RepeatDefinition
                    {
                        Every = p.Number("every"), AmountOff = p.Number("amountOff"), Cap = p.Number("cap"),
                    }),
                    ExcludePromoted = r.Bool("excludePromoted"),
                    ThresholdOn = r.Enum("thresholdOn", JsonNames.ThresholdOns),
                };
            default:
                r.SkipRest(); // with no valid kind, which fields belong is unknown: the kind error says it all
                return common;
        }
    }

    private static ThresholdTierDefinition ReadTier(ObjectReader r) => new()
    {
        AtLeast = r.Number("atLeast"),
        AmountOff = r.Number("amountOff"),
        PercentOff = r.Number("percentOff"),
        MaxOff = r.Number("maxOff"),
        Gift = r.Object("gift", static g => new GiftDefinition { Sku = g.String("sku"), Quantity = g.Integer("quantity") }),
    };

    private static CouponDefinition ReadCoupon(ObjectReader r) => new()
    {
        Id = r.String("id"),
        Layer = r.String("layer"),
        MinSpend = r.Number("minSpend"),
        AmountOff = r.Number("amountOff"),
        PercentOff = r.Number("percentOff"),
        MaxOff = r.Number("maxOff"),
        Exclusive = r.Bool("exclusive"),
        ExcludePromoted = r.Bool("excludePromoted"),
        Scope = r.Object("scope", ReadScope),
        Window = r.Object("window", ReadWindow),
        Channels = r.Strings("channels"),
        Stores = r.Strings("stores"),
        MinTier = r.String("minTier"),
        Priority = r.Int32("priority"),
        Name = r.String("name"),
        Description = r.String("description"),
        Funding = r.Funding("funding"),
        Limits = r.Object("limits", ReadLimits),
        UsesPerCode = r.Integer("usesPerCode"),
    };

    private static LimitsDefinition ReadLimits(ObjectReader r) => new()
    {
        Uses = r.Integer("uses"),
        UsesPerCustomer = r.Integer("usesPerCustomer"),
        Units = r.Integer("units"),
        UnitsPerCustomer = r.Integer("unitsPerCustomer"),
        Budget = r.Number("budget"),
    };

    private static PointsDefinition ReadPoints(ObjectReader r) => new()
    {
        PointsPerUnit = r.Integer("pointsPerUnit"),
        MaxPercent = r.Number("maxPercent"),
        MinPoints = r.Integer("minPoints"),
        Step = r.Integer("step"),
        MaxPoints = r.Integer("maxPoints"),
        Scope = r.Object("scope", ReadScope),
        EarnPerUnit = r.Number("earnPerUnit"),
        Funding = r.Funding("funding"),
    };
}
