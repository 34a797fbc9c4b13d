using System.Text;
using PromoEngine.Validation;

namespace PromoEngine.Loading;

/// <summary>
/// The one way a JSON document's bytes become text, in every front end: strict UTF-8, a leading
/// byte-order mark allowed and skipped, anything else refused — never replaced, since a replaced byte
/// could make one file price differently in two places.
/// </summary>
public static class Utf8Document
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The document's text.</summary>
    /// <param name="bytes">The document as read (file, request body).</param>
    /// <param name="document">Which document it is, for the error (<see cref="ValidationError.Rules"/>, <see cref="ValidationError.Cart"/>, …).</param>
    /// <exception cref="PromoValidationException">The bytes are not UTF-8: one error at <c>$</c>, code <see cref="ErrorCodes.InvalidEncoding"/>.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var problem = ErrorCatalog.InvalidUtf8;
            throw new PromoValidationException([new ValidationError(document, JsonPath.Root, problem.Message, problem.Code)]);
        }
    }
}
