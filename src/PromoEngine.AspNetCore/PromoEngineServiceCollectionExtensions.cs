using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromoEngine.AspNetCore;

/// <summary>Registers the PromoEngine online adapter.</summary>
public static class PromoEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the rule-set manager, the background reload service (file watcher plus polling) and the
    /// <c>promoengine-ruleset</c> health check. Options are bound from the configuration section
    /// <c>PromoEngine</c>, then <paramref name="configure"/> runs. Unless another
    /// <see cref="IRuleSetProvider"/> is registered, the rule set is read from
    /// <see cref="PromoEngineOptions.RuleSetPath"/>, which must then be set.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes to the options after configuration binding.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddPromoEngine(this IServiceCollection services, Action<PromoEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(Marker)))
        {
            services.AddSingleton<Marker>();
            // Bound first, so that 'configure' (registered after) has the last word.
            services.AddOptions<PromoEngineOptions>()
                .BindConfiguration(PromoEngineOptions.SectionName)
                .Validate(o => o.MaxRequestBodySize is > 0 and <= int.MaxValue,
                    "PromoEngine:MaxRequestBodySize must be between 1 and 2147483647 bytes.")
                .Validate(o => o.ChangeDelay >= TimeSpan.Zero, "PromoEngine:ChangeDelay must not be negative.")
                .Validate(o => o.MaxCouponCandidates >= 0, "PromoEngine:MaxCouponCandidates must not be negative.")
                .Validate(o => o.RateLimit is { PermitsPerSecond: >= 0, Burst: >= 0 },
                    "PromoEngine:RateLimit:PermitsPerSecond and PromoEngine:RateLimit:Burst must not be negative.")
                .Validate(o => !string.IsNullOrWhiteSpace(o.AuthorizationPolicy), "PromoEngine:AuthorizationPolicy must name a policy.")
                .Validate(o => string.IsNullOrEmpty(o.OpenApiPath) || o.OpenApiPath.StartsWith('/'),
                    "PromoEngine:OpenApiPath must start with '/' (or be empty: no OpenAPI document is served).")
                .ValidateOnStart();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<IRuleSetProvider>(CreateFileProvider);
            services.AddMetrics();
            services.TryAddSingleton<PromoEngineMetrics>();
            services.TryAddSingleton(sp => new RuleSetManager(sp.GetRequiredService<IRuleSetProvider>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RuleSetManager>>(), sp.GetRequiredService<PromoEngineMetrics>()));
            AddProtection(services);
            OpenApi.PromoEngineOpenApi.AddDocument(services);
            services.AddHostedService<RuleSetReloadService>();
            services.TryAddSingleton<ServiceWarmUp>();
            services.AddHostedService(sp => sp.GetRequiredService<ServiceWarmUp>());
            services.AddHealthChecks().AddCheck<RuleSetHealthCheck>(RuleSetHealthCheck.Name);
            // The redemption ledger behind /v1/orders and /v1/quote (PromoEngine:Ledger).
            services.AddOptions<PromoEngineLedgerOptions>()
                .BindConfiguration(PromoEngineOptions.SectionName)
                .Validate(o => o.ReservationTtl > TimeSpan.Zero && o.ReservationTtl <= Redemption.RedemptionLedger.MaxTtl,
                    "PromoEngine:ReservationTtl must be above 0 and at most a day.")
                .Validate(o => o.Ledger is null || o.Ledger.Trim() is "" or "none"
                        || o.Ledger.Trim() is ['s', 'q', 'l', 'i', 't', 'e', ':', _, ..] or ['r', 'e', 'd', 'i', 's', ':', _, ..],
                    "PromoEngine:Ledger must be sqlite:<path>, redis:<configuration> or none (unset: a SQLite file beside the rule set).")
                .ValidateOnStart();
            services.TryAddSingleton<LedgerAccess>();
            services.AddHostedService<LedgerSweepService>();
        }
        if (configure is not null) services.Configure(configure);
        return services;
    }

    /// <summary>
    /// Adds the adapter with a custom rule-set source: <typeparamref name="TProvider"/> is registered as
    /// the singleton <see cref="IRuleSetProvider"/>; <see cref="PromoEngineOptions.RuleSetPath"/> is not used.
    /// </summary>
    /// <typeparam name="TProvider">The rule-set provider.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional changes to the options after configuration binding.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddPromoEngine<TProvider>(this IServiceCollection services, Action<PromoEngineOptions>? configure = null)
        where TProvider : class, IRuleSetProvider
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IRuleSetProvider>();
        services.AddSingleton<IRuleSetProvider, TProvider>();
        return services.AddPromoEngine(configure);
    }

    /// <summary>
    /// Adds the adapter with a custom rule-set source created by <paramref name="providerFactory"/>;
    /// <see cref="PromoEngineOptions.RuleSetPath"/> is not used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="providerFactory">Creates the singleton <see cref="IRuleSetProvider"/>.</param>
    /// <param name="configure">Optional changes to the options after configuration binding.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddPromoEngine(this IServiceCollection services,
        Func<IServiceProvider, IRuleSetProvider> providerFactory, Action<PromoEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(providerFactory);
        services.RemoveAll<IRuleSetProvider>();
        services.AddSingleton(providerFactory);
        return services.AddPromoEngine(configure);
    }

    /// <summary>
    /// The standard ASP.NET Core mechanisms behind <c>MapPromoEngine</c>'s conventions: the API-key authentication
    /// scheme and the default authorization policy, the rate-limiting policy and the request-timeout policy.
    /// </summary>
    private static void AddProtection(IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(PromoEngineSecurity.ApiKeyScheme, null);
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, PromoEngineSecurity.ConfigurePolicy>();
        services.AddRateLimiter(o => o.AddPolicy<string, PromoEngineRateLimitPolicy>(PromoEngineRateLimitPolicy.Name));
        services.AddRequestTimeouts();
        services.AddSingleton<IConfigureOptions<RequestTimeoutOptions>, ConfigureRequestTimeout>();
    }

    /// <summary>The request-timeout policy of the <c>/v1</c> endpoints (<see cref="PromoEngineOptions.RequestTimeout"/>).</summary>
    private sealed class ConfigureRequestTimeout(IOptions<PromoEngineOptions> options) : IConfigureOptions<RequestTimeoutOptions>
    {
        public void Configure(RequestTimeoutOptions timeouts)
        {
            var timeout = options.Value.RequestTimeout;
            timeouts.AddPolicy(RequestTimeoutPolicyName, new RequestTimeoutPolicy
            {
                Timeout = timeout > TimeSpan.Zero ? timeout : null,
                // The endpoints answer a timeout themselves (RequestFailureFilter); this is for anything that escapes them.
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            });
        }
    }

    /// <summary>The name of the request-timeout policy of the <c>/v1</c> endpoints.</summary>
    internal const string RequestTimeoutPolicyName = "PromoEngine";

    private static FileRuleSetProvider CreateFileProvider(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PromoEngineOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.RuleSetPath))
        {
            throw new InvalidOperationException(
                "PromoEngine:RuleSetPath is not configured: set it (appsettings.json, --PromoEngine:RuleSetPath=FILE, " +
                "or the environment variable PromoEngine__RuleSetPath) or register an IRuleSetProvider.");
        }
        string root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
        string path = Path.GetFullPath(options.RuleSetPath, root);
        return new FileRuleSetProvider(path, services.GetService<ILogger<FileRuleSetProvider>>());
    }

    /// <summary>Marks the services as registered, so that a second call adds nothing twice.</summary>
    private sealed class Marker;
}
