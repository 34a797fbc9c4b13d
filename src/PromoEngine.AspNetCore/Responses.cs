using System.Text.Json.Serialization;

namespace PromoEngine.AspNetCore;

/// <summary>The answer of <c>POST /v1/validate</c> for a valid rule set.</summary>
/// <param name="Status">Always <c>ok</c>.</param>
/// <param name="Id">The rule-set id.</param>
/// <param name="Version">The rule-set version.</param>
public sealed record RuleSetValidationResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] string Version);

/// <summary>The answer of <c>GET /v1/ruleset</c>: the rule set being served.</summary>
/// <param name="Id">The rule-set id.</param>
/// <param name="Version">The rule-set version; results priced now name it.</param>
/// <param name="Sha256">SHA-256 of the rule-set document's bytes, lowercase hex.</param>
/// <param name="LoadedAt">When it was loaded (UTC).</param>
/// <param name="LastError">Why the latest change was rejected, or <see langword="null"/>.</param>
public sealed record RuleSetInfoResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("loadedAt")] DateTimeOffset LoadedAt,
    [property: JsonPropertyName("lastError")] RuleSetLoadErrorResponse? LastError);

/// <summary>A rejected rule-set change, as reported by <c>GET /v1/ruleset</c>.</summary>
/// <param name="At">When the change was rejected (UTC).</param>
/// <param name="Sha256">SHA-256 of the rejected document, or <see langword="null"/> when it could not be read.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record RuleSetLoadErrorResponse(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("errors")] IReadOnlyList<ErrorResponse> Errors);

/// <summary>One input error, as listed in the <c>errors</c> member of problem details.</summary>
/// <param name="Document">Which document it is in: <c>cart</c> or <c>rules</c>.</param>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.lines[0].quantity</c>.</param>
/// <param name="Message">What is wrong, for people; its wording may change.</param>
/// <param name="Code">What is wrong, for programs: a stable code of <see cref="ErrorCodes"/> (docs/errors.md).</param>
public sealed record ErrorResponse(
    [property: JsonPropertyName("document")] string Document,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] string Code)
{
    /// <summary>Converts an engine error.</summary>
    public static ErrorResponse From(ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorResponse(error.Document, error.Path, error.Message, error.Code);
    }
}
