using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Validation;
using static PromoEngine.Definitions.PromotionKind;

namespace PromoEngine.Json;

/// <summary>
/// The rule-set (spec §3) and cart (spec §4) formats: one shape per JSON object, one line per property
/// (its JSON name and kind; the record property is the name with a capital). Both readers and the writer
/// are driven from here; to add a field, add the record property and its line here (then its checks to
/// the validator). Enum spellings are in <see cref="JsonNames"/>.
/// Shapes are listed before the shapes that use them.
/// </summary>
internal static class DefinitionShapes
{
    // ---- common parts --------------------------------------------------------------------------------

    public static readonly JsonShape<ScopeDefinition> Scope = new(() => new(), f =>
    [
        f.Strings("skus"),
        f.Strings("categories"),
        f.Strings("brands"),
        f.Strings("tags"),
        f.Strings("excludeSkus"),
        f.Strings("excludeCategories"),
        f.Strings("excludeBrands"),
        f.Strings("excludeTags"),
    ]);

    public static readonly JsonShape<WindowDefinition> Window = new(() => new(), f =>
    [
        f.Instant("from"),
        f.Instant("to"),
    ]);

    public static readonly JsonShape<FundingShareDefinition> FundingShare = new(() => new(), f =>
    [
        f.String("party"),
        f.Number("percent"),
    ]);

    public static readonly JsonShape<LimitsDefinition> Limits = new(() => new(), f =>
    [
        f.Integer("uses"),
        f.Integer("usesPerCustomer"),
        f.Integer("units"),
        f.Integer("unitsPerCustomer"),
        f.Number("budget"),
    ]);

    // ---- the rule set ------------------------------------------------------------------------------------

    public static readonly JsonShape<LayerDefinition> Layer = new(() => new(), f =>
    [
        f.String("id"),
        f.Int32("maxCoupons"),
    ]);

    public static readonly JsonShape<MemberPriceDefinition> MemberPrice = new(() => new(), f =>
    [
        f.String("minTier"),
        f.String("sku"),
        f.Number("price"),
        f.Number("percentOff"),
        f.Object("scope", Scope),
        f.Object("window", Window),
        f.Strings("channels"),
        f.Strings("stores"),
        f.Int32("priority"),
        f.Value("funding", FundingCodec.Instance),
    ]);

    public static readonly JsonShape<BundleComponentDefinition> BundleComponent = new(() => new(), f =>
    [
        f.Object("scope", Scope),
        f.Integer("quantity"),
    ]);

    public static readonly JsonShape<GiftDefinition> Gift = new(() => new(), f =>
    [
        f.String("sku"),
        f.Integer("quantity"),
    ]);

    public static readonly JsonShape<ThresholdTierDefinition> ThresholdTier = new(() => new(), f =>
    [
        f.Number("atLeast"),
        f.Number("amountOff"),
        f.Number("percentOff"),
        f.Number("maxOff"),
        f.Object("gift", Gift),
    ]);

    public static readonly JsonShape<RepeatDefinition> Repeat = new(() => new(), f =>
    [
        f.Number("every"),
        f.Number("amountOff"),
        f.Number("cap"),
    ]);

    /// <summary>Common fields, then each kind's (spec §3.3); the order keeps every kind's fields in the order its errors have always come.</summary>
    public static readonly JsonShape<PromotionDefinition> Promotion = new(() => new(), f =>
    [
        f.String("id"),
        f.Variant("kind", JsonNames.Kinds),
        f.Object("scope", Scope),
        f.Object("window", Window),
        f.Strings("channels"),
        f.Strings("stores"),
        f.String("minTier"),
        f.Int32("priority"),
        f.String("name"),
        f.String("description"),
        f.Value("funding", FundingCodec.Instance),
        f.Object("limits", Limits),
        f.Integer("n").Only(NthItem),
        f.Integer("buy").Only(BuyXGetY),
        f.Integer("get").Only(BuyXGetY),
        f.Objects("components", BundleComponent).Only(Bundle),
        f.Number("percentOff").Only(ItemDiscount, NthItem),
        f.Number("amountOff").Only(ItemDiscount, NthItem),
        f.Number("price").Only(SpecialPrice, NthItem, Bundle),
        f.Bool("stacksWithMemberPrice").Only(ItemDiscount),
        f.Integer("limitPerOrder").Only(SpecialPrice, NthItem, BuyXGetY, Bundle),
        f.String("layer").Only(Threshold),
        f.Enum("basis", JsonNames.Bases).Only(Threshold),
        f.Objects("tiers", ThresholdTier).Only(Threshold),
        f.Object("repeat", Repeat).Only(Threshold),
        f.Bool("excludePromoted").Only(Threshold),
        f.Enum("thresholdOn", JsonNames.ThresholdOns).Only(Threshold),
    ]);

    public static readonly JsonShape<CouponDefinition> Coupon = new(() => new(), f =>
    [
        f.String("id"),
        f.String("layer"),
        f.Number("minSpend"),
        f.Number("amountOff"),
        f.Number("percentOff"),
        f.Number("maxOff"),
        f.Bool("exclusive"),
        f.Bool("excludePromoted"),
        f.Object("scope", Scope),
        f.Object("window", Window),
        f.Strings("channels"),
        f.Strings("stores"),
        f.String("minTier"),
        f.Int32("priority"),
        f.String("name"),
        f.String("description"),
        f.Value("funding", FundingCodec.Instance),
        f.Object("limits", Limits),
        f.Integer("usesPerCode"),
    ]);

    public static readonly JsonShape<PointsDefinition> Points = new(() => new(), f =>
    [
        f.Integer("pointsPerUnit"),
        f.Number("maxPercent"),
        f.Integer("minPoints"),
        f.Integer("step"),
        f.Integer("maxPoints"),
        f.Object("scope", Scope),
        f.Number("earnPerUnit"),
        f.Value("funding", FundingCodec.Instance),
    ]);

    public static readonly JsonShape<CouponSearchDefinition> CouponSearch = new(() => new(), f =>
    [
        f.Integer("maxChoices"),
    ]);

    public static readonly JsonShape<RuleSetDefinition> RuleSet = new(() => new(), f =>
    [
        f.String("id"),
        f.String("version"),
        f.String("currency"),
        f.Int32("minorDigits"),
        f.Enum("rounding", JsonNames.Rounding),
        f.Strings("tiers"),
        f.Objects("layers", Layer),
        f.Objects("memberPrices", MemberPrice),
        f.Objects("promotions", Promotion),
        f.Objects("coupons", Coupon),
        f.Object("points", Points),
        f.String("defaultFunder"),
        f.Object("couponSearch", CouponSearch),
        f.String("$schema", property: "Schema"),
    ]);

    // ---- the cart ------------------------------------------------------------------------------------------

    public static readonly JsonShape<CustomerDefinition> Customer = new(() => new(), f =>
    [
        f.String("id"),
        f.String("tier"),
        f.Integer("points"),
    ]);

    public static readonly JsonShape<CartLineDefinition> Line = new(() => new(), f =>
    [
        f.String("id"),
        f.String("sku"),
        f.Number("unitPrice"),
        f.Integer("quantity"),
        f.Strings("categories"),
        f.String("brand"),
        f.Strings("tags"),
    ]);

    public static readonly JsonShape<CouponInstanceDefinition> CouponInstance = new(() => new(), f =>
    [
        f.String("code"),
        f.String("couponId"),
    ]);

    public static readonly JsonShape<UsageCountsDefinition> UsageCounts = new(() => new(), f =>
    [
        f.Integer("uses"),
        f.Integer("customerUses"),
        f.Integer("units"),
        f.Integer("customerUnits"),
        f.Number("spent"),
    ]);

    /// <summary>Spec §11: maps from ids and codes (any string) to what they have consumed.</summary>
    public static readonly JsonShape<UsageDefinition> Usage = new(() => new(), f =>
    [
        f.Value("promotions", new MapCodec<UsageCountsDefinition?>(new ObjectCodec<UsageCountsDefinition>(UsageCounts))),
        f.Value("coupons", new MapCodec<UsageCountsDefinition?>(new ObjectCodec<UsageCountsDefinition>(UsageCounts))),
        f.Value("codes", new MapCodec<long?>(Codecs.Integer)),
    ]);

    public static readonly JsonShape<CartDefinition> Cart = new(() => new(), f =>
    [
        f.String("currency"),
        f.String("channel"),
        f.String("storeId"),
        f.Instant("at"),
        f.Object("customer", Customer),
        f.Objects("lines", Line),
        f.Objects("coupons", CouponInstance),
        f.Value("usePoints", PointsRequestCodec.Instance),
        f.Object("usage", Usage),
        f.String("$schema", property: "Schema"),
    ]);

    /// <summary>The documents' root codecs.</summary>
    public static readonly ObjectCodec<RuleSetDefinition> RuleSetDocument = new(RuleSet);

    /// <summary>The cart document's root codec.</summary>
    public static readonly ObjectCodec<CartDefinition> CartDocument = new(Cart);
}

/// <summary><c>funding</c> (spec §10): a party id (<c>"platform"</c>), or a list of <c>{ "party", "percent" }</c> shares.</summary>
internal sealed class FundingCodec : JsonCodec<FundingDefinition?>
{
    public static readonly FundingCodec Instance = new();
    private static readonly ArrayCodec<FundingShareDefinition> Shares = new(new ObjectCodec<FundingShareDefinition>(DefinitionShapes.FundingShare));

    public override FundingDefinition? Read(JsonElement element, LazyPath path, ErrorSink errors)
    {
        if (element.ValueKind == JsonValueKind.String) return Text(element, path, errors) is { } party ? FundingDefinition.By(party) : null;
        if (element.ValueKind == JsonValueKind.Array) return new FundingDefinition { Shares = Shares.Read(element, path, errors) };
        errors.Add(path, ErrorCatalog.ExpectedFunding(Describe(element)));
        return null;
    }

    public override FundingDefinition? ReadFast(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return FundingDefinition.By(reader.GetString()!);
        return Shares.ReadFast(ref reader) is { } shares ? new FundingDefinition { Shares = shares } : null;
    }

    public override void Write(Utf8JsonWriter writer, FundingDefinition? value)
    {
        if (value!.Party is { } party) writer.WriteStringValue(party);
        else Shares.Write(writer, value.Shares ?? []);
    }
}

/// <summary><c>usePoints</c>: a whole number of points, or <c>"max"</c> (the whole balance).</summary>
internal sealed class PointsRequestCodec : JsonCodec<PointsRequest?>
{
    public static readonly PointsRequestCodec Instance = new();
    private const string Max = "max";

    public override PointsRequest? Read(JsonElement element, LazyPath path, ErrorSink errors)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            // Through Text: comparing a string that escapes a lone surrogate would throw, not report.
            string? text = Text(element, path, errors);
            if (text == Max) return PointsRequest.All;
            if (text is not null) errors.Add(path, ErrorCatalog.ExpectedPoints(Describe(element)));
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, ErrorCatalog.ExpectedPoints(Describe(element)));
            return null;
        }
        return Codecs.Integer.Read(element, path, errors) is { } points ? PointsRequest.Of(points) : null;
    }

    public override PointsRequest? ReadFast(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(Max)) return PointsRequest.All;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long points) ? PointsRequest.Of(points) : null;
    }

    public override void Write(Utf8JsonWriter writer, PointsRequest? value)
    {
        if (value!.Value.Max) writer.WriteStringValue(Max);
        else writer.WriteNumberValue(value.Value.Points);
    }
}
