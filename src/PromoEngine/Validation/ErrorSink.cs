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

    /// <summary>Records <paramref name="problem"/> (from <see cref="ErrorCatalog"/>) at <paramref name="path"/>.</summary>
    public void Add(string path, Problem problem)
    {
        if (_paths.Add(path)) _errors.Add(new ValidationError(Document, path, problem.Message, problem.Code));
    }

    public void Add(Json.LazyPath path, Problem problem) => Add(path.ToString(), problem);

    /// <summary>
    /// An error without a catalog entry, coded <see cref="ErrorCodes.Invalid"/>: kept so that code written
    /// before the catalog compiles; new code passes a <see cref="Problem"/>.
    /// </summary>
    public void Add(string path, string message) => Add(path, new Problem(ErrorCodes.Invalid, message));

    public void ThrowIfAny(bool onlyIf = true)
    {
        if (onlyIf && HasErrors) throw new PromoValidationException(_errors.ToArray());
    }
}
