using Microsoft.AspNetCore.Builder;

namespace PromoEngine.AspNetCore;

/// <summary>Adds the middleware behind the PromoEngine endpoints' rate-limiting and request-timeout policies.</summary>
public static class PromoEngineApplicationBuilderExtensions
{
    /// <summary>
    /// Adds ASP.NET Core's rate limiter (<see cref="PromoEngineOptions.RateLimit"/>) and request timeouts
    /// (<see cref="PromoEngineOptions.RequestTimeout"/>) to the pipeline; call it after routing (in a
    /// <c>WebApplication</c>, anywhere before the endpoints run) and before <c>MapPromoEngine</c>'s endpoints are
    /// reached. Without it the endpoints work, but neither limit applies. Authentication and authorization
    /// (<see cref="PromoEngineOptions.ApiKey"/>) need nothing here: a <c>WebApplication</c> adds their middleware
    /// itself.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IApplicationBuilder UsePromoEngine(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Rejected requests cost nothing more, so the limiter comes first.
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }
}
