using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PromoEngine.Redemption;
using PromoEngine.Redemption.Redis;
using PromoEngine.Redemption.Sqlite;

namespace PromoEngine.AspNetCore;

/// <summary>
/// The service's redemption ledger, opened on first use (and again after a failed attempt): a ledger that is
/// down when the service starts does not stop it from serving what needs no ledger.
/// </summary>
public sealed class LedgerAccess : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly string? _kind;
    private readonly string? _target;
    private OrderFlow? _flow;

    /// <summary>Reads the configuration (<see cref="PromoEngineLedgerOptions.Ledger"/>).</summary>
    /// <exception cref="InvalidOperationException">The setting names no known kind of ledger.</exception>
    public LedgerAccess(IOptions<PromoEngineLedgerOptions> ledgerOptions, IOptions<PromoEngineOptions> options, TimeProvider time,
        IHostEnvironment? environment = null)
    {
        _time = time;
        _ttl = ledgerOptions.Value.ReservationTtl;
        string root = environment?.ContentRootPath ?? Directory.GetCurrentDirectory();
        string? setting = ledgerOptions.Value.Ledger?.Trim();
        if (string.IsNullOrEmpty(setting))
        {
            if (string.IsNullOrWhiteSpace(options.Value.RuleSetPath)) return;
            string rules = Path.GetFullPath(options.Value.RuleSetPath, root);
            (_kind, _target) = ("sqlite", Path.Combine(Path.GetDirectoryName(rules)!, Path.GetFileNameWithoutExtension(rules) + ".ledger.db"));
        }
        else if (setting == "none") return;
        else if (setting.StartsWith("sqlite:", StringComparison.Ordinal) && setting.Length > 7)
            (_kind, _target) = ("sqlite", Path.GetFullPath(setting[7..], root));
        else if (setting.StartsWith("redis:", StringComparison.Ordinal) && setting.Length > 6)
            (_kind, _target) = ("redis", setting[6..]);
        else
            throw new InvalidOperationException(
                "PromoEngine:Ledger must be sqlite:<path>, redis:<configuration> or none (unset: a SQLite file beside the rule set).");
        _description = _kind == "sqlite" ? "sqlite:" + _target : "redis";
    }

    private readonly string? _description;

    /// <summary>Whether a ledger is configured.</summary>
    public bool Enabled => _kind is not null;

    /// <summary>What the ledger is, for messages (no secrets): <c>sqlite:PATH</c>, <c>redis</c>, or null.</summary>
    public string? Description => _flow?.Ledger.Store.Description ?? _description;

    /// <summary>The order flow over the ledger, opening it when needed.</summary>
    /// <exception cref="InvalidOperationException">No ledger is configured.</exception>
    /// <exception cref="LedgerUnavailableException">The ledger cannot be opened.</exception>
    public async Task<OrderFlow> GetFlowAsync(CancellationToken cancellationToken = default)
    {
        if (_flow is { } flow) return flow;
        if (!Enabled) throw new InvalidOperationException("No redemption ledger is configured (PromoEngine:Ledger).");
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_flow is not null) return _flow;
            ILedgerStore store;
            try
            {
                store = _kind == "sqlite"
                    ? new SqliteLedgerStore(_target!)
                    : await RedisLedgerStore.ConnectAsync(_target!).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not LedgerUnavailableException and not OperationCanceledException)
            {
                throw new LedgerUnavailableException($"the ledger {Description} cannot be opened: {e.Message}", e);
            }
            return _flow = new OrderFlow(new RedemptionLedger(store, _time), _ttl);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>
    /// Opens the ledger and reads one counter that nobody uses, so that the first quote after a start does
    /// not pay for opening the store and compiling its read path (about 40 ms with SQLite). Reads only.
    /// </summary>
    /// <exception cref="LedgerUnavailableException">The ledger cannot be reached; quotes will try again.</exception>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        if (!Enabled) return;
        var flow = await GetFlowAsync(cancellationToken).ConfigureAwait(false);
        await flow.Ledger.ReadUsageAsync(null, LimitTable.Empty, ["promoengine-warm-up"], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_flow is not null) await _flow.Ledger.DisposeAsync().ConfigureAwait(false);
        _opening.Dispose();
    }
}
