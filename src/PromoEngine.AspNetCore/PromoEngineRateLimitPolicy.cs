using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PromoEngine.AspNetCore;

/// <summary>
/// The rate-limiting policy of the <c>/v1</c> endpoints (<see cref="PromoEngineOptions.RateLimit"/>): a token
/// bucket per client address; over the limit, 429 with problem details and <c>Retry-After</c>.
/// </summary>
internal sealed class PromoEngineRateLimitPolicy(IOptions<PromoEngineOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy's name in <see cref="RateLimiterOptions"/>.</summary>
    public const string Name = "PromoEngine";

    private readonly PromoEngineRateLimitOptions _limit = options.Value.RateLimit;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var http = context.HttpContext;
        string detail = "Too many requests from this client; try again later.";
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            detail = $"Too many requests from this client; try again in {seconds} s.";
        }
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: detail, instance: http.Request.Path).ExecuteAsync(http).ConfigureAwait(false);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (_limit.PermitsPerSecond <= 0) return RateLimitPartition.GetNoLimiter("");
        string client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        int perSecond = _limit.PermitsPerSecond;
        int burst = _limit.Burst > 0 ? _limit.Burst : perSecond;
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
