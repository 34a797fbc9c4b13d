namespace PromoEngine.Redemption;

/// <summary>
/// What an order id or return id may be: 1 to 100 characters, ASCII letters, digits and <c>- _ . :</c>.
/// Ids travel in URLs, receipts and store keys; a narrow alphabet keeps them unambiguous everywhere
/// (no escaping, no look-alike Unicode, no case folding surprises: ids are compared ordinally).
/// </summary>
public static class LedgerIds
{
    /// <summary>The longest id.</summary>
    public const int MaxLength = 100;

    /// <summary>Why an id is not acceptable, or null when it is.</summary>
    /// <param name="id">The id.</param>
    /// <param name="what">What it names, for the message (<c>orderId</c>, <c>returnId</c>).</param>
    public static string? Problem(string? id, string what)
    {
        if (string.IsNullOrEmpty(id)) return $"{what} must be a non-empty string";
        if (id.Length > MaxLength) return $"{what} must have at most {MaxLength} characters";
        foreach (char c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
                return $"{what} may hold only ASCII letters, digits and - _ . : (found '{c}')";
        return null;
    }

    /// <summary>Throws when an id is not acceptable.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void Validate(string? id, string what)
    {
        if (Problem(id, what) is { } problem) throw new ArgumentException(problem, what);
    }
}
