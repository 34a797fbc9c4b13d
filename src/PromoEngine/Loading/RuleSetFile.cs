using System.Security.Cryptography;

namespace PromoEngine.Loading;

/// <summary>
/// A rule-set file loaded the one way every front end loads it (the online service, the till and
/// <c>promo</c>): its bytes as read, their SHA-256, and the engine compiled from them — the bytes decoded
/// as strict UTF-8 (<see cref="Utf8Document"/>), then read, validated and compiled. So one file is
/// refused, or priced, alike everywhere.
/// </summary>
public sealed class RuleSetFile
{
    private readonly byte[] _bytes;

    private RuleSetFile(byte[] bytes, string digest, PricingEngine engine)
    {
        _bytes = bytes;
        Digest = digest;
        Engine = engine;
    }

    /// <summary>The file's bytes, exactly as read (a byte-order mark included).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Lower-case hex SHA-256 of <see cref="Bytes"/>: two places hold the same rule set when their digests agree.</summary>
    public string Digest { get; }

    /// <summary>The compiled, thread-safe engine.</summary>
    public PricingEngine Engine { get; }

    /// <summary>Loads the rule set in these bytes (which are copied).</summary>
    /// <exception cref="PromoValidationException">The bytes are not UTF-8, not JSON, or not a valid rule set; every error is listed.</exception>
    public static RuleSetFile FromBytes(ReadOnlySpan<byte> bytes) => Create(bytes.ToArray());

    /// <summary>Reads and loads a rule-set file.</summary>
    /// <exception cref="PromoValidationException">The file is not UTF-8, not JSON, or not a valid rule set; every error is listed.</exception>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when missing).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static RuleSetFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Create(File.ReadAllBytes(path));
    }

    private static RuleSetFile Create(byte[] bytes)
    {
        string text = Utf8Document.Decode(bytes, ValidationError.Rules);
        return new RuleSetFile(bytes, ComputeDigest(bytes), PricingEngine.FromJson(text));
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>, as <see cref="Digest"/> gives it: to tell a changed file before compiling it.</summary>
    public static string ComputeDigest(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
