using PromoEngine.Validation;

namespace PromoEngine.Returns;

/// <summary>
/// Collects the errors of one document of a return. A returns document reports each error at its own
/// path (one error per path); a result document reports every error at <c>$</c> (spec §14), naming the
/// place inside the result in the message.
/// </summary>
internal sealed class DocumentErrors(string document, bool everythingAtRoot)
{
    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public string Document { get; } = document;

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Add(string path, Problem problem)
    {
        if (everythingAtRoot)
        {
            string text = path == "$" ? problem.Message : $"{path}: {problem.Message}";
            if (_seen.Add(text)) _errors.Add(new ValidationError(Document, "$", text, problem.Code));
        }
        else if (_seen.Add(path))
        {
            _errors.Add(new ValidationError(Document, path, problem.Message, problem.Code));
        }
    }
}
