using System.Text.Json;
using PromoEngine.Compilation;
using PromoEngine.Definitions;
using PromoEngine.Json;
using PromoEngine.Pricing;
using PromoEngine.Results;
using PromoEngine.Validation;

namespace PromoEngine;

/// <summary>
/// A compiled rule set: immutable and thread-safe. Build it once with <see cref="Compile"/> or
/// <see cref="FromJson"/>, then price any number of carts, from any number of threads.
/// </summary>
public sealed class PricingEngine
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private readonly CompiledRuleSet _rules;

    private PricingEngine(CompiledRuleSet rules) => _rules = rules;

    /// <summary>The rule-set id.</summary>
    public string RuleSetId => _rules.Id;

    /// <summary>The rule-set version; every result names it.</summary>
    public string RuleSetVersion => _rules.Version;

    /// <summary>The rule set this engine was compiled from.</summary>
    public RuleSetDefinition Definition => _rules.Definition;

    /// <summary>Validates and compiles a rule set.</summary>
    /// <exception cref="PromoValidationException">The rule set is invalid; every error is listed.</exception>
    public static PricingEngine Compile(RuleSetDefinition rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new ErrorSink(ValidationError.Rules);
        RuleSetValidator.Validate(rules, errors);
        errors.ThrowIfAny();
        return new PricingEngine(RuleSetCompiler.Compile(rules));
    }

    /// <summary>Reads, validates and compiles a rule set from JSON.</summary>
    /// <exception cref="PromoValidationException">The JSON or the rule set is invalid; every error is listed.</exception>
    public static PricingEngine FromJson(string rulesJson) => Compile(ReadRuleSet(rulesJson));

    /// <summary>Reads a rule set from JSON without validating its meaning (structure only).</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed or has wrong types or unknown properties.</exception>
    public static RuleSetDefinition ReadRuleSet(string rulesJson)
    {
        ArgumentNullException.ThrowIfNull(rulesJson);
        var errors = new ErrorSink(ValidationError.Rules);
        var definition = Parse(rulesJson, errors, RuleSetReader.Read);
        // Semantic errors are worth reporting along with structural ones.
        if (definition is not null) RuleSetValidator.Validate(definition, errors);
        errors.ThrowIfAny();
        return definition!;
    }

    /// <summary>Reads a cart from JSON (structure only; <see cref="Price(CartDefinition)"/> checks the rest).</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed or has wrong types or unknown properties.</exception>
    public static CartDefinition ReadCart(string cartJson)
    {
        ArgumentNullException.ThrowIfNull(cartJson);
        var errors = new ErrorSink(ValidationError.Cart);
        var cart = Parse(cartJson, errors, CartReader.Read);
        errors.ThrowIfAny();
        return cart!;
    }

    /// <summary>Prices a cart.</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    public PricingResult Price(CartDefinition cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var errors = new ErrorSink(ValidationError.Cart);
        var prepared = CartValidator.Validate(cart, _rules, errors);
        errors.ThrowIfAny();
        return PricingPass.Run(new PassState(_rules, prepared!));
    }

    /// <summary>Prices a cart given as JSON and returns the result as JSON (spec §6).</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    public string PriceJson(string cartJson, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(cartJson);
        var errors = new ErrorSink(ValidationError.Cart);
        var cart = Parse(cartJson, errors, CartReader.Read);
        PreparedCart? prepared = cart is null ? null : CartValidator.Validate(cart, _rules, errors);
        errors.ThrowIfAny();
        return ResultJson.Write(PricingPass.Run(new PassState(_rules, prepared!)), indented);
    }

    private static T? Parse<T>(string json, ErrorSink errors, Func<JsonElement, ErrorSink, T?> read) where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            errors.Add(JsonPath.Root, $"malformed JSON: {e.Message}");
            return null;
        }
        using (document) return read(document.RootElement, errors);
    }
}
