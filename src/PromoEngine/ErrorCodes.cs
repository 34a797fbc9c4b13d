namespace PromoEngine;

/// <summary>
/// The stable codes of <see cref="ValidationError.Code"/>: match these, never the message text (which may
/// be reworded). Each is documented in <c>docs/errors.md</c>; a code, once published, keeps its meaning.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The document is not JSON (or ends early), reported at <c>$</c>.</summary>
    public const string MalformedJson = "malformedJson";
    /// <summary>The bytes are not strict UTF-8, reported at <c>$</c>.</summary>
    public const string InvalidEncoding = "invalidEncoding";
    /// <summary>A string (value or property name) escapes a lone UTF-16 surrogate.</summary>
    public const string InvalidString = "invalidString";
    /// <summary>A property the format does not define here (also a field of another promotion kind).</summary>
    public const string UnknownProperty = "unknownProperty";
    /// <summary>The same property twice in one object (also a key twice in a usage map); the later one is reported.</summary>
    public const string DuplicateProperty = "duplicateProperty";
    /// <summary>An object was expected.</summary>
    public const string ExpectedObject = "expectedObject";
    /// <summary>An array was expected.</summary>
    public const string ExpectedArray = "expectedArray";
    /// <summary>A string was expected.</summary>
    public const string ExpectedString = "expectedString";
    /// <summary>A number was expected.</summary>
    public const string ExpectedNumber = "expectedNumber";
    /// <summary>A whole number was expected (also a fractional quantity-basis threshold).</summary>
    public const string ExpectedWholeNumber = "expectedWholeNumber";
    /// <summary><c>true</c> or <c>false</c> was expected.</summary>
    public const string ExpectedBoolean = "expectedBoolean";
    /// <summary>An ISO-8601 instant with an offset was expected.</summary>
    public const string ExpectedInstant = "expectedInstant";
    /// <summary><c>funding</c> is neither a party id nor a list of shares.</summary>
    public const string ExpectedFunding = "expectedFunding";
    /// <summary><c>usePoints</c> is neither a whole number nor <c>"max"</c>.</summary>
    public const string ExpectedPoints = "expectedPoints";
    /// <summary>A string outside the allowed spellings (kind, rounding, basis, thresholdOn, channel).</summary>
    public const string UnknownValue = "unknownValue";
    /// <summary>A required value is missing (or none of the fields of which one is required is given).</summary>
    public const string Required = "required";
    /// <summary>An empty string where text is required.</summary>
    public const string Empty = "empty";
    /// <summary>An empty list: omit the field instead (also a cart without lines).</summary>
    public const string EmptyList = "emptyList";
    /// <summary>An id, tier, layer, party or line id given twice; the later one is reported.</summary>
    public const string Duplicate = "duplicate";
    /// <summary>Fields that exclude each other are both given.</summary>
    public const string Conflicting = "conflicting";
    /// <summary>A field given where it does not belong (a <c>units</c> or <c>budget</c> limit on the wrong kind).</summary>
    public const string NotAllowed = "notAllowed";
    /// <summary>A number below its minimum (<c>must be 1 or more</c>, <c>must be above 0</c>).</summary>
    public const string TooSmall = "tooSmall";
    /// <summary>Money or a count below zero.</summary>
    public const string Negative = "negative";
    /// <summary>A number outside its range (a percentage outside (0, 100], a number beyond what can be represented).</summary>
    public const string OutOfRange = "outOfRange";
    /// <summary>An amount that does not fit in 64-bit minor units, or a sum or product of amounts that does not.</summary>
    public const string TooLarge = "tooLarge";
    /// <summary>More decimals than the currency's minor digits (money) or than 8 (percentages, rates).</summary>
    public const string TooManyDecimals = "tooManyDecimals";
    /// <summary>A currency the engine does not know, without <c>minorDigits</c>.</summary>
    public const string UnknownCurrency = "unknownCurrency";
    /// <summary><c>minorDigits</c> disagrees with a known currency.</summary>
    public const string MinorDigitsMismatch = "minorDigitsMismatch";
    /// <summary>The cart presents more coupons than the service that prices it accepts.</summary>
    public const string TooManyCoupons = "tooManyCoupons";
    /// <summary>The cart's currency is not the rule set's.</summary>
    public const string CurrencyMismatch = "currencyMismatch";
    /// <summary>A tier the rule set does not define.</summary>
    public const string UndefinedTier = "undefinedTier";
    /// <summary>A layer the rule set does not define.</summary>
    public const string UndefinedLayer = "undefinedLayer";
    /// <summary>Threshold tiers whose <c>atLeast</c> is not strictly increasing.</summary>
    public const string NotIncreasing = "notIncreasing";
    /// <summary>A window whose <c>to</c> is not after its <c>from</c>.</summary>
    public const string WindowOrder = "windowOrder";
    /// <summary>Funding shares whose percents do not sum to exactly 100.</summary>
    public const string FundingSum = "fundingSum";
    /// <summary><c>usePoints</c> above the customer's balance.</summary>
    public const string ExceedsBalance = "exceedsBalance";
    /// <summary>Pricing the cart would overflow 64-bit minor units, reported at <c>$</c>.</summary>
    public const string Overflow = "overflow";
    /// <summary>The rule-set file could not be read (missing, unreadable), reported at <c>$</c>.</summary>
    public const string Unreadable = "unreadable";
    /// <summary>A return names a line the order's result does not have (spec §14).</summary>
    public const string UnknownLine = "unknownLine";
    /// <summary>A return takes back more units of a line than it has, with those returned before (spec §14).</summary>
    public const string ExceedsQuantity = "exceedsQuantity";
    /// <summary>A result to return against breaks the §6 or §10 invariants or cannot come from a pass; at <c>$</c> of the result.</summary>
    public const string BrokenResult = "brokenResult";
    /// <summary>An error raised without a code of its own (code written before codes existed); report it as a bug.</summary>
    public const string Invalid = "invalid";
}
