using System.Threading.Channels;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Loads the rule set at start-up, then reloads it in the background whenever the provider signals a
/// change (after <see cref="PromoEngineOptions.ChangeDelay"/>) and every <see cref="PromoEngineOptions.PollInterval"/>.
/// </summary>
internal sealed partial class RuleSetReloadService : BackgroundService
{
    private readonly RuleSetManager _manager;
    private readonly IRuleSetProvider _provider;
    private readonly PromoEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private IDisposable? _watch;

    public RuleSetReloadService(RuleSetManager manager, IRuleSetProvider provider, IOptions<PromoEngineOptions> options,
        TimeProvider timeProvider, ILogger<RuleSetReloadService> logger)
    {
        _manager = manager;
        _provider = provider;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Watch before the first read, so that a change made while it is read is not missed.
        if (_options.WatchForChanges) _watch = ChangeToken.OnChange(Watch, () => _changes.Writer.TryWrite(true));
        await _manager.ReloadAsync(cancellationToken).ConfigureAwait(false);
        if (_manager.Current is null)
            LogNoRuleSet(_logger, _provider.Description);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        _watch = null;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _watch?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan poll = _options.PollInterval > TimeSpan.Zero ? _options.PollInterval : Timeout.InfiniteTimeSpan;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await WaitForChangeAsync(poll, stoppingToken).ConfigureAwait(false) && _options.ChangeDelay > TimeSpan.Zero)
                {
                    // Let the writer finish; events that arrive meanwhile are folded into this reload.
                    await Task.Delay(_options.ChangeDelay, _time, stoppingToken).ConfigureAwait(false);
                }
                while (_changes.Reader.TryRead(out _)) { }
                await _manager.ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReloadLoopFailed(_logger, e);
            }
        }
    }

    /// <summary>The provider's change token; a provider that fails to give one is left to polling.</summary>
    private IChangeToken Watch()
    {
        try
        {
            return _provider.Watch();
        }
        catch (Exception e)
        {
            // Called again from the thread that fired the previous token, where an exception would end the process.
            LogWatchFailed(_logger, e, _provider.Description);
            return NullChangeToken.Singleton;
        }
    }

    /// <summary>Waits for a change signal (true) or the poll interval (false).</summary>
    private async Task<bool> WaitForChangeAsync(TimeSpan poll, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (poll != Timeout.InfiniteTimeSpan) timeout.CancelAfter(poll);
        try
        {
            return await _changes.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Critical,
        Message = "No valid rule set could be loaded from {Source}: quotes are refused (503) until one is")]
    private static partial void LogNoRuleSet(ILogger logger, string source);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Cannot watch {Source} for changes; relying on polling")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Rule-set reload failed")]
    private static partial void LogReloadLoopFailed(ILogger logger, Exception exception);
}
