using Microsoft.Extensions.ObjectPool;
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
    private readonly CompiledRuleSet _rules;
    private readonly ObjectPool<PricingContext> _contexts;
    // Result buffers for the overloads that return records or JSON: a buffer only grows, so a fresh one
    // per call paid for its growth every time.
    private readonly ObjectPool<PricingResultBuffer> _buffers =
        new DefaultObjectPool<PricingResultBuffer>(new DefaultPooledObjectPolicy<PricingResultBuffer>(), Environment.ProcessorCount * 2);

    private PricingEngine(CompiledRuleSet rules)
    {
        _rules = rules;
        Tiers = [.. rules.Definition.Tiers ?? []];
        _contexts = new DefaultObjectPool<PricingContext>(new ContextPolicy(rules), Environment.ProcessorCount * 2);
    }

    /// <summary>The rule-set id.</summary>
    public string RuleSetId => _rules.Id;

    /// <summary>The rule-set version; every result names it.</summary>
    public string RuleSetVersion => _rules.Version;

    /// <summary>The rule set's currency (ISO code); every cart must be in it.</summary>
    public string Currency => _rules.Currency;

    /// <summary>Minor-unit digits of <see cref="Currency"/> (2 for CNY, 0 for JPY, or the rule set's <c>minorDigits</c>).</summary>
    public int MinorDigits => _rules.MinorDigits;

    /// <summary>The member tiers, lowest first (empty when the rule set has none).</summary>
    public IReadOnlyList<string> Tiers { get; }

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
    public static PricingEngine FromJson(string rulesJson) => new(RuleSetCompiler.Compile(ReadRuleSet(rulesJson))); // ReadRuleSet has validated it

    /// <summary>Reads a rule set from JSON and validates it completely (its shape and its meaning), reporting every error.</summary>
    /// <exception cref="PromoValidationException">The JSON is malformed, or the rule set is invalid.</exception>
    public static RuleSetDefinition ReadRuleSet(string rulesJson)
    {
        ArgumentNullException.ThrowIfNull(rulesJson);
        var errors = new ErrorSink(ValidationError.Rules);
        var definition = DefinitionReader.ReadRuleSet(rulesJson, errors);
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
        var cart = DefinitionReader.ReadCart(cartJson, errors);
        errors.ThrowIfAny();
        return cart!;
    }

    /// <summary>
    /// Reads a cart to price with this engine. When its JSON cannot be read as a cart, every error is reported at
    /// once, as <see cref="PriceJson(string, bool)"/> reports them: the reading errors together with what this
    /// engine finds wrong in the parts that could be read (a host that reads the cart first, to look at it before
    /// pricing, then reports the same errors as one that prices the JSON directly).
    /// </summary>
    /// <exception cref="PromoValidationException">The JSON cannot be read as a cart; every error is listed.</exception>
    public CartDefinition ReadCartToPrice(string cartJson)
    {
        ArgumentNullException.ThrowIfNull(cartJson);
        var errors = new ErrorSink(ValidationError.Cart);
        var cart = DefinitionReader.ReadCart(cartJson, errors);
        if (!errors.HasErrors) return cart!;
        errors.ThrowIfAny(onlyIf: cart is null);
        var buffer = _buffers.Get();
        try
        {
            Run(cart!, buffer, errors, CancellationToken.None); // validates first, and throws with the reading errors added
        }
        finally
        {
            _buffers.Return(buffer);
        }
        errors.ThrowIfAny();
        return cart!; // not reached: the reading errors alone make the validation throw
    }

    /// <summary>
    /// Prices a few carts made from the rule set itself (lines in its promotions' scopes, a member of its
    /// highest tier with points, its coupons, online and in store), read from JSON and written to JSON, so that the first real cart after the
    /// rule set is loaded — a till opening, a service scaling out — does not pay for compiling the code.
    /// Nothing is kept; call it once after loading, off the request path.
    /// </summary>
    /// <param name="rounds">How many times each warm-up cart is priced (the runtime compiles hot code again, better, after repeated calls).</param>
    public void WarmUp(int rounds = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var buffer = new PricingResultBuffer();
        foreach (var cart in WarmUpCarts.For(this))
        {
            // Every way a caller prices: a cart read from JSON, the result as records or from the buffer, as JSON.
            string cartJson = Json.DefinitionJson.Write(cart);
            for (int k = 0; k < rounds; k++)
            {
                try
                {
                    Results.ResultJson.Write(Price(ReadCart(cartJson)));
                    Price(cart, buffer);
                    Results.ResultJson.Write(buffer);
                    PriceJson(cartJson);
                }
                catch (PromoValidationException)
                {
                    return; // a rule set whose own scopes make no valid cart (say, an odd currency): nothing to warm
                }
            }
        }
    }

    /// <summary>
    /// The carts <see cref="WarmUp"/> prices, as cart JSON (spec §4): made from the rule set itself, so that
    /// they reach its promotions, member prices, points and coupons. A host warms its own request path with
    /// them (the online adapter sends them through its server once it listens); they are not orders.
    /// </summary>
    /// <returns>Two carts, online and in store.</returns>
    public IReadOnlyList<string> WarmUpCartsJson() => Array.ConvertAll(WarmUpCarts.For(this), c => Json.DefinitionJson.Write(c));

    /// <summary>
    /// Refuses a cart presenting more than <paramref name="maxCoupons"/> coupons, with one error at
    /// <c>$.coupons</c>: a service bounds what one request may ask of it before pricing it. The pricing
    /// contract itself sets no such limit (the coupon choice has its own budget, <c>couponSearch</c>).
    /// </summary>
    /// <exception cref="PromoValidationException">The cart presents too many coupons.</exception>
    public static void CheckCouponCount(CartDefinition cart, int maxCoupons)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCoupons);
        int count = cart.Coupons?.Count ?? 0;
        if (count <= maxCoupons) return;
        var problem = ErrorCatalog.TooManyCoupons(count, maxCoupons);
        throw new PromoValidationException([new ValidationError(ValidationError.Cart, "$.coupons", problem.Message, problem.Code)]);
    }

    /// <summary>Prices a cart.</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    public PricingResult Price(CartDefinition cart) => Price(cart, CancellationToken.None);

    /// <summary>Prices a cart; <paramref name="cancellationToken"/> stops a long coupon choice when the caller gives up.</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the price was found.</exception>
    public PricingResult Price(CartDefinition cart, CancellationToken cancellationToken)
    {
        var buffer = _buffers.Get();
        try
        {
            Price(cart, buffer, cancellationToken);
            return buffer.ToResult();
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    /// <summary>
    /// Prices a cart into a buffer the caller reuses: with a warm engine and buffer this allocates nothing.
    /// The buffer holds the result until the next call with it.
    /// </summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    public void Price(CartDefinition cart, PricingResultBuffer result) => Price(cart, result, CancellationToken.None);

    /// <summary>Prices a cart into a buffer the caller reuses; <paramref name="cancellationToken"/> stops a long coupon choice.</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the price was found.</exception>
    public void Price(CartDefinition cart, PricingResultBuffer result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(result);
        Run(cart, result, null, cancellationToken);
    }

    /// <summary>Prices a cart given as JSON and returns the result as JSON (spec §6).</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    public string PriceJson(string cartJson, bool indented = false) => PriceJson(cartJson, indented, CancellationToken.None);

    /// <summary>Prices a cart given as JSON and returns the result as JSON; <paramref name="cancellationToken"/> stops a long coupon choice.</summary>
    /// <exception cref="PromoValidationException">The cart is invalid; every error is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the price was found.</exception>
    public string PriceJson(string cartJson, bool indented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cartJson);
        var errors = new ErrorSink(ValidationError.Cart);
        var cart = DefinitionReader.ReadCart(cartJson, errors);
        errors.ThrowIfAny(onlyIf: cart is null);
        var buffer = _buffers.Get();
        try
        {
            Run(cart!, buffer, errors, cancellationToken);
            return ResultJson.Write(buffer, indented); // straight from the buffer: no records are made
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    private void Run(CartDefinition cart, PricingResultBuffer result, ErrorSink? readErrors, CancellationToken cancellationToken)
    {
        var context = _contexts.Get();
        try
        {
            context.Price(cart, result, readErrors, cancellationToken);
        }
        catch (OverflowException)
        {
            // Inputs are range-checked, but a pass over extreme inputs can still overflow Int64 minor units
            // (spec §1: an error, never a wrap-around, and never a price).
            var problem = ErrorCatalog.PricingOverflows;
            throw new PromoValidationException([new ValidationError(ValidationError.Cart, JsonPath.Root, problem.Message, problem.Code)]);
        }
        finally
        {
            if (context.Release()) _contexts.Return(context);
        }
    }

    private sealed class ContextPolicy(CompiledRuleSet rules) : IPooledObjectPolicy<PricingContext>
    {
        public PricingContext Create() => new(rules);

        public bool Return(PricingContext context) => true; // Run returns only contexts worth keeping
    }
}
