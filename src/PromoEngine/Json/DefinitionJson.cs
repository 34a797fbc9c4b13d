using System.Text.Json;
using System.Text.Json.Serialization;
using PromoEngine.Definitions;

namespace PromoEngine.Json;

/// <summary>
/// Writes rule sets and carts as JSON (the formats of spec §3 and §4). Reading goes through
/// <see cref="PricingEngine.ReadRuleSet"/> and <see cref="PricingEngine.ReadCart"/>, which report
/// every error with its path; what this writes, they read back to equal records.
/// </summary>
public static class DefinitionJson
{
    /// <summary>The rule set as JSON.</summary>
    public static string Write(RuleSetDefinition rules, bool indented = false) =>
        JsonSerializer.Serialize(rules, indented ? DefinitionJsonContext.Indented.RuleSetDefinition : DefinitionJsonContext.Default.RuleSetDefinition);

    /// <summary>The cart as JSON.</summary>
    public static string Write(CartDefinition cart, bool indented = false) =>
        JsonSerializer.Serialize(cart, indented ? DefinitionJsonContext.Indented.CartDefinition : DefinitionJsonContext.Default.CartDefinition);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(PointsRequestConverter), typeof(FundingConverter), typeof(CamelCaseEnum<PromotionKind>), typeof(CamelCaseEnum<ThresholdBasis>),
        typeof(CamelCaseEnum<ThresholdOn>), typeof(CamelCaseEnum<Money.RoundingMode>)])]
[JsonSerializable(typeof(RuleSetDefinition))]
[JsonSerializable(typeof(CartDefinition))]
internal sealed partial class DefinitionJsonContext : JsonSerializerContext
{
    private static DefinitionJsonContext? _indented;

    public static DefinitionJsonContext Indented => _indented ??= new DefinitionJsonContext(new JsonSerializerOptions(Default.Options) { WriteIndented = true });
}

/// <summary><c>usePoints</c>: a number, or <c>"max"</c>.</summary>
internal sealed class PointsRequestConverter : JsonConverter<PointsRequest>
{
    public override PointsRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() == "max" ? PointsRequest.All : PointsRequest.Of(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, PointsRequest value, JsonSerializerOptions options)
    {
        if (value.Max) writer.WriteStringValue("max");
        else writer.WriteNumberValue(value.Points);
    }
}

/// <summary><c>funding</c>: a party id when one party funds everything, else a list of shares.</summary>
internal sealed class FundingConverter : JsonConverter<FundingDefinition>
{
    public override FundingDefinition? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        FastJson.FundingAt(ref reader, out var funding) ? funding : throw new JsonException("expected a party id or a list of shares");

    public override void Write(Utf8JsonWriter writer, FundingDefinition value, JsonSerializerOptions options)
    {
        if (value.Party is not null)
        {
            writer.WriteStringValue(value.Party);
            return;
        }
        writer.WriteStartArray();
        foreach (var share in value.Shares ?? [])
        {
            writer.WriteStartObject();
            if (share.Party is not null) writer.WriteString("party", share.Party);
            if (share.Percent is { } percent) writer.WriteNumber("percent", percent);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}

/// <summary>Enums as their JSON names: <c>specialPrice</c>, <c>halfUp</c>, <c>itemPrice</c>.</summary>
internal sealed class CamelCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
