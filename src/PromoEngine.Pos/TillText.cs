using System.Globalization;
using System.Text;

namespace PromoEngine.Pos;

/// <summary>
/// What the till does with text it is handed (member ids, coupon codes): text that is not text — a lone
/// UTF-16 surrogate, which no JSON or UTF-8 can carry — is refused with the error the engine's readers give
/// for it in a cart; and any text is shown on screens and receipts with its control characters made
/// visible, so a code cannot move the cursor, clear the screen or drive the receipt printer.
/// </summary>
public static class TillText
{
    /// <summary>Refuses <paramref name="value"/> when it holds a lone surrogate, located at <paramref name="path"/> of the cart.</summary>
    /// <exception cref="TillException">The text holds a lone surrogate.</exception>
    internal static void Check(string value, string what, string path)
    {
        if (IsWellFormed(value)) return;
        var error = new ValidationError(ValidationError.Cart, path, Catalog.LoneSurrogateMessage, ErrorCodes.InvalidString);
        throw new TillException($"the {what} is not valid text (it holds a lone UTF-16 surrogate)", [error]);
    }

    /// <summary>Whether <paramref name="value"/> is well-formed UTF-16 (every surrogate in a pair).</summary>
    public static bool IsWellFormed(string value)
    {
        int at = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0) return true;
        for (int i = at; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// <paramref name="value"/> as it may be printed: control characters as <c>\u0000</c>-style escapes and
    /// lone surrogates as U+FFFD. Text without either is returned as it is.
    /// </summary>
    public static string Printable(string value)
    {
        if (!NeedsEscaping(value)) return value;
        var sb = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c)) sb.Append('\uFFFD');
            else if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (char c in value)
            if (char.IsControl(c) || char.IsSurrogate(c)) return true;
        return false;
    }
}
