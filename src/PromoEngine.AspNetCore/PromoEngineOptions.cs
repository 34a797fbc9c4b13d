namespace PromoEngine.AspNetCore;

/// <summary>
/// Settings of the PromoEngine online adapter, bound from the configuration section
/// <c>PromoEngine</c> (so <c>PromoEngine:RuleSetPath</c>, <c>--PromoEngine:RuleSetPath=FILE</c> and
/// <c>PromoEngine__RuleSetPath</c> all set <see cref="RuleSetPath"/>).
/// </summary>
public sealed class PromoEngineOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "PromoEngine";

    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>
    /// Path of the rule-set JSON file. A relative path is resolved against the host's content root.
    /// Required unless a custom <see cref="IRuleSetProvider"/> is registered.
    /// </summary>
    public string? RuleSetPath { get; set; }

    /// <summary>
    /// Largest request body accepted by <c>/v1/quote</c> and <c>/v1/validate</c>, in bytes; larger bodies
    /// are refused with 413. Default 1 MiB.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>The default number of coupons a cart may present: 100.</summary>
    public const int DefaultMaxCouponCandidates = 100;

    /// <summary>
    /// Most coupons a cart sent to <c>/v1/quote</c> or <c>/v1/orders</c> may present; more are refused with
    /// 400 at <c>$.coupons</c> before anything is priced, so that no request can ask for unbounded work.
    /// Default 100.
    /// </summary>
    public int MaxCouponCandidates { get; set; } = DefaultMaxCouponCandidates;

    /// <summary>
    /// Whether to watch the rule set for changes (a file watcher for <see cref="RuleSetPath"/>, or the
    /// change tokens of a custom provider). Default <see langword="true"/>.
    /// </summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// How often the rule set is re-read and compared by content hash, as a fallback for change
    /// notifications that never arrive (file watchers are unreliable in containers and on network
    /// file systems). Zero or negative disables polling. Default 5 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long to wait after a change notification before reading the rule set, so that a file that
    /// is still being written is read once it is complete. Default 200 ms.
    /// </summary>
    public TimeSpan ChangeDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
