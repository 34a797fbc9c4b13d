namespace PromoEngine;

/// <summary>One problem in a rule set or cart, located by its JSON path.</summary>
/// <param name="Document">Which document it is in: <c>rules</c> or <c>cart</c>.</param>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.promotions[3].tiers[1].atLeast</c>.</param>
/// <param name="Message">What is wrong, for people; its wording may change.</param>
/// <param name="Code">What is wrong, for programs: a stable code from <see cref="ErrorCodes"/>.</param>
public sealed record ValidationError(string Document, string Path, string Message, string Code)
{
    /// <summary>An error without a code of its own (<see cref="ErrorCodes.Invalid"/>); prefer the constructor with a code.</summary>
    public ValidationError(string Document, string Path, string Message)
        : this(Document, Path, Message, ErrorCodes.Invalid)
    {
    }

    /// <summary>The rules document.</summary>
    public const string Rules = "rules";
    /// <summary>The cart document.</summary>
    public const string Cart = "cart";

    /// <summary>The line printed by <c>promo</c>: path first.</summary>
    public override string ToString() => $"{Path} ({Document}): {Message}";
}

/// <summary>Thrown when a rule set or cart is invalid; carries every error found.</summary>
public sealed class PromoValidationException : Exception
{
    /// <summary>Creates the exception from the errors found (at least one).</summary>
    public PromoValidationException(IReadOnlyList<ValidationError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found: first those of the JSON's shape (types, unknown properties), then those of its meaning.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 1 ? $"Invalid input: {errors[0]}"
            : $"Invalid input ({errors.Count} errors):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
