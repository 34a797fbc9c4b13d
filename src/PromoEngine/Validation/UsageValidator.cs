using PromoEngine.Definitions;
using PromoEngine.Money;

namespace PromoEngine.Validation;

/// <summary>
/// Checks the form of a cart's <c>usage</c> (spec §11, §14): every count a whole number ≥ 0, <c>spent</c>
/// money ≥ 0 within the rule set's minor digits. Counts under ids the rule set does not define are
/// checked too (and then ignored by the pass); a null counts object is absent. The digits come from the
/// rule set, so this runs at cart intake, against a valid rule set.
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
        ValidateCounts(usage.Promotions, JsonPath.Property(Root, "promotions"), minorDigits, error);
        ValidateCounts(usage.Coupons, JsonPath.Property(Root, "coupons"), minorDigits, error);
        if (usage.Codes is { } codes)
        {
            string codesPath = JsonPath.Property(Root, "codes");
            foreach (var (code, count) in codes) Count(JsonPath.Property(codesPath, code), count, error);
        }
    }

    private static void ValidateCounts(IReadOnlyDictionary<string, UsageCountsDefinition?>? map, string mapPath, int digits, Action<string, string> error)
    {
        if (map is null) return;
        foreach (var (id, counts) in map)
        {
            if (counts is null) continue;
            string path = JsonPath.Property(mapPath, id);
            Count(JsonPath.Property(path, "uses"), counts.Uses, error);
            Count(JsonPath.Property(path, "customerUses"), counts.CustomerUses, error);
            Count(JsonPath.Property(path, "units"), counts.Units, error);
            Count(JsonPath.Property(path, "customerUnits"), counts.CustomerUnits, error);
            if (counts.Spent is not { } spent) continue;
            string spentPath = JsonPath.Property(path, "spent");
            if (spent < 0) error(spentPath, $"must not be negative, got {spent}");
            else if (!MinorUnits.HasAtMostDigits(spent, digits)) error(spentPath, $"{spent} has more decimals than the currency allows ({digits})");
            else if (!MinorUnits.TryFromMajor(spent, digits, out _)) error(spentPath, $"{spent} is too large");
        }
    }

    private static void Count(string path, long? count, Action<string, string> error)
    {
        if (count < 0) error(path, $"must be 0 or more, got {count}");
    }
}
