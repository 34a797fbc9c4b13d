using System.Text;
using PromoEngine.Loading;

namespace PromoEngine.Pos;

/// <summary>
/// A local copy of a rule set that a till prices from while offline: the compiled engine, plus what
/// identifies it on screen and on the receipt (id, version, and a digest of the exact file).
/// </summary>
public sealed class RuleSetSnapshot
{
    private RuleSetSnapshot(PricingEngine engine, string digest, string? source)
    {
        Engine = engine;
        Digest = digest;
        Source = source;
    }

    /// <summary>The compiled engine (immutable, thread-safe).</summary>
    public PricingEngine Engine { get; }

    /// <summary>The rule-set id.</summary>
    public string Id => Engine.RuleSetId;

    /// <summary>The rule-set version.</summary>
    public string Version => Engine.RuleSetVersion;

    /// <summary>The rule set's currency.</summary>
    public string Currency => Engine.Currency;

    /// <summary>Lower-case hex SHA-256 of the snapshot's bytes, so two tills can tell whether they hold the same file.</summary>
    public string Digest { get; }

    /// <summary>The first 12 hex digits of <see cref="Digest"/>, for screens and receipts.</summary>
    public string ShortDigest => Digest[..12];

    /// <summary>The file the snapshot was loaded from; null when it came from a string.</summary>
    public string? Source { get; }

    /// <summary>
    /// Loads a snapshot file (UTF-8 rule-set JSON, spec §3) with the core loader (<see cref="RuleSetFile"/>), as the
    /// online service loads it: strict UTF-8 (a leading BOM allowed), validated and compiled.
    /// </summary>
    /// <exception cref="PromoValidationException">The file is not UTF-8 or not a valid rule set; every error is listed.</exception>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when missing).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static RuleSetSnapshot Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = RuleSetFile.Load(path);
        file.Engine.WarmUp(); // a till opening: the first customer's basket does not pay for compiling the engine
        return new RuleSetSnapshot(file.Engine, file.Digest, Path.GetFullPath(path));
    }

    /// <summary>A snapshot of rule-set JSON held in memory.</summary>
    /// <exception cref="PromoValidationException">The JSON is not a valid rule set; every error is listed.</exception>
    public static RuleSetSnapshot FromJson(string rulesJson)
    {
        ArgumentNullException.ThrowIfNull(rulesJson);
        var file = RuleSetFile.FromBytes(Encoding.UTF8.GetBytes(rulesJson));
        return new RuleSetSnapshot(file.Engine, file.Digest, null);
    }

    /// <summary>"id version (digest)", e.g. <c>spring-2026 2026.03.1 (3f2a9c01b7de)</c>.</summary>
    public override string ToString() => $"{Id} {Version} ({ShortDigest})";
}
