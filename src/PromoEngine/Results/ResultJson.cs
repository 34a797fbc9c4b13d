using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromoEngine.Money;

namespace PromoEngine.Results;

/// <summary>Writes a <see cref="PricingResult"/> as the JSON of spec §6 (money in major units, fixed digits).</summary>
public static class ResultJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The result as a JSON string; one line unless <paramref name="indented"/>.</summary>
    public static string Write(PricingResult result, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(result, buffer, indented);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the result as UTF-8 JSON to <paramref name="output"/>.</summary>
    public static void Write(PricingResult result, IBufferWriter<byte> output, bool indented = false)
    {
        using var w = new Utf8JsonWriter(output, indented ? Indented : Compact);
        int d = result.MinorDigits;
        w.WriteStartObject();
        w.WriteStartObject("ruleSet");
        w.WriteString("id", result.RuleSet.Id);
        w.WriteString("version", result.RuleSet.Version);
        w.WriteEndObject();
        w.WriteString("currency", result.Currency);
        Money(w, "subtotal", result.Subtotal, d);
        Money(w, "discount", result.Discount, d);
        Money(w, "total", result.Total, d);
        w.WriteStartObject("points");
        w.WriteNumber("used", result.Points.Used);
        Money(w, "value", result.Points.Value, d);
        w.WriteNumber("earned", result.Points.Earned);
        w.WriteEndObject();
        Money(w, "payable", result.Payable, d);

        w.WriteStartArray("lines");
        foreach (var line in result.Lines)
        {
            w.WriteStartObject();
            w.WriteString("id", line.Id);
            w.WriteString("sku", line.Sku);
            w.WriteNumber("quantity", line.Quantity);
            Money(w, "listAmount", line.ListAmount, d);
            w.WriteStartArray("adjustments");
            foreach (var a in line.Adjustments)
            {
                w.WriteStartObject();
                w.WriteString("source", a.Source);
                w.WriteString("stage", StageName(a.Stage));
                Money(w, "amount", a.Amount, d);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Money(w, "amount", line.Amount, d);
            w.WriteNumber("pointsUsed", line.PointsUsed);
            Money(w, "pointsValue", line.PointsValue, d);
            Money(w, "payable", line.Payable, d);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("applied");
        foreach (var a in result.Applied)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("stage", StageName(a.Stage));
            if (a.Layer is not null) w.WriteString("layer", a.Layer);
            Money(w, "amount", a.Amount, d);
            w.WriteStartArray("lines");
            foreach (string line in a.Lines) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("coupons");
        foreach (var c in result.Coupons)
        {
            w.WriteStartObject();
            w.WriteString("code", c.Code);
            w.WriteString("couponId", c.CouponId);
            w.WriteString("status", c.Applied ? "applied" : "rejected");
            if (c.Applied) Money(w, "amount", c.Amount, d);
            else w.WriteString("reason", ReasonName(c.Reason!.Value));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("gifts");
        foreach (var g in result.Gifts) Gift(w, g, withPromotion: true);
        w.WriteEndArray();

        w.WriteStartArray("hints");
        foreach (var h in result.Hints)
        {
            w.WriteStartObject();
            w.WriteString("source", h.Source);
            if (h.ShortfallIsQuantity) w.WriteNumber("shortfall", h.Shortfall);
            else Money(w, "shortfall", h.Shortfall, d);
            if (h.Saving is { } saving) Money(w, "saving", saving, d);
            if (h.Gift is { } gift)
            {
                w.WritePropertyName("gift");
                Gift(w, gift, withPromotion: false);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
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
        _ => "notInBestCombination",
    };

    private static void Gift(Utf8JsonWriter w, GiftResult g, bool withPromotion)
    {
        w.WriteStartObject();
        if (withPromotion) w.WriteString("promotionId", g.PromotionId);
        w.WriteString("sku", g.Sku);
        w.WriteNumber("quantity", g.Quantity);
        w.WriteEndObject();
    }

    private static void Money(Utf8JsonWriter w, string name, long minor, int digits) =>
        w.WriteNumber(name, MinorUnits.ToMajor(minor, digits));
}
