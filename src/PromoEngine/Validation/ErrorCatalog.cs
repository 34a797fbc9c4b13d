using System.Globalization;
using C = PromoEngine.ErrorCodes;

namespace PromoEngine.Validation;

/// <summary>One error's code and text, before it is given a place (<see cref="ErrorSink.Add(string, Problem)"/>).</summary>
internal readonly record struct Problem(string Code, string Message);

/// <summary>
/// Every error message of the readers and validators, each written once with its stable code
/// (<see cref="ErrorCodes"/>): users read these texts, clients match the codes, and
/// <c>ErrorCatalogTests</c> pins both. A new check adds its message here, never inline.
/// </summary>
internal static class ErrorCatalog
{
    // ---- reading: the JSON's shape ---------------------------------------------------------------

    public static Problem MalformedJson(string detail) => new(C.MalformedJson, $"malformed JSON: {detail}");
    public static Problem InvalidUtf8 => new(C.InvalidEncoding, "not valid UTF-8");
    public static Problem LoneSurrogate => new(C.InvalidString, "a string escapes a lone UTF-16 surrogate (e.g. \\ud800): not valid text");
    public static Problem UnknownProperty(string name) => new(C.UnknownProperty, $"unknown property '{name}'");
    public static Problem DuplicateProperty(string name) => new(C.DuplicateProperty, $"duplicate property '{name}'");
    public static Problem ExpectedObject(string got) => new(C.ExpectedObject, $"expected an object, got {got}");
    public static Problem ExpectedArray(string got) => new(C.ExpectedArray, $"expected an array, got {got}");
    public static Problem ExpectedString(string got) => new(C.ExpectedString, $"expected a string, got {got}");
    public static Problem ExpectedNumber(string got) => new(C.ExpectedNumber, $"expected a number, got {got}");
    public static Problem ExpectedWholeNumber(string raw) => new(C.ExpectedWholeNumber, $"expected a whole number, got {raw}");
    public static Problem ExpectedBoolean(string got) => new(C.ExpectedBoolean, $"expected true or false, got {got}");
    public static Problem ExpectedInstant(string text) =>
        new(C.ExpectedInstant, $"expected an ISO-8601 instant with an offset (e.g. 2026-03-08T10:00:00+08:00), got \"{text}\"");
    public static Problem ExpectedFunding(string got) => new(C.ExpectedFunding, $"expected a party id or a list of shares, got {got}");
    public static Problem ExpectedPoints(string got) => new(C.ExpectedPoints, $"expected a whole number of points or \"max\", got {got}");
    public static Problem NumberOutOfRange(string raw) => new(C.OutOfRange, $"number {raw} is out of range");
    public static Problem NumberTooPrecise(string raw) => new(C.OutOfRange, $"number {raw} has more digits than can be represented exactly");
    public static Problem UnknownValue(string text, IEnumerable<string> allowed) =>
        new(C.UnknownValue, $"unknown value \"{text}\"; expected one of {string.Join(", ", allowed.Select(k => '"' + k + '"'))}");
    public static Problem KindRequired(IEnumerable<string> kinds) => new(C.Required, "kind is required: one of " + string.Join(", ", kinds));

    // ---- values -----------------------------------------------------------------------------------

    public static Problem Required(string name) => new(C.Required, $"{name} is required");
    public static Problem NotEmpty(string name) => new(C.Empty, $"{name} must not be empty");
    public static Problem EmptyList => new(C.EmptyList, "an empty list is not allowed: omit the field instead");
    public static Problem AtLeast(long minimum, long got) => new(C.TooSmall, $"must be {Text(minimum)} or more, got {Text(got)}");
    public static Problem AboveZero(decimal got) => new(C.TooSmall, $"must be above 0, got {Text(got)}");
    public static Problem Negative(decimal got) => new(C.Negative, $"must not be negative, got {Text(got)}");
    public static Problem Between(decimal minimum, decimal maximum, decimal got) =>
        new(C.OutOfRange, $"must be between {Text(minimum)} and {Text(maximum)}, got {Text(got)}");
    public static Problem PercentRange(decimal got) => new(C.OutOfRange, $"must be in (0, 100], got {Text(got)}");
    public static Problem AtMost8Decimals(decimal got) => new(C.TooManyDecimals, $"at most 8 decimals, got {Text(got)}");
    public static Problem RateAtMost8Decimals => new(C.TooManyDecimals, "at most 8 decimals");
    public static Problem TooManyDecimals(decimal amount, string currency, int digits) =>
        new(C.TooManyDecimals, $"{Text(amount)} has more decimals than {currency} allows ({digits})");
    public static Problem TooLarge(decimal amount) => new(C.TooLarge, $"{Text(amount)} is too large");
    public static Problem WholeUnits(decimal got) => new(C.ExpectedWholeNumber, $"a quantity basis needs a whole number of units, got {Text(got)}");

    // ---- rule sets ----------------------------------------------------------------------------------

    public static Problem UnknownCurrency(string currency) => new(C.UnknownCurrency, $"unknown currency \"{currency}\": give \"minorDigits\" for it");
    public static Problem MinorDigitsMismatch(string currency, int known, int declared) =>
        new(C.MinorDigitsMismatch, $"{currency} has {known} minor digits, not {declared}");
    public static Problem TierNotEmpty => new(C.Empty, "a tier must be a non-empty string");
    public static Problem DuplicateTier(string tier) => new(C.Duplicate, $"duplicate tier \"{tier}\"");
    public static Problem DuplicateLayer(string id) => new(C.Duplicate, $"duplicate layer id \"{id}\"");
    public static Problem DuplicateId(string id) => new(C.Duplicate, $"duplicate id \"{id}\" (promotions and coupons share one id space)");
    public static Problem UndefinedTier(string tier) => new(C.UndefinedTier, $"undefined tier \"{tier}\"");
    public static Problem UndefinedLayer(string layer) => new(C.UndefinedLayer, $"undefined layer \"{layer}\"");
    public static Problem UnknownChannel(string channel) => new(C.UnknownValue, $"unknown channel \"{channel}\"; expected \"online\" or \"store\"");
    public static Problem WindowOrder(DateTimeOffset from, DateTimeOffset to) =>
        new(C.WindowOrder, string.Create(CultureInfo.InvariantCulture, $"window.to ({to:O}) must be after window.from ({from:O})"));
    public static Problem EitherNotBoth(string first, string second) => new(C.Conflicting, $"give either {first} or {second}, not both");
    public static Problem OnlyOneOf(IEnumerable<string> names) => new(C.Conflicting, $"give only one of {string.Join(", ", names)}");
    public static Problem EitherRequired(string first, string second) => new(C.Required, $"{first} or {second} is required");
    public static Problem OneOfRequired(IEnumerable<string> names) => new(C.Required, $"one of {string.Join(", ", names)} is required");
    public static Problem FixedPriceNeedsSku => new(C.Required, "a fixed member price needs the sku it prices");
    public static Problem TierNeedsDiscount => new(C.Required, "a tier needs amountOff, percentOff or gift");
    public static Problem NotIncreasing(decimal atLeast, decimal previous) =>
        new(C.NotIncreasing, $"tiers must be strictly increasing: {Text(atLeast)} is not above {Text(previous)}");
    public static Problem BuyPlusGetTooLarge => new(C.TooLarge, "buy + get is too large");

    // ---- funding and limits (spec §10, §11, §14) ------------------------------------------------------

    public static Problem PartyNotEmpty => new(C.Empty, "a party id must not be empty");
    public static Problem PartyOrShares => new(C.Required, "a party id or a list of shares is required");
    public static Problem PartyAndShares => new(C.Conflicting, "give either a party id or a list of shares, not both");
    public static Problem DuplicateParty(string party) => new(C.Duplicate, $"duplicate party \"{party}\"");
    public static Problem SharesSum(decimal sum) => new(C.FundingSum, $"the shares' percents must sum to 100, got {Text(sum)}");
    public static Problem LimitsEmpty => new(C.Required, "limits needs at least one of uses, usesPerCustomer, units, unitsPerCustomer, budget");
    public static Problem UnitsNotAllowed(string name) =>
        new(C.NotAllowed, $"{name} is allowed only on specialPrice, itemDiscount, nthItem, buyXGetY and bundle promotions");
    public static Problem BudgetNotAllowed => new(C.NotAllowed, "budget is allowed only on threshold promotions and coupons");
    public static Problem TooManyDecimalsForDigits(decimal amount, int digits) =>
        new(C.TooManyDecimals, $"{Text(amount)} has more decimals than the currency allows ({digits})");

    // ---- carts (cart intake) ---------------------------------------------------------------------------

    public static Problem TooManyCoupons(int count, int max) =>
        new(C.TooManyCoupons, $"the cart presents {count} coupons; at most {max} are accepted (present fewer, or let the engine choose from fewer)");
    public static Problem CurrencyMismatch(string cart, string rules) => new(C.CurrencyMismatch, $"the cart is in {cart} but the rule set is in {rules}");
    public static Problem ChannelRequired => new(C.Required, "channel is required (\"online\" or \"store\")");
    public static Problem AtRequired => new(C.Required, "at is required: the engine never reads the clock");
    public static Problem UnknownTier(string tier) => new(C.UndefinedTier, $"unknown tier \"{tier}\"");
    public static Problem NoLines => new(C.EmptyList, "a cart needs at least one line");
    public static Problem DuplicateLineId(string id) => new(C.Duplicate, $"duplicate line id \"{id}\"");
    public static Problem LineAmountTooLarge => new(C.TooLarge, "unitPrice × quantity is too large");
    public static Problem SubtotalTooLarge => new(C.TooLarge, "the subtotal is too large");
    public static Problem GuestHasNoPoints(long asked) => new(C.ExceedsBalance, $"a guest has no points to use (asked for {Text(asked)})");
    public static Problem AboveBalance(long asked, long balance) => new(C.ExceedsBalance, $"asks for {Text(asked)} points but the balance is {Text(balance)}");
    public static Problem PricingOverflows => new(C.Overflow, "pricing this cart overflows: an amount exceeds the largest amount in minor units");

    /// <summary>Numbers as the messages have always shown them: invariant, with the value's own scale.</summary>
    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
