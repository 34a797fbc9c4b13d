namespace PromoEngine.Pos;

/// <summary>
/// A till action was refused (unknown code, unknown line, bad quantity, points above the balance, a
/// basket the engine rejects, ...). The session is left exactly as it was before the action.
/// </summary>
public sealed class TillException : Exception
{
    /// <summary>An action refused for <paramref name="message"/>.</summary>
    public TillException(string message) : base(message)
    {
        Errors = [];
    }

    /// <summary>An action refused because the engine rejected the resulting cart.</summary>
    public TillException(string message, IReadOnlyList<ValidationError> errors, Exception? inner = null) : base(message, inner)
    {
        Errors = errors;
    }

    /// <summary>The engine's validation errors, when the engine refused the basket; empty otherwise.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
