namespace PromoEngine.AspNetCore;

/// <summary>
/// Why the last attempt to load a rule set failed. The rule set being served (if any) is unchanged.
/// </summary>
/// <param name="At">When the attempt was made.</param>
/// <param name="Sha256">SHA-256 of the rejected document, lowercase hex; <see langword="null"/> when it could not be read.</param>
/// <param name="Errors">Every problem found, with its JSON path (document <c>rules</c>).</param>
public sealed record RuleSetLoadError(DateTimeOffset At, string? Sha256, IReadOnlyList<ValidationError> Errors);

/// <summary>What a call of <see cref="RuleSetManager.ReloadAsync"/> did.</summary>
public enum RuleSetReloadOutcome
{
    /// <summary>A new rule set was compiled and is now served.</summary>
    Loaded,

    /// <summary>The document is the one already served, or one already rejected: nothing changed.</summary>
    Unchanged,

    /// <summary>The document could not be read or is invalid; the previous rule set (if any) keeps serving.</summary>
    Rejected,
}
