using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Validation;

/// <summary>
/// Checks the form of a cart's <c>usage</c> (spec §11, §14): every count a whole number ≥ 0, <c>spent</c>
/// money ≥ 0 within the rule set's minor digits. Counts under ids the rule set does not define are
/// checked too (and then ignored by the pass); a null counts object is absent. The digits come from the
/// rule set, so this runs at cart intake, against a valid rule set — on every priced cart, so a valid
/// usage costs no allocation: paths are built only for errors, and the readers' dictionaries are walked
/// with their own enumerators.
/// </summary>
internal static class UsageValidator
{
    /// <summary>The path of a cart's usage object.</summary>
    public const string Root = "$.usage";

    /// <summary>Reports every problem as <c>error(path, message)</c>, paths from <c>$.usage</c>.</summary>
    internal static void Validate(UsageDefinition usage, int minorDigits, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Run(usage, minorDigits, new Sink(error, null));
    }

    /// <summary>Reports every problem with its code as <c>error(path, problem)</c> (for <see cref="ErrorSink.Add(string, Problem)"/>).</summary>
    internal static void Report(UsageDefinition usage, int minorDigits, Action<string, Problem> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Run(usage, minorDigits, new Sink(null, error));
    }

    /// <summary>Whichever callback the caller gave, without a closure per call.</summary>
    private readonly struct Sink(Action<string, string>? text, Action<string, Problem>? coded)
    {
        public void Add(string path, Problem problem)
        {
            if (coded is not null) coded(path, problem);
            else text!(path, problem.Message);
        }
    }

    private static void Run(UsageDefinition usage, int minorDigits, Sink error)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ValidateCounts(usage.Promotions, "promotions", minorDigits, error);
        ValidateCounts(usage.Coupons, "coupons", minorDigits, error);
        if (usage.Codes is Dictionary<string, long?> codes)
            foreach (var (code, count) in codes) Count("codes", code, null, count, error);
        else if (usage.Codes is { } other)
            foreach (var (code, count) in other) Count("codes", code, null, count, error);
    }

    private static void ValidateCounts(IReadOnlyDictionary<string, UsageCountsDefinition?>? map, string mapName, int digits, Sink error)
    {
        if (map is Dictionary<string, UsageCountsDefinition?> dictionary)
            foreach (var (id, counts) in dictionary) ValidateCounts(counts, mapName, id, digits, error);
        else if (map is not null)
            foreach (var (id, counts) in map) ValidateCounts(counts, mapName, id, digits, error);
    }

    private static void ValidateCounts(UsageCountsDefinition? counts, string mapName, string id, int digits, Sink error)
    {
        if (counts is null) return;
        Count(mapName, id, "uses", counts.Uses, error);
        Count(mapName, id, "customerUses", counts.CustomerUses, error);
        Count(mapName, id, "units", counts.Units, error);
        Count(mapName, id, "customerUnits", counts.CustomerUnits, error);
        if (counts.Spent is not { } spent) return;
        if (spent < 0) error.Add(PathOf(mapName, id, "spent"), ErrorCatalog.Negative(spent));
        else if (!MinorUnits.HasAtMostDigits(spent, digits)) error.Add(PathOf(mapName, id, "spent"), ErrorCatalog.TooManyDecimalsForDigits(spent, digits));
        else if (!MinorUnits.TryFromMajor(spent, digits, out _)) error.Add(PathOf(mapName, id, "spent"), ErrorCatalog.TooLarge(spent));
    }

    private static void Count(string mapName, string id, string? name, long? count, Sink error)
    {
        if (count < 0) error.Add(PathOf(mapName, id, name), ErrorCatalog.AtLeast(0, count.Value));
    }

    private static string PathOf(string mapName, string id, string? name)
    {
        string entry = JsonPath.Property(JsonPath.Property(Root, mapName), id);
        return name is null ? entry : JsonPath.Property(entry, name);
    }
}
