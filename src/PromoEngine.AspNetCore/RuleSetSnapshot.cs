namespace PromoEngine.AspNetCore;

/// <summary>
/// One loaded rule set: the compiled engine with where it came from and when. Immutable; the adapter
/// swaps whole snapshots atomically, and a request prices with the snapshot it started with.
/// </summary>
public sealed class RuleSetSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="engine">The compiled rule set.</param>
    /// <param name="sha256">SHA-256 of the rule-set document's bytes, lowercase hex.</param>
    /// <param name="loadedAt">When it was loaded.</param>
    /// <param name="source">Where it was read from (<see cref="IRuleSetProvider.Description"/>).</param>
    public RuleSetSnapshot(PricingEngine engine, string sha256, DateTimeOffset loadedAt, string source)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        ArgumentNullException.ThrowIfNull(source);
        Engine = engine;
        Sha256 = sha256;
        LoadedAt = loadedAt;
        Source = source;
    }

    /// <summary>The compiled, thread-safe pricing engine.</summary>
    public PricingEngine Engine { get; }

    /// <summary>The rule-set id.</summary>
    public string Id => Engine.RuleSetId;

    /// <summary>The rule-set version; every result priced with this snapshot names it.</summary>
    public string Version => Engine.RuleSetVersion;

    /// <summary>SHA-256 of the rule-set document's bytes (the file as read), lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>When this rule set was loaded.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>Where it was read from (<see cref="IRuleSetProvider.Description"/>).</summary>
    public string Source { get; }
}
