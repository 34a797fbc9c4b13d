using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromoEngine.Money;

namespace PromoEngine.Returns;

/// <summary>
/// Writes a <see cref="ReturnResult"/> as the JSON of spec §13: money as major-unit numbers with exactly
/// the currency's minor digits (like the result of §6), points and units as integers; <c>usageReleased</c>
/// in the form of the result's <c>usage</c> (§11), or <c>null</c>.
/// </summary>
public static class ReturnJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The return result as a JSON string; one line unless <paramref name="indented"/>.</summary>
    public static string Write(ReturnResult result, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(result, buffer, indented);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the return result as UTF-8 JSON to <paramref name="output"/>.</summary>
    public static void Write(ReturnResult result, IBufferWriter<byte> output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, indented ? Indented : Compact);
        int d = result.MinorDigits;
        w.WriteStartObject();
        w.WriteStartObject("ruleSet");
        w.WriteString("id", result.RuleSet.Id);
        w.WriteString("version", result.RuleSet.Version);
        w.WriteEndObject();
        w.WriteString("currency", result.Currency);
        Money(w, "refund", result.Refund, d);
        w.WriteNumber("pointsRestored", result.PointsRestored);
        Money(w, "pointsValue", result.PointsValue, d);
        w.WriteNumber("pointsClawedBack", result.PointsClawedBack);

        w.WriteStartArray("lines");
        foreach (var line in result.Lines)
        {
            w.WriteStartObject();
            w.WriteString("id", line.Id);
            w.WriteNumber("returned", line.Returned);
            Money(w, "refund", line.Refund, d);
            w.WriteNumber("pointsRestored", line.PointsRestored);
            Money(w, "pointsValue", line.PointsValue, d);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("funding");
        foreach (var f in result.Funding)
        {
            w.WriteStartObject();
            w.WriteString("party", f.Party);
            Money(w, "amount", f.Amount, d);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("kept");
        Money(w, "payable", result.Kept.Payable, d);
        w.WriteNumber("pointsUsed", result.Kept.PointsUsed);
        w.WriteNumber("pointsEarned", result.Kept.PointsEarned);
        w.WriteEndObject();

        w.WriteBoolean("fullReturn", result.FullReturn);
        w.WriteStartArray("couponsRestored");
        foreach (string code in result.CouponsRestored) w.WriteStringValue(code);
        w.WriteEndArray();
        w.WriteStartArray("giftsReturned");
        foreach (var g in result.GiftsReturned)
        {
            w.WriteStartObject();
            w.WriteString("promotionId", g.PromotionId);
            w.WriteString("sku", g.Sku);
            w.WriteNumber("quantity", g.Quantity);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (result.UsageReleased is { } usage)
        {
            w.WriteStartObject("usageReleased");
            w.WriteStartObject("promotions");
            foreach (var p in usage.Promotions)
            {
                w.WriteStartObject(p.Id);
                w.WriteNumber("uses", p.Uses);
                if (p.Units is { } units) w.WriteNumber("units", units);
                Money(w, "spent", p.Spent, d);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("coupons");
            foreach (var c in usage.Coupons)
            {
                w.WriteStartObject(c.CouponId);
                w.WriteNumber("uses", c.Uses);
                Money(w, "spent", c.Spent, d);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("codes");
            foreach (string code in usage.Codes) w.WriteStringValue(code);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("usageReleased");
        }
        w.WriteEndObject();
    }

    // "268.00": the text of the decimal with exactly the currency's scale, as the result writes money.
    private static void Money(Utf8JsonWriter w, string name, long minor, int digits)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(MinorUnits.Format(minor, digits), skipInputValidation: true);
    }
}
