using System.Reflection;
using System.Text.RegularExpressions;
using PromoEngine.Tests.Support;
using PromoEngine.Validation;
using static PromoEngine.Validation.ErrorCatalog;

namespace PromoEngine.Tests.Unit;

/// <summary>
/// Every message of the catalog, exactly, with its code; the codes themselves pinned and documented.
/// A message reworded or a code renamed fails here first.
/// </summary>
public sealed partial class ErrorCatalogValidationTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 8, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Each catalog member by name, called with sample values, and what it must say.</summary>
    private static readonly Dictionary<string, (Problem Problem, string Code, string Message)> Expected = new()
    {
        [nameof(MalformedJson)] = (MalformedJson("'x' is an invalid start of a value."), "malformedJson", "malformed JSON: 'x' is an invalid start of a value."),
        [nameof(InvalidUtf8)] = (InvalidUtf8, "invalidEncoding", "not valid UTF-8"),
        [nameof(LoneSurrogate)] = (LoneSurrogate, "invalidString", "a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text"),
        [nameof(UnknownProperty)] = (UnknownProperty("extra"), "unknownProperty", "unknown property 'extra'"),
        [nameof(DuplicateProperty)] = (DuplicateProperty("id"), "duplicateProperty", "duplicate property 'id'"),
        [nameof(ExpectedObject)] = (ExpectedObject("an array"), "expectedObject", "expected an object, got an array"),
        [nameof(ExpectedArray)] = (ExpectedArray("a string"), "expectedArray", "expected an array, got a string"),
        [nameof(ExpectedString)] = (ExpectedString("a number"), "expectedString", "expected a string, got a number"),
        [nameof(ExpectedNumber)] = (ExpectedNumber("a string"), "expectedNumber", "expected a number, got a string"),
        [nameof(ExpectedWholeNumber)] = (ExpectedWholeNumber("2.5"), "expectedWholeNumber", "expected a whole number, got 2.5"),
        [nameof(ExpectedBoolean)] = (ExpectedBoolean("a string"), "expectedBoolean", "expected true or false, got a string"),
        [nameof(ExpectedInstant)] = (ExpectedInstant("2026-03-08T10:00:00"), "expectedInstant",
            "expected an ISO-8601 instant with an offset (e.g. 2026-03-08T10:00:00+08:00), got \"2026-03-08T10:00:00\""),
        [nameof(ExpectedFunding)] = (ExpectedFunding("a number"), "expectedFunding", "expected a party id or a list of shares, got a number"),
        [nameof(ExpectedPoints)] = (ExpectedPoints("a string"), "expectedPoints", "expected a whole number of points or \"max\", got a string"),
        [nameof(NumberOutOfRange)] = (NumberOutOfRange("1e40"), "outOfRange", "number 1e40 is out of range"),
        [nameof(NumberTooPrecise)] = (NumberTooPrecise("1.00000000000000000000000000001"), "outOfRange",
            "number 1.00000000000000000000000000001 has more digits than can be represented exactly"),
        [nameof(UnknownValue)] = (UnknownValue("up", ["halfUp", "down"]), "unknownValue", "unknown value \"up\"; expected one of \"halfUp\", \"down\""),
        [nameof(KindRequired)] = (KindRequired(["specialPrice", "bundle"]), "required", "kind is required: one of specialPrice, bundle"),
        [nameof(Required)] = (Required("version"), "required", "version is required"),
        [nameof(NotEmpty)] = (NotEmpty("id"), "empty", "id must not be empty"),
        [nameof(EmptyList)] = (EmptyList, "emptyList", "an empty list is not allowed: omit the field instead"),
        [nameof(AtLeast)] = (AtLeast(1, -3), "tooSmall", "must be 1 or more, got -3"),
        [nameof(AboveZero)] = (AboveZero(-0.50m), "tooSmall", "must be above 0, got -0.50"),
        [nameof(Negative)] = (Negative(-1.5m), "negative", "must not be negative, got -1.5"),
        [nameof(Between)] = (Between(0, 18, 19), "outOfRange", "must be between 0 and 18, got 19"),
        [nameof(PercentRange)] = (PercentRange(100.5m), "outOfRange", "must be in (0, 100], got 100.5"),
        [nameof(AtMost8Decimals)] = (AtMost8Decimals(0.000000001m), "tooManyDecimals", "at most 8 decimals, got 0.000000001"),
        [nameof(RateAtMost8Decimals)] = (RateAtMost8Decimals, "tooManyDecimals", "at most 8 decimals"),
        [nameof(TooManyDecimals)] = (TooManyDecimals(12.345m, "CNY", 2), "tooManyDecimals", "12.345 has more decimals than CNY allows (2)"),
        [nameof(TooLarge)] = (TooLarge(92233720368547758.08m), "tooLarge", "92233720368547758.08 is too large"),
        [nameof(WholeUnits)] = (WholeUnits(2.5m), "expectedWholeNumber", "a quantity basis needs a whole number of units, got 2.5"),
        [nameof(UnknownCurrency)] = (UnknownCurrency("XYZ"), "unknownCurrency", "unknown currency \"XYZ\": give \"minorDigits\" for it"),
        [nameof(MinorDigitsMismatch)] = (MinorDigitsMismatch("CNY", 2, 3), "minorDigitsMismatch", "CNY has 2 minor digits, not 3"),
        [nameof(TierNotEmpty)] = (TierNotEmpty, "empty", "a tier must be a non-empty string"),
        [nameof(DuplicateTier)] = (DuplicateTier("gold"), "duplicate", "duplicate tier \"gold\""),
        [nameof(DuplicateLayer)] = (DuplicateLayer("store"), "duplicate", "duplicate layer id \"store\""),
        [nameof(DuplicateId)] = (DuplicateId("p"), "duplicate", "duplicate id \"p\" (promotions and coupons share one id space)"),
        [nameof(UndefinedTier)] = (UndefinedTier("bronze"), "undefinedTier", "undefined tier \"bronze\""),
        [nameof(UndefinedLayer)] = (UndefinedLayer("mall"), "undefinedLayer", "undefined layer \"mall\""),
        [nameof(UnknownChannel)] = (UnknownChannel("web"), "unknownValue", "unknown channel \"web\"; expected \"online\" or \"store\""),
        [nameof(WindowOrder)] = (WindowOrder(From, From.AddDays(-1)), "windowOrder",
            "window.to (2026-03-07T10:00:00.0000000+08:00) must be after window.from (2026-03-08T10:00:00.0000000+08:00)"),
        [nameof(EitherNotBoth)] = (EitherNotBoth("price", "percentOff"), "conflicting", "give either price or percentOff, not both"),
        [nameof(OnlyOneOf)] = (OnlyOneOf(["percentOff", "amountOff", "price"]), "conflicting", "give only one of percentOff, amountOff, price"),
        [nameof(EitherRequired)] = (EitherRequired("tiers", "repeat"), "required", "tiers or repeat is required"),
        [nameof(OneOfRequired)] = (OneOfRequired(["percentOff", "amountOff"]), "required", "one of percentOff, amountOff is required"),
        [nameof(FixedPriceNeedsSku)] = (FixedPriceNeedsSku, "required", "a fixed member price needs the sku it prices"),
        [nameof(TierNeedsDiscount)] = (TierNeedsDiscount, "required", "a tier needs amountOff, percentOff or gift"),
        [nameof(NotIncreasing)] = (NotIncreasing(100, 200), "notIncreasing", "tiers must be strictly increasing: 100 is not above 200"),
        [nameof(BuyPlusGetTooLarge)] = (BuyPlusGetTooLarge, "tooLarge", "buy + get is too large"),
        [nameof(PartyNotEmpty)] = (PartyNotEmpty, "empty", "a party id must not be empty"),
        [nameof(PartyOrShares)] = (PartyOrShares, "required", "a party id or a list of shares is required"),
        [nameof(PartyAndShares)] = (PartyAndShares, "conflicting", "give either a party id or a list of shares, not both"),
        [nameof(DuplicateParty)] = (DuplicateParty("platform"), "duplicate", "duplicate party \"platform\""),
        [nameof(SharesSum)] = (SharesSum(99.99999999m), "fundingSum", "the shares' percents must sum to 100, got 99.99999999"),
        [nameof(LimitsEmpty)] = (LimitsEmpty, "required", "limits needs at least one of uses, usesPerCustomer, units, unitsPerCustomer, budget"),
        [nameof(UnitsNotAllowed)] = (UnitsNotAllowed("units"), "notAllowed", "units is allowed only on specialPrice, itemDiscount, nthItem, buyXGetY and bundle promotions"),
        [nameof(BudgetNotAllowed)] = (BudgetNotAllowed, "notAllowed", "budget is allowed only on threshold promotions and coupons"),
        [nameof(TooManyDecimalsForDigits)] = (TooManyDecimalsForDigits(1.001m, 2), "tooManyDecimals", "1.001 has more decimals than the currency allows (2)"),
        [nameof(CurrencyMismatch)] = (CurrencyMismatch("USD", "CNY"), "currencyMismatch", "the cart is in USD but the rule set is in CNY"),
        [nameof(TooManyCoupons)] = (TooManyCoupons(5000, 100), "tooManyCoupons", "the cart presents 5000 coupons; at most 100 are accepted (present fewer, or let the engine choose from fewer)"),
        [nameof(ChannelRequired)] = (ChannelRequired, "required", "channel is required (\"online\" or \"store\")"),
        [nameof(AtRequired)] = (AtRequired, "required", "at is required: the engine never reads the clock"),
        [nameof(UnknownTier)] = (UnknownTier("bronze"), "undefinedTier", "unknown tier \"bronze\""),
        [nameof(NoLines)] = (NoLines, "emptyList", "a cart needs at least one line"),
        [nameof(DuplicateLineId)] = (DuplicateLineId("L1"), "duplicate", "duplicate line id \"L1\""),
        [nameof(LineAmountTooLarge)] = (LineAmountTooLarge, "tooLarge", "unitPrice × quantity is too large"),
        [nameof(SubtotalTooLarge)] = (SubtotalTooLarge, "tooLarge", "the subtotal is too large"),
        [nameof(GuestHasNoPoints)] = (GuestHasNoPoints(100), "exceedsBalance", "a guest has no points to use (asked for 100)"),
        [nameof(AboveBalance)] = (AboveBalance(6, 5), "exceedsBalance", "asks for 6 points but the balance is 5"),
        [nameof(PricingOverflows)] = (PricingOverflows, "overflow", "pricing this cart overflows: an amount exceeds the largest amount in minor units"),
    };

    [Fact]
    public void Every_message_of_the_catalog_is_pinned_exactly_with_its_code()
    {
        var members = typeof(ErrorCatalog).GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is MethodInfo { IsSpecialName: false } || m is PropertyInfo).Select(m => m.Name).Distinct().Order();
        Assert.Equal(members, Expected.Keys.Order()); // a new message needs its line above
        foreach (var (name, (problem, code, message)) in Expected)
        {
            Assert.True(message == problem.Message, $"{name}: \"{problem.Message}\"");
            Assert.True(code == problem.Code, $"{name}: {problem.Code}");
        }
    }

    /// <summary>The published codes; removing or renaming one breaks clients that match it.</summary>
    private static readonly string[] PublishedCodes =
    [
        "malformedJson", "invalidEncoding", "invalidString", "unknownProperty", "duplicateProperty", "expectedObject", "expectedArray",
        "expectedString", "expectedNumber", "expectedWholeNumber", "expectedBoolean", "expectedInstant", "expectedFunding", "expectedPoints",
        "unknownValue", "required", "empty", "emptyList", "duplicate", "conflicting", "notAllowed", "tooSmall", "negative", "outOfRange",
        "tooLarge", "tooManyDecimals", "unknownCurrency", "minorDigitsMismatch", "currencyMismatch", "undefinedTier", "undefinedLayer",
        "notIncreasing", "windowOrder", "fundingSum", "exceedsBalance", "overflow", "unreadable", "invalid",
        "unknownLine", "exceedsQuantity", "brokenResult", "tooManyCoupons",
    ];

    [Fact]
    public void Codes_are_stable_and_each_is_documented()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        Assert.Equal(PublishedCodes.Order(), codes.Order());
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "errors.md"));
        var documented = DocumentedCode().Matches(docs).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(codes.Order(), documented.Order()); // every code documented, and no stale ones
    }

    [Fact]
    public void Every_error_of_the_scenarios_has_a_code_of_its_own()
    {
        int checkedErrors = 0;
        foreach (string file in Scenario.Files("Own").Concat(Scenario.Files("Shared")))
        {
            var scenario = Scenario.Load(file);
            if (scenario.ExpectErrors is null) continue;
            var e = Assert.Throws<PromoValidationException>(() => PricingEngine.FromJson(scenario.RulesJson).PriceJson(scenario.CartJson));
            Assert.All(e.Errors, x => Assert.True(x.Code != ErrorCodes.Invalid && PublishedCodes.Contains(x.Code), $"{file}: {x} has code {x.Code}"));
            checkedErrors += e.Errors.Count;
        }
        Assert.True(checkedErrors > 100, $"only {checkedErrors} errors checked");
    }

    [Theory]
    [InlineData("""{"currency":"USD","channel":"web","at":"2026-03-08T10:00:00Z","customer":{"id":"","tier":"bronze","points":-1},"lines":[],"usePoints":-2}""",
        "currencyMismatch unknownValue empty undefinedTier negative emptyList negative")]
    [InlineData("""{"currency":"CNY","lines":[{"id":"L1","sku":"","unitPrice":1.001,"quantity":0},{"id":"L1","unitPrice":-1,"quantity":1}],"coupons":[{"code":""}],"usePoints":5}""",
        "required required empty tooManyDecimals tooSmall duplicate required negative required required exceedsBalance")]
    [InlineData("""{"currency":"CNY","channel":"store","at":"2026-03-08T10:00:00Z","lines":[{"id":"L1","sku":"A","unitPrice":1,"quantity":1}],"usage":{"coupons":{"c":{"uses":-1,"spent":0.001}},"codes":{"X":-1}}}""",
        "tooSmall tooManyDecimals tooSmall")]
    public void Cart_errors_carry_their_codes(string cart, string codes)
    {
        var engine = PricingEngine.FromJson("""{"id":"r","version":"1","currency":"CNY","tiers":["gold"]}""");
        var e = Assert.Throws<PromoValidationException>(() => engine.PriceJson(cart));
        Assert.Equal(codes, string.Join(" ", e.Errors.Select(x => x.Code)));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromoEngine.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("PromoEngine.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();
}
