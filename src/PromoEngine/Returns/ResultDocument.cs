using System.Globalization;
using System.Text.Json;
using PromoEngine.Money;
using PromoEngine.Validation;

namespace PromoEngine.Returns;

/// <summary>
/// Reads a result document (spec §6 with §10's <c>funding</c> and §11's <c>usage</c>) into a
/// <see cref="PricingResult"/>, the input of a return. Money is read with the currency's minor digits
/// (the §1 table; for other codes the digits its money values are written with, §14). The document is
/// read strictly (types, required and unknown properties) and then checked with
/// <see cref="ReturnPricing.CheckResult"/>; every error is reported at <c>$</c> of document
/// <c>result</c>, the place inside the result named in the message.
/// </summary>
public static class ResultDocument
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    // Keys whose numbers are money: they decide the digits of a currency the §1 table does not know.
    private static readonly HashSet<string> MoneyKeys = new(StringComparer.Ordinal)
    {
        "subtotal", "discount", "total", "payable", "value", "listAmount", "amount", "pointsValue", "spent", "saving", "shortfall",
    };

    private static readonly Dictionary<string, PricingStage> Stages = Enum.GetValues<PricingStage>()
        .ToDictionary(s => Results.ResultJson.StageName(s), s => s, StringComparer.Ordinal);

    private static readonly Dictionary<string, CouponReason> Reasons = Enum.GetValues<CouponReason>()
        .ToDictionary(r => Results.ResultJson.ReasonName(r), r => r, StringComparer.Ordinal);

    /// <summary>Reads and checks a result document.</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed, is not a v2 result, or its invariants do not hold (all at <c>$</c>).</exception>
    public static PricingResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var problem = ErrorCatalog.MalformedJson(e.Message);
            throw new PromoValidationException([new ValidationError(ReturnPricing.ResultDocument, "$", problem.Message, problem.Code)]);
        }
        using (document) return Read(document.RootElement);
    }

    /// <summary>Reads and checks a result document already parsed.</summary>
    /// <exception cref="PromoValidationException">It is not a v2 result, or its invariants do not hold (all at <c>$</c>).</exception>
    public static PricingResult Read(JsonElement element)
    {
        var errors = new DocumentErrors(ReturnPricing.ResultDocument, everythingAtRoot: true);
        var result = Read(element, errors, out bool fundingMissing);
        // The invariants are checked whenever the numbers could be read, so one look finds every problem;
        // those of funding only when there is funding to check.
        if (result is not null) ResultChecks.Check(result, errors, checkFunding: !fundingMissing);
        if (errors.HasErrors) throw new PromoValidationException(errors.Errors.ToArray());
        return result!;
    }

    private static PricingResult? Read(JsonElement element, DocumentErrors errors, out bool fundingMissing)
    {
        fundingMissing = false;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", ReturnErrors.NotAResult(JsonFields.Describe(element)));
            return null;
        }
        // The currency decides how money is read, so it is looked at before anything else.
        string? currencyCode = element.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String && JsonFields.TryText(c, out string code) ? code : null;
        int digits = 0;
        if (!string.IsNullOrEmpty(currencyCode) && !Currencies.TryGetMinorDigits(currencyCode, out digits))
        {
            digits = WrittenDigits(element);
            if (digits > Currencies.MaxMinorDigits)
            {
                errors.Add("$", ReturnErrors.WrittenDigits(currencyCode, digits, Currencies.MaxMinorDigits));
                digits = Currencies.MaxMinorDigits;
            }
        }
        var top = JsonFields.Open(element, "$", errors, digits, currencyCode ?? "")!;
        string? currency = top.String("currency");

        var ruleSet = top.Object("ruleSet");
        string? ruleSetId = ruleSet?.String("id");
        string? ruleSetVersion = ruleSet?.String("version");
        ruleSet?.Finish();
        long? subtotal = top.Money("subtotal"), discount = top.Money("discount"), total = top.Money("total");
        var points = top.Object("points");
        long? used = points?.Integer("used", 0), value = points?.Money("value"), earned = points?.Integer("earned", 0);
        points?.Finish();
        long? payable = top.Money("payable");

        bool lineFundingMissing = false;
        var lines = ReadList(top, "lines", f => ReadLine(f, () => lineFundingMissing = true));
        var applied = ReadList(top, "applied", ReadApplied);
        var coupons = ReadList(top, "coupons", ReadCoupon);
        var gifts = ReadList(top, "gifts", f => ReadGift(f, withPromotion: true));
        var hints = ReadList(top, "hints", ReadHint);

        IReadOnlyList<FundingAmount>? funding = [];
        if (top.TryGet("funding", required: false, out _)) funding = ReadFunding(top);
        else
        {
            top.ErrorAt("funding", ReturnErrors.V1Result("funding (spec §10) and usage (§11)"));
            fundingMissing = true;
        }
        UsageResult? usage = UsageResult.Empty;
        if (top.TryGet("usage", required: false, out _)) usage = ReadUsage(top);
        else top.ErrorAt("usage", ReturnErrors.V1Result("funding (spec §10) and usage (§11)"));

        CouponChoice choice = CouponChoice.Exact;
        if (top.String("couponChoice", required: false) is { } choiceText)
        {
            if (choiceText == "bounded") choice = CouponChoice.Bounded;
            else if (choiceText != "exact") errors.Add(top.PathOf("couponChoice"), ErrorCatalog.UnknownValue(choiceText, ["exact", "bounded"]));
        }
        top.Finish();

        fundingMissing |= lineFundingMissing;
        if (ruleSetId is null || ruleSetVersion is null || currency is null || subtotal is null || discount is null || total is null
            || used is null || value is null || earned is null || payable is null || lines is null || applied is null || coupons is null
            || gifts is null || hints is null || funding is null || usage is null) return null;
        return new PricingResult
        {
            RuleSet = new RuleSetRef(ruleSetId!, ruleSetVersion!),
            Currency = currency!,
            MinorDigits = digits,
            Subtotal = subtotal!.Value,
            Discount = discount!.Value,
            Total = total!.Value,
            Points = new PointsResult(used!.Value, value!.Value, earned!.Value),
            Payable = payable!.Value,
            Lines = lines!,
            Applied = applied!,
            Coupons = coupons!,
            Gifts = gifts!,
            Hints = hints!,
            Funding = funding!,
            Usage = usage!,
            CouponChoice = choice,
        };
    }

    private static IReadOnlyList<T>? ReadList<T>(JsonFields parent, string name, Func<JsonFields, T?> read) where T : class
    {
        var items = parent.Array(name);
        if (items is null) return null;
        var list = new T[items.Length];
        bool complete = true;
        for (int i = 0; i < items.Length; i++)
        {
            var fields = parent.Child(items[i], $"{parent.PathOf(name)}[{i}]");
            T? item = fields is null ? null : read(fields);
            fields?.Finish();
            if (item is null) complete = false;
            else list[i] = item;
        }
        return complete ? list : null;
    }

    private static LineResult? ReadLine(JsonFields f, Action fundingMissing)
    {
        string? id = f.String("id"), sku = f.String("sku");
        long? quantity = f.Integer("quantity", 1), listAmount = f.Money("listAmount");
        var adjustments = ReadList(f, "adjustments", a =>
        {
            string? source = a.String("source");
            PricingStage? stage = ReadStage(a);
            long? amount = a.Money("amount");
            return source is null || stage is null || amount is null ? null : new Adjustment(source, stage.Value, amount.Value);
        });
        long? amount = f.Money("amount"), pointsUsed = f.Integer("pointsUsed", 0), pointsValue = f.Money("pointsValue"), payable = f.Money("payable");
        IReadOnlyList<FundingAmount>? funding = [];
        if (f.TryGet("funding", required: false, out _))
        {
            funding = ReadFunding(f);
        }
        else
        {
            f.ErrorAt("funding", ReturnErrors.V1Result("funding (spec §10)"));
            fundingMissing();
        }
        if (id is null || sku is null || quantity is null || listAmount is null || adjustments is null || amount is null
            || pointsUsed is null || pointsValue is null || payable is null || funding is null) return null;
        return new LineResult
        {
            Id = id, Sku = sku, Quantity = quantity.Value, ListAmount = listAmount.Value, Adjustments = adjustments,
            Amount = amount.Value, PointsUsed = pointsUsed.Value, PointsValue = pointsValue.Value, Payable = payable.Value, Funding = funding,
        };
    }

    private static IReadOnlyList<FundingAmount>? ReadFunding(JsonFields parent) =>
        ReadList(parent, "funding", p =>
        {
            string? party = p.String("party");
            long? amount = p.Money("amount");
            return party is null || amount is null ? null : new FundingAmount(party, amount.Value);
        });

    private static AppliedPromotion? ReadApplied(JsonFields f)
    {
        string? id = f.String("id");
        PricingStage? stage = ReadStage(f);
        string? layer = f.String("layer", required: false);
        long? amount = f.Money("amount");
        var lines = f.Strings("lines");
        string? name = f.String("name", required: false);
        if (id is null || stage is null || amount is null || lines is null || lines.Any(l => l is null)) return null;
        return new AppliedPromotion(id, stage.Value, layer, amount.Value, lines!) { Name = name };
    }

    private static CouponResult? ReadCoupon(JsonFields f)
    {
        string? code = f.String("code"), couponId = f.String("couponId"), status = f.String("status");
        string? name = f.String("name", required: false);
        switch (status)
        {
            case "applied":
                long? amount = f.Money("amount");
                if (f.TryGet("reason", required: false, out _)) f.ErrorAt("reason", new Problem(ErrorCodes.Conflicting, "an applied coupon has no reason"));
                return code is null || couponId is null || amount is null ? null : new CouponResult(code, couponId, true, amount.Value, null) { Name = name };
            case "rejected":
                string? reasonText = f.String("reason");
                if (f.TryGet("amount", required: false, out _)) f.ErrorAt("amount", new Problem(ErrorCodes.Conflicting, "a rejected coupon has no amount"));
                CouponReason? reason = null;
                if (reasonText is not null)
                {
                    if (Reasons.TryGetValue(reasonText, out var known)) reason = known;
                    else f.ErrorAt("reason", ErrorCatalog.UnknownValue(reasonText, Reasons.Keys));
                }
                return code is null || couponId is null || reason is null ? null : new CouponResult(code, couponId, false, 0, reason) { Name = name };
            case null:
                f.TryGet("amount", required: false, out _);
                f.TryGet("reason", required: false, out _);
                return null;
            default:
                f.ErrorAt("status", ErrorCatalog.UnknownValue(status, ["applied", "rejected"]));
                f.TryGet("amount", required: false, out _);
                f.TryGet("reason", required: false, out _);
                return null;
        }
    }

    private static GiftResult? ReadGift(JsonFields f, bool withPromotion)
    {
        string? promotionId = withPromotion ? f.String("promotionId") : "";
        string? sku = f.String("sku");
        long? quantity = f.Integer("quantity", 1);
        return promotionId is null || sku is null || quantity is null ? null : new GiftResult(promotionId, sku, quantity.Value);
    }

    private static HintResult? ReadHint(JsonFields f)
    {
        string? source = f.String("source");
        // An amount basis always carries `saving` (spec §6, §9); a quantity basis never does and counts units.
        bool hasSaving = f.TryGet("saving", required: false, out _);
        long? saving = hasSaving ? f.Money("saving", signed: true) : null; // a gift's hint reports its saving even when negative (§9)
        long? shortfall = hasSaving ? f.Money("shortfall") : f.Integer("shortfall", 0);
        GiftResult? gift = null;
        bool giftBroken = false;
        if (f.Object("gift", required: false) is { } g)
        {
            gift = ReadGift(g, withPromotion: false);
            g.Finish();
            giftBroken = gift is null;
        }
        string? name = f.String("name", required: false);
        if (source is null || shortfall is null || (hasSaving && saving is null) || giftBroken) return null;
        return new HintResult(source, shortfall.Value, !hasSaving, saving, gift) { Name = name };
    }

    private static UsageResult? ReadUsage(JsonFields parent)
    {
        var usage = parent.Object("usage");
        if (usage is null) return null;
        var promotions = ReadMap(usage, "promotions", (id, f) =>
        {
            long? uses = f.Integer("uses", 0);
            bool hasUnits = f.TryGet("units", required: false, out _);
            long? units = hasUnits ? f.Integer("units", 0) : null;
            long? spent = f.Money("spent");
            return uses is null || spent is null || (hasUnits && units is null) ? null : new PromotionUsage(id, uses.Value, units, spent.Value);
        });
        var coupons = ReadMap(usage, "coupons", (id, f) =>
        {
            long? uses = f.Integer("uses", 0);
            long? spent = f.Money("spent");
            return uses is null || spent is null ? null : new CouponUsage(id, uses.Value, spent.Value);
        });
        var codes = usage.Strings("codes");
        usage.Finish();
        if (promotions is null || coupons is null || codes is null || codes.Any(c => c is null)) return null;
        return new UsageResult(promotions, coupons, codes!);
    }

    private static IReadOnlyList<T>? ReadMap<T>(JsonFields parent, string name, Func<string, JsonFields, T?> read) where T : class
    {
        var map = parent.Object(name);
        if (map is null) return null;
        var list = new List<T>();
        bool complete = true;
        foreach (var (id, value) in map.Entries())
        {
            var fields = map.Child(value, map.PathOf(id));
            T? item = fields is null ? null : read(id, fields);
            fields?.Finish();
            if (item is null) complete = false;
            else list.Add(item);
        }
        return complete ? list : null;
    }

    private static PricingStage? ReadStage(JsonFields f)
    {
        string? text = f.String("stage");
        if (text is null) return null;
        if (Stages.TryGetValue(text, out var stage)) return stage;
        f.ErrorAt("stage", ErrorCatalog.UnknownValue(text, Stages.Keys));
        return null;
    }

    /// <summary>The most decimals any money value of the document is written with.</summary>
    private static int WrittenDigits(JsonElement element)
    {
        int digits = 0;
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.Number && JsonFields.TryName(property, out string name) && MoneyKeys.Contains(name))
                        {
                            if (decimal.TryParse(property.Value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
                                digits = Math.Max(digits, number.Scale);
                        }
                        else
                        {
                            Walk(property.Value);
                        }
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray()) Walk(item);
                    break;
            }
        }
        Walk(element);
        return digits;
    }
}
