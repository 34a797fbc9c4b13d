using Microsoft.Extensions.Logging;
using PromoEngine.Loading;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Holds the rule set being served and replaces it when the source changes. Reading
/// <see cref="Current"/> is lock-free; a reload reads, validates and compiles the new document on the
/// caller's thread (the background reload service, never a request) and then swaps the snapshot in
/// with a single atomic exchange. An invalid document is rejected and logged, and the previous rule
/// set keeps serving.
/// </summary>
public sealed partial class RuleSetManager
{
    private static readonly State Empty = new(null, null);

    private readonly IRuleSetProvider _provider;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly PromoEngineMetrics? _metrics;
    private State _state = Empty;

    /// <summary>Creates a manager that loads from <paramref name="provider"/>; nothing is loaded until <see cref="ReloadAsync"/>.</summary>
    /// <param name="provider">Where the rule set comes from.</param>
    /// <param name="timeProvider">The clock for <see cref="RuleSetSnapshot.LoadedAt"/>.</param>
    /// <param name="logger">Where loads and rejections are logged.</param>
    public RuleSetManager(IRuleSetProvider provider, TimeProvider timeProvider, ILogger<RuleSetManager> logger)
        : this(provider, timeProvider, logger, null)
    {
    }

    /// <summary>Creates a manager that counts its reloads and publishes the served version on <paramref name="metrics"/>.</summary>
    internal RuleSetManager(IRuleSetProvider provider, TimeProvider timeProvider, ILogger<RuleSetManager> logger, PromoEngineMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _provider = provider;
        _time = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>The rule set being served, or <see langword="null"/> when no valid rule set has been loaded yet.</summary>
    /// <remarks>Read it once per request and use that snapshot throughout.</remarks>
    public RuleSetSnapshot? Current => Volatile.Read(ref _state).Current;

    /// <summary>
    /// Why the latest attempt to load a changed rule set failed, or <see langword="null"/> when the
    /// latest attempt succeeded (or the source again holds the document being served).
    /// </summary>
    public RuleSetLoadError? LastError => Volatile.Read(ref _state).LastError;

    /// <summary>The served snapshot and the last error, read together.</summary>
    internal (RuleSetSnapshot? Current, RuleSetLoadError? LastError) ReadState()
    {
        var state = Volatile.Read(ref _state);
        return (state.Current, state.LastError);
    }

    /// <summary>
    /// Reads the rule set from the provider and, when its content differs from the rule set being
    /// served and from the last rejected one, validates and compiles it and swaps it in.
    /// Concurrent calls run one after another.
    /// </summary>
    /// <returns>What happened; failures are not thrown but recorded in <see cref="LastError"/> and logged.</returns>
    public async Task<RuleSetReloadOutcome> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var activity = PromoEngineMetrics.Start("promoengine.ruleset.reload");
            var outcome = await ReloadCoreAsync(cancellationToken).ConfigureAwait(false);
            activity?.SetTag(PromoEngineMetrics.Outcome, outcome.ToString());
            _metrics?.Reloaded(outcome, Current);
            return outcome;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private async Task<RuleSetReloadOutcome> ReloadCoreAsync(CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        byte[] bytes;
        try
        {
            bytes = await _provider.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            string message = e is FileNotFoundException or DirectoryNotFoundException
                ? "the rule-set file does not exist"
                : $"the rule set cannot be read ({e.GetType().Name})";
            bool repeated = state.LastError is { Sha256: null } last && last.Errors.Count == 1 && last.Errors[0].Message == message;
            if (repeated) LogReadFailedAgain(_logger, _provider.Description, message);
            else LogReadFailed(_logger, e, _provider.Description, state.Current?.Version ?? "nothing");
            Publish(state with { LastError = new RuleSetLoadError(_time.GetUtcNow(), null, [new ValidationError(ValidationError.Rules, "$", message, ErrorCodes.Unreadable)]) });
            return RuleSetReloadOutcome.Rejected;
        }

        string sha256 = RuleSetFile.ComputeDigest(bytes);
        if (state.Current?.Sha256 == sha256)
        {
            // The source holds what is served (e.g. a bad edit was reverted): nothing is wrong any more.
            if (state.LastError is not null) Publish(state with { LastError = null });
            return RuleSetReloadOutcome.Unchanged;
        }
        if (state.LastError?.Sha256 == sha256) return RuleSetReloadOutcome.Unchanged;

        PricingEngine engine;
        try
        {
            engine = RuleSetFile.FromBytes(bytes).Engine; // the one loader of the till and promo too
            engine.WarmUp(); // off the request path: the first quote after a deploy or a reload does not compile the engine
        }
        catch (PromoValidationException e)
        {
            LogRejected(_logger, _provider.Description, sha256, state.Current?.Version ?? "nothing", e.Errors.Count,
                string.Join(Environment.NewLine, e.Errors));
            Publish(state with { LastError = new RuleSetLoadError(_time.GetUtcNow(), sha256, e.Errors) });
            return RuleSetReloadOutcome.Rejected;
        }
        catch (Exception e)
        {
            // An engine failure other than a validation error must not take the served rule set down either.
            LogCompileFailed(_logger, e, _provider.Description, sha256, state.Current?.Version ?? "nothing");
            var error = new ValidationError(ValidationError.Rules, "$", $"the rule set could not be compiled ({e.GetType().Name})", ErrorCodes.Invalid);
            Publish(state with { LastError = new RuleSetLoadError(_time.GetUtcNow(), sha256, [error]) });
            return RuleSetReloadOutcome.Rejected;
        }

        var snapshot = new RuleSetSnapshot(engine, sha256, _time.GetUtcNow(), _provider.Description);
        Publish(new State(snapshot, null));
        LogLoaded(_logger, snapshot.Id, snapshot.Version, _provider.Description, sha256, state.Current?.Version ?? "nothing");
        return RuleSetReloadOutcome.Loaded;
    }

    // Writers are serialized by _reloadGate, so a plain exchange of the immutable state is atomic enough;
    // readers never see a half-built snapshot.
    private void Publish(State state) => Interlocked.Exchange(ref _state, state);

    private sealed record State(RuleSetSnapshot? Current, RuleSetLoadError? LastError);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Loaded rule set {Id} version {Version} from {Source} (sha256 {Sha256}); it replaces {Previous}")]
    private static partial void LogLoaded(ILogger logger, string id, string version, string source, string sha256, string previous);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "Rejected the rule set in {Source} (sha256 {Sha256}); still serving {Current}. {Count} error(s):\n{Errors}")]
    private static partial void LogRejected(ILogger logger, string source, string sha256, string current, int count, string errors);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Cannot read the rule set from {Source}; still serving {Current}")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string source, string current);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "Could not compile the rule set in {Source} (sha256 {Sha256}); still serving {Current}")]
    private static partial void LogCompileFailed(ILogger logger, Exception exception, string source, string sha256, string current);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "Still cannot read the rule set from {Source}: {Message}")]
    private static partial void LogReadFailedAgain(ILogger logger, string source, string message);
}
