using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromoEngine.Money;

namespace PromoEngine.Results;

/// <summary>Writes a <see cref="PricingResult"/> as the JSON of spec §6 (money in major units, fixed digits).</summary>
public static class ResultJson
{
    // The writer's structure checks are skipped: this one method writes a fixed shape, and the tests
    // parse what it writes.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true, SkipValidation = true };

    /// <summary>The result as a JSON string; one line unless <paramref name="indented"/>.</summary>
    public static string Write(PricingResult result, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WriteString(new RecordSource(result), indented);
    }

    /// <summary>Writes the result as UTF-8 JSON to <paramref name="output"/>.</summary>
    public static void Write(PricingResult result, IBufferWriter<byte> output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, indented ? Indented : Compact);
        Write(new RecordSource(result), w);
    }

    /// <summary>The result a buffer holds as a JSON string, written straight from the buffer (no records are made).</summary>
    public static string Write(PricingResultBuffer result, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WriteString(new PricingResultBuffer.Source(result), indented);
    }

    /// <summary>Writes the result a buffer holds as UTF-8 JSON to <paramref name="output"/>, straight from the buffer.</summary>
    public static void Write(PricingResultBuffer result, IBufferWriter<byte> output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, indented ? Indented : Compact);
        Write(new PricingResultBuffer.Source(result), w);
    }

    // One output buffer and one writer of each kind per thread: a result is written, turned into a
    // string and the buffer cleared, so the writing itself allocates nothing once warm.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;
    [ThreadStatic] private static Utf8JsonWriter? t_compact, t_indented;

    private static string WriteString<T>(T source, bool indented) where T : struct, IResultSource
    {
        var output = t_output ??= new ArrayBufferWriter<byte>(16 * 1024);
        output.ResetWrittenCount();
        var w = indented ? t_indented ??= new Utf8JsonWriter(output, Indented) : t_compact ??= new Utf8JsonWriter(output, Compact);
        w.Reset(output);
        Write(source, w);
        w.Flush();
        string json = Encoding.UTF8.GetString(output.WrittenSpan);
        if (output.Capacity > MaxKeptBuffer) t_output = null; // one huge result does not keep its buffer for ever
        return json;
    }

    private const int MaxKeptBuffer = 1024 * 1024;

    // Indexed loops over the source: the one writer of results, for records and for buffers alike.
    private static void Write<T>(T r, Utf8JsonWriter w) where T : struct, IResultSource
    {
        int d = r.MinorDigits;
        w.WriteStartObject();
        w.WriteStartObject(Names.RuleSet);
        w.WriteString(Names.Id, r.RuleSetId);
        w.WriteString(Names.Version, r.RuleSetVersion);
        w.WriteEndObject();
        w.WriteString(Names.Currency, r.Currency);
        Money(w, Names.Subtotal, r.Subtotal, d);
        Money(w, Names.Discount, r.Discount, d);
        Money(w, Names.Total, r.Total, d);
        w.WriteStartObject(Names.Points);
        w.WriteNumber(Names.Used, r.PointsUsed);
        Money(w, Names.Value, r.PointsValue, d);
        w.WriteNumber(Names.Earned, r.PointsEarned);
        w.WriteEndObject();
        Money(w, Names.Payable, r.Payable, d);

        w.WriteStartArray(Names.Lines);
        for (int li = 0, lines = r.LineCount; li < lines; li++)
        {
            var line = r.Line(li);
            w.WriteStartObject();
            w.WriteString(Names.Id, line.Id);
            w.WriteString(Names.Sku, line.Sku);
            w.WriteNumber(Names.Quantity, line.Quantity);
            Money(w, Names.ListAmount, line.ListAmount, d);
            w.WriteStartArray(Names.Adjustments);
            for (int ai = 0, adjustments = r.AdjustmentCount(li); ai < adjustments; ai++)
            {
                var a = r.Adjustment(li, ai);
                w.WriteStartObject();
                w.WriteString(Names.Source, a.Source);
                w.WriteString(Names.Stage, EncodedStages[(int)a.Stage]);
                Money(w, Names.Amount, a.Amount, d);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Money(w, Names.Amount, line.Amount, d);
            w.WriteNumber(Names.PointsUsed, line.PointsUsed);
            Money(w, Names.PointsValue, line.PointsValue, d);
            Money(w, Names.Payable, line.Payable, d);
            w.WriteStartArray(Names.Funding);
            for (int k = 0, funding = r.LineFundingCount(li); k < funding; k++) Funding(w, r.LineFunding(li, k), d);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray(Names.Applied);
        for (int pi = 0, applied = r.AppliedCount; pi < applied; pi++)
        {
            var a = r.Applied(pi);
            w.WriteStartObject();
            w.WriteString(Names.Id, a.Id);
            if (a.Name is not null) w.WriteString(Names.Name, a.Name);
            w.WriteString(Names.Stage, EncodedStages[(int)a.Stage]);
            if (a.Layer is not null) w.WriteString(Names.Layer, a.Layer);
            Money(w, Names.Amount, a.Amount, d);
            w.WriteStartArray(Names.Lines);
            for (int k = 0; k < a.LineCount; k++) w.WriteStringValue(r.AppliedLine(pi, k));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray(Names.Coupons);
        for (int ci = 0, coupons = r.CouponCount; ci < coupons; ci++)
        {
            var c = r.Coupon(ci);
            w.WriteStartObject();
            w.WriteString(Names.Code, c.Code);
            w.WriteString(Names.CouponId, c.CouponId);
            if (c.Name is not null) w.WriteString(Names.Name, c.Name);
            w.WriteString(Names.Status, c.Reason is null ? Names.AppliedValue : Names.RejectedValue);
            if (c.Reason is { } reason) w.WriteString(Names.Reason, EncodedReasons[(int)reason]);
            else Money(w, Names.Amount, c.Amount, d);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray(Names.Gifts);
        for (int gi = 0, gifts = r.GiftCount; gi < gifts; gi++) Gift(w, r.Gift(gi), withPromotion: true);
        w.WriteEndArray();

        w.WriteStartArray(Names.Hints);
        for (int hi = 0, hints = r.HintCount; hi < hints; hi++)
        {
            var h = r.Hint(hi);
            w.WriteStartObject();
            w.WriteString(Names.Source, h.Source);
            if (h.Name is not null) w.WriteString(Names.Name, h.Name);
            if (h.IsQuantity) w.WriteNumber(Names.Shortfall, h.Shortfall);
            else Money(w, Names.Shortfall, h.Shortfall, d);
            if (h.Saving is { } saving) Money(w, Names.Saving, saving, d);
            if (h.Gift is { } gift)
            {
                w.WritePropertyName(Names.Gift);
                Gift(w, gift, withPromotion: false);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // §10: who funds the discounts, always present.
        w.WriteStartArray(Names.Funding);
        for (int k = 0, funding = r.FundingCount; k < funding; k++) Funding(w, r.Funding(k), d);
        w.WriteEndArray();

        // §11, §14: what committing the order consumes, always present and complete.
        w.WriteStartObject(Names.Usage);
        w.WriteStartObject(Names.Promotions);
        for (int k = 0, count = r.UsagePromotionCount; k < count; k++)
        {
            var p = r.UsagePromotion(k);
            w.WriteStartObject(p.Id);
            w.WriteNumber(Names.Uses, p.Uses);
            if (p.Units is { } units) w.WriteNumber(Names.Units, units);
            Money(w, Names.Spent, p.Spent, d);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject(Names.Coupons);
        for (int k = 0, count = r.UsageCouponCount; k < count; k++)
        {
            var c = r.UsageCoupon(k);
            w.WriteStartObject(c.CouponId);
            w.WriteNumber(Names.Uses, c.Uses);
            Money(w, Names.Spent, c.Spent, d);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray(Names.Codes);
        for (int k = 0, count = r.UsageCodeCount; k < count; k++) w.WriteStringValue(r.UsageCode(k));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString(Names.CouponChoice, r.CouponChoice == CouponChoice.Exact ? Names.ExactValue : Names.BoundedValue);
        w.WriteEndObject();
    }

    private static void Funding(Utf8JsonWriter w, ResultFunding funding, int d)
    {
        w.WriteStartObject();
        w.WriteString(Names.Party, funding.Party);
        Money(w, Names.Amount, funding.Amount, d);
        w.WriteEndObject();
    }

    /// <summary>The JSON name of a stage.</summary>
    public static string StageName(PricingStage stage) => stage switch
    {
        PricingStage.Item => "item",
        PricingStage.Multibuy => "multibuy",
        PricingStage.Threshold => "threshold",
        _ => "coupon",
    };

    /// <summary>The JSON name of a coupon reason.</summary>
    public static string ReasonName(CouponReason reason) => reason switch
    {
        CouponReason.UnknownCoupon => "unknownCoupon",
        CouponReason.DuplicateCode => "duplicateCode",
        CouponReason.NotActive => "notActive",
        CouponReason.ChannelNotAllowed => "channelNotAllowed",
        CouponReason.StoreNotAllowed => "storeNotAllowed",
        CouponReason.TierNotAllowed => "tierNotAllowed",
        CouponReason.MinSpendNotMet => "minSpendNotMet",
        CouponReason.NoEligibleItems => "noEligibleItems",
        CouponReason.NotInBestCombination => "notInBestCombination",
        CouponReason.CodeUsed => "codeUsed",
        CouponReason.LimitReached => "limitReached",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    private static void Gift(Utf8JsonWriter w, GiftResult g, bool withPromotion)
    {
        w.WriteStartObject();
        if (withPromotion) w.WriteString(Names.PromotionId, g.PromotionId);
        w.WriteString(Names.Sku, g.Sku);
        w.WriteNumber(Names.Quantity, g.Quantity);
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes minor units as a major-unit number with exactly <paramref name="digits"/> decimals ("268.00"):
    /// the digits are laid out directly, the text a decimal with that scale prints, without the cost of
    /// formatting a decimal.
    /// </summary>
    private static void Money(Utf8JsonWriter w, JsonEncodedText name, long minor, int digits)
    {
        Span<byte> text = stackalloc byte[48];
        int at = text.Length;
        bool negative = minor < 0;
        ulong magnitude = negative ? (ulong)(-(minor + 1)) + 1UL : (ulong)minor;
        for (int k = 0; k < digits; k++)
        {
            text[--at] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        if (digits > 0) text[--at] = (byte)'.';
        do
        {
            text[--at] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);
        if (negative) text[--at] = (byte)'-';
        w.WritePropertyName(name);
        w.WriteRawValue(text[at..], skipInputValidation: true);
    }

    // The enum names above, encoded once, indexed by value.
    private static readonly JsonEncodedText[] EncodedStages =
        Enum.GetValues<PricingStage>().Select(s => JsonEncodedText.Encode(StageName(s))).ToArray();

    private static readonly JsonEncodedText[] EncodedReasons =
        Enum.GetValues<CouponReason>().Select(r => JsonEncodedText.Encode(ReasonName(r))).ToArray();

    /// <summary>Property names and fixed values, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText RuleSet = JsonEncodedText.Encode("ruleSet");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
        public static readonly JsonEncodedText Subtotal = JsonEncodedText.Encode("subtotal");
        public static readonly JsonEncodedText Discount = JsonEncodedText.Encode("discount");
        public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText Points = JsonEncodedText.Encode("points");
        public static readonly JsonEncodedText Used = JsonEncodedText.Encode("used");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Earned = JsonEncodedText.Encode("earned");
        public static readonly JsonEncodedText Payable = JsonEncodedText.Encode("payable");
        public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
        public static readonly JsonEncodedText Sku = JsonEncodedText.Encode("sku");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText ListAmount = JsonEncodedText.Encode("listAmount");
        public static readonly JsonEncodedText Adjustments = JsonEncodedText.Encode("adjustments");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
        public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
        public static readonly JsonEncodedText PointsUsed = JsonEncodedText.Encode("pointsUsed");
        public static readonly JsonEncodedText PointsValue = JsonEncodedText.Encode("pointsValue");
        public static readonly JsonEncodedText Applied = JsonEncodedText.Encode("applied");
        public static readonly JsonEncodedText Layer = JsonEncodedText.Encode("layer");
        public static readonly JsonEncodedText Coupons = JsonEncodedText.Encode("coupons");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText CouponId = JsonEncodedText.Encode("couponId");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText Gifts = JsonEncodedText.Encode("gifts");
        public static readonly JsonEncodedText Hints = JsonEncodedText.Encode("hints");
        public static readonly JsonEncodedText Shortfall = JsonEncodedText.Encode("shortfall");
        public static readonly JsonEncodedText Saving = JsonEncodedText.Encode("saving");
        public static readonly JsonEncodedText Gift = JsonEncodedText.Encode("gift");
        public static readonly JsonEncodedText PromotionId = JsonEncodedText.Encode("promotionId");
        public static readonly JsonEncodedText AppliedValue = JsonEncodedText.Encode("applied");
        public static readonly JsonEncodedText RejectedValue = JsonEncodedText.Encode("rejected");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Funding = JsonEncodedText.Encode("funding");
        public static readonly JsonEncodedText Party = JsonEncodedText.Encode("party");
        public static readonly JsonEncodedText Usage = JsonEncodedText.Encode("usage");
        public static readonly JsonEncodedText Promotions = JsonEncodedText.Encode("promotions");
        public static readonly JsonEncodedText Uses = JsonEncodedText.Encode("uses");
        public static readonly JsonEncodedText Units = JsonEncodedText.Encode("units");
        public static readonly JsonEncodedText Spent = JsonEncodedText.Encode("spent");
        public static readonly JsonEncodedText Codes = JsonEncodedText.Encode("codes");
        public static readonly JsonEncodedText CouponChoice = JsonEncodedText.Encode("couponChoice");
        public static readonly JsonEncodedText ExactValue = JsonEncodedText.Encode("exact");
        public static readonly JsonEncodedText BoundedValue = JsonEncodedText.Encode("bounded");
    }
}
