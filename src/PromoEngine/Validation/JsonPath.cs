namespace PromoEngine.Validation;

/// <summary>Builds JSON paths: <c>$.promotions[3].tiers[1].atLeast</c>; a name that is not a plain identifier is quoted (<c>$.usage.codes['X 1']</c>).</summary>
internal static class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlain(name) ? parent + "." + name : parent + "['" + name.Replace("\\", "\\\\").Replace("'", "\\'") + "']";

    public static string Index(string parent, int index) => parent + "[" + index + "]";

    private static bool IsPlain(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0])) return false;
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }
}
