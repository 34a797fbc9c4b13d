using System.Globalization;
using StackExchange.Redis;

namespace PromoEngine.Redemption.Redis;

/// <summary>
/// The ledger in Redis, shared by every node and till that connects to it. Every operation is ONE Lua
/// script run atomically by the server over all the keys it touches: a reserve checks and holds every
/// counter of the order in one step, so no other client's operation can come between a check and its
/// change. Key layout (all under the hash tag <c>{NAMESPACE}</c>, one Redis Cluster slot):
/// <c>{ns}:consumed</c> and <c>{ns}:reserved</c> (hashes counter → amount), <c>{ns}:expiry</c> (sorted set
/// of live reservations by expiry), <c>{ns}:state</c> (hash order id → status), <c>{ns}:holds</c> (hash
/// order id → what its live reservation holds) and <c>{ns}:order:ID</c> (hash: fingerprint, customer,
/// times, deltas, result, returns). See docs/limits-and-ledger.md.
/// </summary>
public sealed class RedisLedgerStore : ILedgerStore
{
    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly string _prefix;
    private readonly RedisKey _consumed, _reserved, _expiry, _state, _holds;

    /// <summary>A store over a connection the caller owns (and disposes).</summary>
    public RedisLedgerStore(IConnectionMultiplexer connection, RedisLedgerOptions? options = null)
        : this(connection, options, ownsConnection: false) { }

    private RedisLedgerStore(IConnectionMultiplexer connection, RedisLedgerOptions? options, bool ownsConnection)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _ownsConnection = ownsConnection;
        options ??= new RedisLedgerOptions();
        if (string.IsNullOrEmpty(options.Namespace) || options.Namespace.AsSpan().IndexOfAny('{', '}') >= 0)
            throw new ArgumentException("the namespace must be non-empty and hold no braces", nameof(options));
        _prefix = "{" + options.Namespace + "}:";
        (_consumed, _reserved, _expiry, _state, _holds) =
            (_prefix + "consumed", _prefix + "reserved", _prefix + "expiry", _prefix + "state", _prefix + "holds");
        // Endpoints only: a configuration string may carry a password.
        Description = "redis:" + string.Join(",", connection.GetEndPoints().Select(e => e.ToString())) + " " + _prefix;
    }

    /// <summary>
    /// Connects to Redis (StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>) and owns the
    /// connection. When Redis cannot be reached now, the store still starts: each operation then fails with
    /// <see cref="LedgerUnavailableException"/> until the connection comes back.
    /// </summary>
    public static async Task<RedisLedgerStore> ConnectAsync(string configuration, RedisLedgerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var config = ConfigurationOptions.Parse(configuration);
        config.AbortOnConnectFail = false;
        var connection = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        return new RedisLedgerStore(connection, options, ownsConnection: true);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public async Task<StoreReserveResult> ReserveAsync(PendingOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var args = new List<RedisValue>
        {
            Ms(order.CreatedAt), order.OrderId, order.Fingerprint, order.CustomerId ?? "", Ms(order.ExpiresAt),
            CounterDeltaText.Write(order.Deltas), order.ResultJson, order.Deltas.Count,
        };
        foreach (var delta in order.Deltas)
        {
            args.Add(delta.Key);
            args.Add(delta.Amount.ToString(CultureInfo.InvariantCulture));
            args.Add(delta.Limit is { } limit ? limit.ToString(CultureInfo.InvariantCulture) : "");
        }
        var reply = (RedisResult[])(await Run(LedgerScripts.Reserve, order.OrderId, [.. args]).ConfigureAwait(false))!;
        switch ((string?)reply[0])
        {
            case "reserved":
                return StoreReserveResult.Reserved;
            case "exists":
                return new StoreReserveResult(StoreReserveStatus.Exists, (string?)reply[1], []);
            default:
                var numbers = (long[])reply[1]!;
                var exceeded = new List<ExceededCounter>();
                for (int i = 0; i + 2 < numbers.Length; i += 3)
                    exceeded.Add(new ExceededCounter((int)numbers[i], numbers[i + 1], numbers[i + 2]));
                return new StoreReserveResult(StoreReserveStatus.Exceeded, null, exceeded);
        }
    }

    /// <inheritdoc/>
    public async Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string op = transition switch
        {
            LedgerTransition.Commit => "commit",
            LedgerTransition.Release => "release",
            LedgerTransition.Revoke => "revoke",
            _ => throw new ArgumentOutOfRangeException(nameof(transition)),
        };
        var reply = (RedisResult[])(await Run(LedgerScripts.Transition, orderId, Ms(now), orderId, op).ConfigureAwait(false))!;
        var status = (string?)reply[0] switch
        {
            "notfound" => TransitionStatus.NotFound,
            "done" => TransitionStatus.Done,
            "already" => TransitionStatus.AlreadyDone,
            _ => TransitionStatus.Refused,
        };
        return new TransitionOutcome(status, status == TransitionStatus.NotFound ? null : LedgerNames.ParseStatus((string)reply[1]!));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CounterReading>> ReadCountersAsync(IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var readings = new List<CounterReading>(keys.Count);
        // Lua's unpack has a stack limit: read in chunks (each chunk is one consistent snapshot).
        foreach (var chunk in keys.Chunk(1000))
        {
            var args = new RedisValue[chunk.Length + 1];
            args[0] = Ms(now);
            for (int i = 0; i < chunk.Length; i++) args[i + 1] = chunk[i];
            var reply = (RedisResult[])(await Run(LedgerScripts.Read, null, args).ConfigureAwait(false))!;
            var consumed = (RedisResult[])reply[0]!;
            var reserved = (RedisResult[])reply[1]!;
            for (int i = 0; i < chunk.Length; i++)
                readings.Add(new CounterReading(chunk[i], Number(consumed[i]), Number(reserved[i])));
        }
        return readings;
    }

    /// <inheritdoc/>
    public async Task<LedgerOrder?> GetOrderAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await Run(LedgerScripts.Get, orderId, Ms(now), orderId).ConfigureAwait(false))!;
        if (reply[0].IsNull) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var flat = (RedisResult[])reply[1]!;
        for (int i = 0; i + 1 < flat.Length; i += 2) fields[(string)flat[i]!] = (string)flat[i + 1]!;
        var status = LedgerNames.ParseStatus((string)reply[0]!);
        long expiresAt = long.Parse(fields["expiresAt"], CultureInfo.InvariantCulture);
        if (status == OrderStatus.Reserved && expiresAt <= now.ToUnixTimeMilliseconds()) status = OrderStatus.Expired;
        var returns = new List<LedgerReturn>();
        int count = int.Parse(fields.GetValueOrDefault("returns", "0"), CultureInfo.InvariantCulture);
        for (int seq = 1; seq <= count; seq++)
            returns.Add(LedgerReturnText.Read(fields["return:" + fields["returnseq:" + seq.ToString(CultureInfo.InvariantCulture)]]));
        return new LedgerOrder(orderId, status, fields.GetValueOrDefault("customer"), fields["fingerprint"],
            FromMs(fields["createdAt"]), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt),
            fields.TryGetValue("committedAt", out var committed) ? FromMs(committed) : null,
            CounterDeltaText.Read(fields["deltas"]), fields["result"], returns);
    }

    /// <inheritdoc/>
    public async Task<ReturnOutcome> AppendReturnAsync(string orderId, LedgerReturn entry, int expectedCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var reply = (RedisResult[])(await Run(LedgerScripts.AppendReturn, orderId, Ms(entry.RecordedAt), orderId, entry.ReturnId,
            entry.Fingerprint, LedgerReturnText.Write(entry), expectedCount, entry.FullReturn ? "1" : "0").ConfigureAwait(false))!;
        return (string?)reply[0] switch
        {
            "notfound" => new ReturnOutcome(ReturnStatus.NotFound, null, null),
            "repeated" => new ReturnOutcome(ReturnStatus.Repeated, LedgerReturnText.Read((string)reply[1]!), Status(reply[2])),
            "reused" => new ReturnOutcome(ReturnStatus.ReturnIdReused, null, Status(reply[1])),
            "notcommitted" => new ReturnOutcome(ReturnStatus.NotCommitted, null, Status(reply[1])),
            "stale" => new ReturnOutcome(ReturnStatus.Stale, null, Status(reply[1])),
            _ => new ReturnOutcome(ReturnStatus.Recorded, entry, Status(reply[1])),
        };
    }

    /// <inheritdoc/>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        (int)(await Run(LedgerScripts.Sweep, null, Ms(now)).ConfigureAwait(false));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<RedisResult> Run(string script, string? orderId, params RedisValue[] args)
    {
        // Every script declares the same keys; an operation without an order names a key no order has
        // ('none' is not under 'order:').
        RedisKey[] keys = [_consumed, _reserved, _expiry, _state, _holds, orderId is null ? _prefix + "none" : _prefix + "order:" + orderId];
        try
        {
            return await _connection.GetDatabase().ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or RedisServerException or RedisException)
        {
            // The client's messages run to a page of diagnostics: the first part says what happened.
            string reason = e.Message.Split(" - ", 2)[0];
            throw new LedgerUnavailableException($"the ledger {Description} cannot be reached: {(reason.Length > 200 ? reason[..200] : reason)}", e);
        }
    }

    private static OrderStatus Status(RedisResult value) => LedgerNames.ParseStatus((string)value!);

    private static long Number(RedisResult value) =>
        value.IsNull ? 0 : long.Parse((string)value!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static RedisValue Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));
}
