using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromoEngine.Redemption;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Opens the ledger when the service starts (<see cref="LedgerAccess.WarmUpAsync"/>), then sweeps its expired
/// reservations now and then. Every ledger operation already treats them as released; sweeping marks them
/// <c>expired</c> and frees their rows.
/// </summary>
internal sealed partial class LedgerSweepService(LedgerAccess ledger, IOptions<PromoEngineLedgerOptions> options,
    TimeProvider time, ILogger<LedgerSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ledger.Enabled) return;
        try
        {
            await ledger.WarmUpAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (LedgerUnavailableException e)
        {
            LogWarmUpFailed(logger, e.Message); // not fatal: quotes answer 503 and open it again when it is back
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        var interval = options.Value.LedgerSweepInterval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var flow = await ledger.GetFlowAsync(stoppingToken).ConfigureAwait(false);
                    int swept = await flow.Ledger.SweepAsync(stoppingToken).ConfigureAwait(false);
                    if (swept > 0) LogSwept(logger, swept);
                }
                catch (LedgerUnavailableException e)
                {
                    LogSweepFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Released {Count} expired reservations")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Opening the ledger at start failed: {Reason}")]
    private static partial void LogWarmUpFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Sweeping the ledger failed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
