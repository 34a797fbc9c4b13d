using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Healthy while a valid rule set is served; degraded when the latest change was rejected (the
/// previous rule set still serves); unhealthy when no valid rule set has been loaded, or while the service
/// warms itself up at start (<see cref="ServiceWarmUp"/>), so that no traffic is sent to it before.
/// </summary>
internal sealed class RuleSetHealthCheck(RuleSetManager manager, ServiceWarmUp warmUp) : IHealthCheck
{
    public const string Name = "promoengine-ruleset";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (current, lastError) = manager.ReadState();
        var data = new Dictionary<string, object>();
        if (current is not null)
        {
            data["id"] = current.Id;
            data["version"] = current.Version;
            data["sha256"] = current.Sha256;
            data["loadedAt"] = current.LoadedAt;
        }
        if (lastError is not null) data["lastError"] = string.Join("; ", lastError.Errors);

        HealthCheckResult result =
            current is null ? HealthCheckResult.Unhealthy("No valid rule set is loaded.", data: data)
            : warmUp.Warming ? HealthCheckResult.Unhealthy("Warming up: the first quotes are being sent through the service.", data: data)
            : lastError is not null ? HealthCheckResult.Degraded(
                $"The latest rule set was rejected; still serving version {current.Version}.", data: data)
            : HealthCheckResult.Healthy($"Serving rule set {current.Id} version {current.Version}.", data);
        return Task.FromResult(result);
    }
}
