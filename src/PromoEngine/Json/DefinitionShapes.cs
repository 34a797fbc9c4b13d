using System.Text.Json;
using PromoEngine.Definitions;
using PromoEngine.Validation;
using static PromoEngine.Definitions.PromotionKind;

namespace PromoEngine.Json;

/// <summary>
/// The rule-set (spec §3) and cart (spec §4) formats: one shape per JSON object, one line per property.
/// Both readers and the writer are driven from here; to add a field, add the record property and its
/// line here (then its checks to the validator). Enum spellings are in <see cref="JsonNames"/>.
/// Shapes are listed before the shapes that use them.
/// </summary>
internal static class DefinitionShapes
{
    // ---- common parts --------------------------------------------------------------------------------

    public static readonly JsonShape<ScopeDefinition> Scope = new(f =>
    [
        f.Strings("skus", x => x.Skus),
        f.Strings("categories", x => x.Categories),
        f.Strings("brands", x => x.Brands),
        f.Strings("tags", x => x.Tags),
        f.Strings("excludeSkus", x => x.ExcludeSkus),
        f.Strings("excludeCategories", x => x.ExcludeCategories),
        f.Strings("excludeBrands", x => x.ExcludeBrands),
        f.Strings("excludeTags", x => x.ExcludeTags),
    ]);

    public static readonly JsonShape<WindowDefinition> Window = new(f =>
    [
        f.Instant("from", x => x.From),
        f.Instant("to", x => x.To),
    ]);

    public static readonly JsonShape<FundingShareDefinition> FundingShare = new(f =>
    [
        f.String("party", x => x.Party),
        f.Number("percent", x => x.Percent),
    ]);

    public static readonly JsonShape<LimitsDefinition> Limits = new(f =>
    [
        f.Integer("uses", x => x.Uses),
        f.Integer("usesPerCustomer", x => x.UsesPerCustomer),
        f.Integer("units", x => x.Units),
        f.Integer("unitsPerCustomer", x => x.UnitsPerCustomer),
        f.Number("budget", x => x.Budget),
    ]);

    // ---- the rule set ------------------------------------------------------------------------------------

    public static readonly JsonShape<LayerDefinition> Layer = new(f =>
    [
        f.String("id", x => x.Id),
        f.Int32("maxCoupons", x => x.MaxCoupons),
    ]);

    public static readonly JsonShape<MemberPriceDefinition> MemberPrice = new(f =>
    [
        f.String("minTier", x => x.MinTier),
        f.String("sku", x => x.Sku),
        f.Number("price", x => x.Price),
        f.Number("percentOff", x => x.PercentOff),
        f.Object("scope", x => x.Scope, Scope),
        f.Object("window", x => x.Window, Window),
        f.Strings("channels", x => x.Channels),
        f.Strings("stores", x => x.Stores),
        f.Int32("priority", x => x.Priority),
        f.Value("funding", FundingCodec.Instance, x => x.Funding),
    ]);

    public static readonly JsonShape<BundleComponentDefinition> BundleComponent = new(f =>
    [
        f.Object("scope", x => x.Scope, Scope),
        f.Integer("quantity", x => x.Quantity),
    ]);

    public static readonly JsonShape<GiftDefinition> Gift = new(f =>
    [
        f.String("sku", x => x.Sku),
        f.Integer("quantity", x => x.Quantity),
    ]);

    public static readonly JsonShape<ThresholdTierDefinition> ThresholdTier = new(f =>
    [
        f.Number("atLeast", x => x.AtLeast),
        f.Number("amountOff", x => x.AmountOff),
        f.Number("percentOff", x => x.PercentOff),
        f.Number("maxOff", x => x.MaxOff),
        f.Object("gift", x => x.Gift, Gift),
    ]);

    public static readonly JsonShape<RepeatDefinition> Repeat = new(f =>
    [
        f.Number("every", x => x.Every),
        f.Number("amountOff", x => x.AmountOff),
        f.Number("cap", x => x.Cap),
    ]);

    /// <summary>Common fields, then each kind's (spec §3.3); the order keeps every kind's fields in the order its errors have always come.</summary>
    public static readonly JsonShape<PromotionDefinition> Promotion = new(f =>
    [
        f.String("id", x => x.Id),
        f.Variant("kind", x => x.Kind, JsonNames.Kinds),
        f.Object("scope", x => x.Scope, Scope),
        f.Object("window", x => x.Window, Window),
        f.Strings("channels", x => x.Channels),
        f.Strings("stores", x => x.Stores),
        f.String("minTier", x => x.MinTier),
        f.Int32("priority", x => x.Priority),
        f.String("name", x => x.Name),
        f.String("description", x => x.Description),
        f.Value("funding", FundingCodec.Instance, x => x.Funding),
        f.Object("limits", x => x.Limits, Limits),
        f.Integer("n", x => x.N).Only(NthItem),
        f.Integer("buy", x => x.Buy).Only(BuyXGetY),
        f.Integer("get", x => x.Get).Only(BuyXGetY),
        f.Objects("components", x => x.Components, BundleComponent).Only(Bundle),
        f.Number("percentOff", x => x.PercentOff).Only(ItemDiscount, NthItem),
        f.Number("amountOff", x => x.AmountOff).Only(ItemDiscount, NthItem),
        f.Number("price", x => x.Price).Only(SpecialPrice, NthItem, Bundle),
        f.Bool("stacksWithMemberPrice", x => x.StacksWithMemberPrice).Only(ItemDiscount),
        f.Integer("limitPerOrder", x => x.LimitPerOrder).Only(SpecialPrice, NthItem, BuyXGetY, Bundle),
        f.String("layer", x => x.Layer).Only(Threshold),
        f.Enum("basis", x => x.Basis, JsonNames.Bases).Only(Threshold),
        f.Objects("tiers", x => x.Tiers, ThresholdTier).Only(Threshold),
        f.Object("repeat", x => x.Repeat, Repeat).Only(Threshold),
        f.Bool("excludePromoted", x => x.ExcludePromoted).Only(Threshold),
        f.Enum("thresholdOn", x => x.ThresholdOn, JsonNames.ThresholdOns).Only(Threshold),
    ]);

    public static readonly JsonShape<CouponDefinition> Coupon = new(f =>
    [
        f.String("id", x => x.Id),
        f.String("layer", x => x.Layer),
        f.Number("minSpend", x => x.MinSpend),
        f.Number("amountOff", x => x.AmountOff),
        f.Number("percentOff", x => x.PercentOff),
        f.Number("maxOff", x => x.MaxOff),
        f.Bool("exclusive", x => x.Exclusive),
        f.Bool("excludePromoted", x => x.ExcludePromoted),
        f.Object("scope", x => x.Scope, Scope),
        f.Object("window", x => x.Window, Window),
        f.Strings("channels", x => x.Channels),
        f.Strings("stores", x => x.Stores),
        f.String("minTier", x => x.MinTier),
        f.Int32("priority", x => x.Priority),
        f.String("name", x => x.Name),
        f.String("description", x => x.Description),
        f.Value("funding", FundingCodec.Instance, x => x.Funding),
        f.Object("limits", x => x.Limits, Limits),
        f.Integer("usesPerCode", x => x.UsesPerCode),
    ]);

    public static readonly JsonShape<PointsDefinition> Points = new(f =>
    [
        f.Integer("pointsPerUnit", x => x.PointsPerUnit),
        f.Number("maxPercent", x => x.MaxPercent),
        f.Integer("minPoints", x => x.MinPoints),
        f.Integer("step", x => x.Step),
        f.Integer("maxPoints", x => x.MaxPoints),
        f.Object("scope", x => x.Scope, Scope),
        f.Number("earnPerUnit", x => x.EarnPerUnit),
        f.Value("funding", FundingCodec.Instance, x => x.Funding),
    ]);

    public static readonly JsonShape<CouponSearchDefinition> CouponSearch = new(f =>
    [
        f.Integer("maxChoices", x => x.MaxChoices),
    ]);

    public static readonly JsonShape<RuleSetDefinition> RuleSet = new(f =>
    [
        f.String("id", x => x.Id),
        f.String("version", x => x.Version),
        f.String("currency", x => x.Currency),
        f.Int32("minorDigits", x => x.MinorDigits),
        f.Enum("rounding", x => x.Rounding, JsonNames.Rounding),
        f.Strings("tiers", x => x.Tiers),
        f.Objects("layers", x => x.Layers, Layer),
        f.Objects("memberPrices", x => x.MemberPrices, MemberPrice),
        f.Objects("promotions", x => x.Promotions, Promotion),
        f.Objects("coupons", x => x.Coupons, Coupon),
        f.Object("points", x => x.Points, Points),
        f.String("defaultFunder", x => x.DefaultFunder),
        f.Object("couponSearch", x => x.CouponSearch, CouponSearch),
        f.String("$schema", x => x.Schema),
    ]);

    // ---- the cart ------------------------------------------------------------------------------------------

    public static readonly JsonShape<CustomerDefinition> Customer = new(f =>
    [
        f.String("id", x => x.Id),
        f.String("tier", x => x.Tier),
        f.Integer("points", x => x.Points),
    ]);

    public static readonly JsonShape<CartLineDefinition> Line = new(f =>
    [
        f.String("id", x => x.Id),
        f.String("sku", x => x.Sku),
        f.Number("unitPrice", x => x.UnitPrice),
        f.Integer("quantity", x => x.Quantity),
        f.Strings("categories", x => x.Categories),
        f.String("brand", x => x.Brand),
        f.Strings("tags", x => x.Tags),
    ]);

    public static readonly JsonShape<CouponInstanceDefinition> CouponInstance = new(f =>
    [
        f.String("code", x => x.Code),
        f.String("couponId", x => x.CouponId),
    ]);

    public static readonly JsonShape<UsageCountsDefinition> UsageCounts = new(f =>
    [
        f.Integer("uses", x => x.Uses),
        f.Integer("customerUses", x => x.CustomerUses),
        f.Integer("units", x => x.Units),
        f.Integer("customerUnits", x => x.CustomerUnits),
        f.Number("spent", x => x.Spent),
    ]);

    /// <summary>Spec §11: maps from ids and codes (any string) to what they have consumed.</summary>
    public static readonly JsonShape<UsageDefinition> Usage = new(f =>
    [
        f.Value("promotions", new MapCodec<UsageCountsDefinition?>(new ObjectCodec<UsageCountsDefinition>(UsageCounts)), x => x.Promotions),
        f.Value("coupons", new MapCodec<UsageCountsDefinition?>(new ObjectCodec<UsageCountsDefinition>(UsageCounts)), x => x.Coupons),
        f.Value("codes", new MapCodec<long?>(Codecs.Integer), x => x.Codes),
    ]);

    public static readonly JsonShape<CartDefinition> Cart = new(f =>
    [
        f.String("currency", x => x.Currency),
        f.String("channel", x => x.Channel),
        f.String("storeId", x => x.StoreId),
        f.Instant("at", x => x.At),
        f.Object("customer", x => x.Customer, Customer),
        f.Objects("lines", x => x.Lines, Line),
        f.Objects("coupons", x => x.Coupons, CouponInstance),
        f.Value("usePoints", PointsRequestCodec.Instance, x => x.UsePoints),
        f.Object("usage", x => x.Usage, Usage),
        f.String("$schema", x => x.Schema),
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
        if (element.ValueKind == JsonValueKind.String && element.ValueEquals(Max)) return PointsRequest.All;
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
