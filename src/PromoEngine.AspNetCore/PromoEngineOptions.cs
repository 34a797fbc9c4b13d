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

    /// <summary>
    /// Whether the service, once its server listens, sends the rule set's warm-up carts to its own
    /// <c>/v1/quote</c> before the host reports it started (the health check answers 503 "warming up"
    /// meanwhile), so that the first shopper's quote does not pay for compiling the request path.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <summary>The default time a request may take, body included: 30 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a request to a <c>/v1</c> endpoint may take, from routing to the answer, its body included
    /// (through ASP.NET Core's request timeouts; <c>app.UsePromoEngine()</c> adds the middleware). A body not
    /// read by then is answered 408; work not done by then (pricing, the ledger) is cancelled and answered 503.
    /// Zero or negative: no limit. Default 30 seconds. Independently, Kestrel answers 408 to a body that
    /// arrives more slowly than its <c>MinRequestBodyDataRate</c> (240 bytes/s after a 5-second grace).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>
    /// The API key that callers of the endpoints that change or reveal state (<c>/v1/validate</c>,
    /// <c>GET /v1/ruleset</c>, an order's commit, release, cancel, returns and <c>GET</c>) send in the
    /// <c>X-Api-Key</c> header, when <see cref="AuthorizationPolicy"/> is the default policy. Unset or empty:
    /// no key is required (logged once at start), as for a developer on loopback.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The authorization policy that the endpoints that change or reveal state require. Default
    /// <see cref="PromoEngineSecurity.PolicyName"/>, defined by the adapter from <see cref="ApiKey"/>; name a
    /// policy of your own (JWT bearer, certificates, …) to protect them another way.
    /// </summary>
    public string AuthorizationPolicy { get; set; } = PromoEngineSecurity.PolicyName;

    /// <summary>Rate limiting of the <c>/v1</c> endpoints, per client.</summary>
    public PromoEngineRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Where <c>MapPromoEngine</c> serves the OpenAPI document of the PromoEngine endpoints (e.g.
    /// <c>/openapi/v1.json</c>; a path ending in <c>.yaml</c> serves YAML). Unset or empty: not served.
    /// </summary>
    public string? OpenApiPath { get; set; }
}

/// <summary>
/// A token bucket per client (its address, <see cref="Microsoft.AspNetCore.Http.ConnectionInfo.RemoteIpAddress"/>:
/// behind a proxy, use the forwarded-headers middleware so that it is the client's), through
/// <c>Microsoft.AspNetCore.RateLimiting</c>. A request over the limit is answered 429 with problem details and
/// <c>Retry-After</c>. <c>app.UsePromoEngine()</c> adds the middleware.
/// </summary>
public sealed class PromoEngineRateLimitOptions
{
    /// <summary>Requests a client may make per second, on average; zero (the default) disables rate limiting.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may make at once after a quiet spell (the bucket's size); zero: <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }
}
