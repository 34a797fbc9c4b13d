namespace PromoEngine.Validation;

/// <summary>
/// Collects errors of one document. One error per path: when reading a value already failed
/// (a wrong JSON type, say), the later "is required" of the same path adds nothing.
/// </summary>
internal sealed class ErrorSink(string document)
{
    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public string Document { get; } = document;

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Add(string path, string message)
    {
        if (_paths.Add(path)) _errors.Add(new ValidationError(Document, path, message));
    }

    public void Add(Json.LazyPath path, string message) => Add(path.ToString(), message);

    public void ThrowIfAny(bool onlyIf = true)
    {
        if (onlyIf && HasErrors) throw new PromoValidationException(_errors.ToArray());
    }
}

/// <summary>Builds JSON paths.</summary>
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
