using PromoEngine.Loading;

namespace PromoEngine.Fuzz;

/// <summary>
/// One fuzzed input through one reader, and the invariant checked on it: every input either is read (and, for a
/// cart, priced) or throws <see cref="PromoValidationException"/> whose errors are all located (a JSON path from
/// <c>$</c>, a document, a message and a published code) — never any other exception. A broken invariant is thrown
/// as <see cref="InvariantBroken"/>, which AFL records as a crash.
/// </summary>
public sealed class FuzzTarget
{
    private readonly PricingEngine? _engine;

    private FuzzTarget(PricingEngine? engine) => _engine = engine;

    /// <summary><c>rules</c>: the bytes are a rule-set file; <c>cart</c>: a cart priced with <see cref="DefaultRules"/>.</summary>
    public static FuzzTarget Create(string kind) => kind switch
    {
        "rules" => new FuzzTarget(null),
        "cart" => new FuzzTarget(PricingEngine.FromJson(DefaultRules)),
        _ => throw new ArgumentException($"unknown target '{kind}': rules or cart", nameof(kind)),
    };

    /// <summary>Reads (and prices) <paramref name="input"/>.</summary>
    /// <exception cref="InvariantBroken">An exception other than a located refusal, or a refusal that is not located.</exception>
    public void Run(byte[] input)
    {
        string document = _engine is null ? ValidationError.Rules : ValidationError.Cart;
        try
        {
            if (_engine is null)
            {
                var file = RuleSetFile.FromBytes(input);
                if (file.Engine.RuleSetId.Length == 0) throw new InvariantBroken("a rule set was read without an id");
            }
            else
            {
                string result = _engine.PriceJson(Utf8Document.Decode(input, document));
                if (result.Length == 0 || result[0] != '{') throw new InvariantBroken("a cart was priced into no JSON object");
            }
        }
        catch (PromoValidationException e)
        {
            if (e.Errors.Count == 0) throw new InvariantBroken("a refusal without errors");
            foreach (var error in e.Errors)
            {
                if (error.Document != document) throw new InvariantBroken($"an error of document '{error.Document}': {error}");
                if (!error.Path.StartsWith('$')) throw new InvariantBroken($"an error not located by a JSON path: {error}");
                if (error.Message.Length == 0) throw new InvariantBroken($"an error without a message at {error.Path}");
                if (error.Code == ErrorCodes.Invalid || error.Code.Length == 0) throw new InvariantBroken($"an error without a code of its own: {error}");
            }
        }
        catch (InvariantBroken)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new InvariantBroken($"{e.GetType().Name} instead of a located refusal: {e.Message}", e);
        }
    }

    /// <summary>A small rule set with one of each kind of rule, so that carts reach every stage.</summary>
    public const string DefaultRules = """
        {"id":"fuzz","version":"1","currency":"CNY","tiers":["silver","gold"],
         "layers":[{"id":"store","maxCoupons":1},{"id":"platform","maxCoupons":2}],
         "memberPrices":[{"minTier":"silver","percentOff":5,"scope":{"categories":["grocery"]}}],
         "promotions":[
          {"id":"special","kind":"specialPrice","scope":{"skus":["A"]},"price":9.90,"limitPerOrder":2},
          {"id":"ten-off","kind":"itemDiscount","scope":{"categories":["grocery"]},"percentOff":10},
          {"id":"second-half","kind":"nthItem","scope":{"skus":["B"]},"n":2,"percentOff":50},
          {"id":"b2g1","kind":"buyXGetY","scope":{"skus":["C"]},"buy":2,"get":1},
          {"id":"bundle","kind":"bundle","components":[{"scope":{"skus":["A"]},"quantity":1},{"scope":{"skus":["B"]},"quantity":1}],"price":15.00},
          {"id":"spend-100","kind":"threshold","layer":"store","tiers":[{"atLeast":100,"amountOff":10},{"atLeast":200,"amountOff":25,"gift":{"sku":"G"}}]},
          {"id":"every-50","kind":"threshold","layer":"platform","repeat":{"every":50,"amountOff":5,"cap":30},"limits":{"uses":100}}],
         "coupons":[
          {"id":"c10","layer":"store","minSpend":30,"amountOff":10},
          {"id":"c-pct","layer":"platform","percentOff":10,"maxOff":20,"minTier":"gold"},
          {"id":"c-online","layer":"platform","amountOff":5,"channels":["online"],"usesPerCode":1}],
         "points":{"pointsPerUnit":100,"maxPercent":50,"minPoints":100,"step":10,"earnPerUnit":1}}
        """;
}

/// <summary>The fuzzing invariant does not hold for an input.</summary>
public sealed class InvariantBroken(string message, Exception? inner = null) : Exception(message, inner);
