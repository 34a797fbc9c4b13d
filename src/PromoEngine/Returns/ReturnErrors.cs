using System.Globalization;
using PromoEngine.Validation;
using C = PromoEngine.ErrorCodes;

namespace PromoEngine.Returns;

/// <summary>
/// The messages of returns that the shared <see cref="ErrorCatalog"/> has no line for, each with its
/// stable code. Messages about a result's invariants are built where they are checked
/// (<see cref="ResultChecks"/>): they quote the numbers that disagree.
/// </summary>
internal static class ReturnErrors
{
    public static Problem NowRequired => new(C.Required, "now is required: the lines returned now");
    public static Problem NowEmpty => new(C.EmptyList, "now must not be empty: a return returns at least one line");
    public static Problem UnknownLine(string line, IEnumerable<string> lines) =>
        new(C.UnknownLine, $"unknown line \"{line}\"; the result's lines are {string.Join(", ", lines)}");
    public static Problem LineTwice(string line, string first) => new(C.Duplicate, $"line \"{line}\" is listed twice (first at {first})");
    public static Problem PreviousExceeds(string line, long quantity, long previous) =>
        new(C.ExceedsQuantity, $"line \"{line}\" has {Units(quantity)}; {N(previous)} cannot have been returned before");
    public static Problem NowExceeds(string line, long quantity, long now) =>
        new(C.ExceedsQuantity, $"line \"{line}\" has {Units(quantity)}, fewer than {N(now)}");
    public static Problem TogetherExceed(string line, long quantity, long previous, long now) =>
        new(C.ExceedsQuantity, $"line \"{line}\" has {Units(quantity)}: {N(previous)} returned before and {N(now)} now make {((Int128)previous + now).ToString(CultureInfo.InvariantCulture)}");
    public static Problem V1Result(string what) =>
        new(C.Required, $"missing: a v1 result cannot be returned against; returns need {what}");
    public static Problem NotAResult(string got) => new(C.ExpectedObject, $"expected an object (a result document), got {got}");
    public static Problem WrittenDigits(string currency, int digits, int maximum) =>
        new(C.TooManyDecimals, $"the money of {currency} is written with {N(digits)} decimals; at most {N(maximum)} are possible");
    public static Problem Broken(string message) => new(C.BrokenResult, message);

    private static string Units(long n) => n == 1 ? "1 unit" : $"{N(n)} units";

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
