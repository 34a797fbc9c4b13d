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
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(error);
        ValidateCounts(usage.Promotions, "promotions", minorDigits, error);
        ValidateCounts(usage.Coupons, "coupons", minorDigits, error);
        if (usage.Codes is Dictionary<string, long?> codes)
            foreach (var (code, count) in codes) Count("codes", code, null, count, error);
        else if (usage.Codes is { } other)
            foreach (var (code, count) in other) Count("codes", code, null, count, error);
    }

    private static void ValidateCounts(IReadOnlyDictionary<string, UsageCountsDefinition?>? map, string mapName, int digits, Action<string, string> error)
    {
        if (map is Dictionary<string, UsageCountsDefinition?> dictionary)
            foreach (var (id, counts) in dictionary) ValidateCounts(counts, mapName, id, digits, error);
        else if (map is not null)
            foreach (var (id, counts) in map) ValidateCounts(counts, mapName, id, digits, error);
    }

    private static void ValidateCounts(UsageCountsDefinition? counts, string mapName, string id, int digits, Action<string, string> error)
    {
        if (counts is null) return;
        Count(mapName, id, "uses", counts.Uses, error);
        Count(mapName, id, "customerUses", counts.CustomerUses, error);
        Count(mapName, id, "units", counts.Units, error);
        Count(mapName, id, "customerUnits", counts.CustomerUnits, error);
        if (counts.Spent is not { } spent) return;
        if (spent < 0) error(PathOf(mapName, id, "spent"), $"must not be negative, got {spent}");
        else if (!MinorUnits.HasAtMostDigits(spent, digits)) error(PathOf(mapName, id, "spent"), $"{spent} has more decimals than the currency allows ({digits})");
        else if (!MinorUnits.TryFromMajor(spent, digits, out _)) error(PathOf(mapName, id, "spent"), $"{spent} is too large");
    }

    private static void Count(string mapName, string id, string? name, long? count, Action<string, string> error)
    {
        if (count < 0) error(PathOf(mapName, id, name), $"must be 0 or more, got {count}");
    }

    private static string PathOf(string mapName, string id, string? name)
    {
        string entry = JsonPath.Property(JsonPath.Property(Root, mapName), id);
        return name is null ? entry : JsonPath.Property(entry, name);
    }
}
