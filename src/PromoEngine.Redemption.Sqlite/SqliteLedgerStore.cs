using Microsoft.Data.Sqlite;

namespace PromoEngine.Redemption.Sqlite;

/// <summary>
/// The ledger in one SQLite file. Every operation is one transaction; writes take the file's write lock at
/// their start (<c>BEGIN IMMEDIATE</c>), so a reserve reads and changes counters with no other writer in
/// between — across threads and across processes sharing the file. The file is in WAL mode with full
/// synchronous commits: a committed operation survives <c>kill -9</c> and a power loss; readers never wait
/// for writers. Schema: <c>ledger_counters(key, consumed)</c>, <c>ledger_orders</c> (one row per order:
/// status, fingerprint, deltas, result), <c>ledger_holds</c> (one row per counter a live reservation
/// holds, with its expiry), <c>ledger_returns</c>.
/// </summary>
public sealed class SqliteLedgerStore : ILedgerStore
{
    private const int SchemaVersion = 1;
    // One writer at a time per file within a process: threads queue here in order instead of meeting
    // SQLite's busy handler, which sleeps and retries with growing pauses (seconds at the tail under load).
    // Other processes on the file are still kept apart by SQLite's lock and busy_timeout.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> WriteGates = new(StringComparer.Ordinal);
    private readonly object _writeGate;
    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <summary>Opens (creating when missing) the ledger file at <paramref name="path"/>.</summary>
    /// <exception cref="LedgerUnavailableException">The file cannot be opened or created.</exception>
    public SqliteLedgerStore(string path, SqliteLedgerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteLedgerOptions();
        Path = System.IO.Path.GetFullPath(path);
        _writeGate = WriteGates.GetOrAdd(Path, _ => new object());
        Description = "sqlite:" + Path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        // busy_timeout makes SQLite itself wait for the write lock; synchronous is per connection.
        _pragmas = $"PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds}; " +
                   $"PRAGMA synchronous={(options.SyncEveryCommit ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=OFF;";
        Run(() =>
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            CreateSchema();
        });
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public Task<StoreReserveResult> ReserveAsync(PendingOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Complete(() => Write(order.CreatedAt, connection =>
        {
            using (var find = Command(connection, "SELECT fingerprint FROM ledger_orders WHERE order_id = $id", ("$id", order.OrderId)))
                if (find.ExecuteScalar() is string fingerprint)
                    return new StoreReserveResult(StoreReserveStatus.Exists, fingerprint, []);

            var exceeded = new List<ExceededCounter>();
            for (int i = 0; i < order.Deltas.Count; i++)
            {
                var delta = order.Deltas[i];
                if (delta.Limit is not { } limit) continue;
                long consumed = Consumed(connection, delta.Key);
                long reserved = Reserved(connection, delta.Key);
                if ((decimal)consumed + reserved + delta.Amount > limit) exceeded.Add(new ExceededCounter(i, consumed, reserved));
            }
            if (exceeded.Count > 0) return new StoreReserveResult(StoreReserveStatus.Exceeded, null, exceeded);

            long expiresAt = order.ExpiresAt.ToUnixTimeMilliseconds();
            using (var insert = Command(connection,
                "INSERT INTO ledger_orders (order_id, fingerprint, customer_id, status, created_at, expires_at, deltas, result) " +
                "VALUES ($id, $fingerprint, $customer, 'reserved', $created, $expires, $deltas, $result)",
                ("$id", order.OrderId), ("$fingerprint", order.Fingerprint), ("$customer", order.CustomerId),
                ("$created", order.CreatedAt.ToUnixTimeMilliseconds()), ("$expires", expiresAt),
                ("$deltas", CounterDeltaText.Write(order.Deltas)), ("$result", order.ResultJson)))
                insert.ExecuteNonQuery();
            using var hold = Command(connection,
                "INSERT INTO ledger_holds (order_id, key, amount, expires_at) VALUES ($id, $key, $amount, $expires)",
                ("$id", order.OrderId), ("$key", ""), ("$amount", 0L), ("$expires", expiresAt));
            foreach (var delta in order.Deltas)
            {
                hold.Parameters["$key"].Value = delta.Key;
                hold.Parameters["$amount"].Value = delta.Amount;
                hold.ExecuteNonQuery();
            }
            return StoreReserveResult.Reserved;
        }));
    }

    /// <inheritdoc/>
    public Task<TransitionOutcome> TransitionAsync(string orderId, LedgerTransition transition, DateTimeOffset now, CancellationToken cancellationToken) =>
        Complete(() => Write(now, connection =>
        {
            if (StatusOf(connection, orderId) is not { } current) return new TransitionOutcome(TransitionStatus.NotFound, null);
            var (status, next) = OrderTransitions.Decide(transition, current);
            if (status != TransitionStatus.Done) return new TransitionOutcome(status, current);
            switch (transition)
            {
                case LedgerTransition.Commit:
                    Execute(connection,
                        "INSERT INTO ledger_counters (key, consumed) SELECT key, amount FROM ledger_holds WHERE order_id = $id " +
                        "ON CONFLICT (key) DO UPDATE SET consumed = consumed + excluded.consumed", ("$id", orderId));
                    Execute(connection, "DELETE FROM ledger_holds WHERE order_id = $id", ("$id", orderId));
                    Execute(connection, "UPDATE ledger_orders SET status = 'committed', committed_at = $now WHERE order_id = $id",
                        ("$id", orderId), ("$now", now.ToUnixTimeMilliseconds()));
                    break;
                case LedgerTransition.Release:
                    Execute(connection, "DELETE FROM ledger_holds WHERE order_id = $id", ("$id", orderId));
                    SetStatus(connection, orderId, OrderStatus.Released);
                    break;
                case LedgerTransition.Revoke:
                    GiveBack(connection, orderId);
                    break;
            }
            return new TransitionOutcome(TransitionStatus.Done, next);
        }));

    /// <inheritdoc/>
    public Task<IReadOnlyList<CounterReading>> ReadCountersAsync(IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Complete(() => Run<IReadOnlyList<CounterReading>>(() =>
        {
            using var connection = Open();
            // One read transaction: consumed and held come from the same snapshot of the file.
            using var transaction = connection.BeginTransaction(deferred: true);
            var consumed = new Dictionary<string, long>(StringComparer.Ordinal);
            var reserved = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                var parameters = chunk.Select((k, i) => ($"$k{i}", (object?)k)).ToArray();
                string list = string.Join(", ", parameters.Select(p => p.Item1));
                using (var read = Command(connection, $"SELECT key, consumed FROM ledger_counters WHERE key IN ({list})", parameters))
                using (var rows = read.ExecuteReader())
                    while (rows.Read()) consumed[rows.GetString(0)] = rows.GetInt64(1);
                using (var read = Command(connection,
                    $"SELECT key, SUM(amount) FROM ledger_holds WHERE key IN ({list}) AND expires_at > $now GROUP BY key",
                    [.. parameters, ("$now", now.ToUnixTimeMilliseconds())]))
                using (var rows = read.ExecuteReader())
                    while (rows.Read()) reserved[rows.GetString(0)] = rows.GetInt64(1);
            }
            transaction.Commit();
            return keys.Select(k => new CounterReading(k, consumed.GetValueOrDefault(k), reserved.GetValueOrDefault(k))).ToList();
        }));
    }

    /// <inheritdoc/>
    public Task<LedgerOrder?> GetOrderAsync(string orderId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Complete(() => Run(() =>
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: true);
            LedgerOrder? order;
            using (var read = Command(connection,
                "SELECT status, customer_id, fingerprint, created_at, expires_at, committed_at, deltas, result FROM ledger_orders WHERE order_id = $id",
                ("$id", orderId)))
            using (var row = read.ExecuteReader())
            {
                if (!row.Read()) return null;
                var status = LedgerNames.ParseStatus(row.GetString(0));
                long expiresAt = row.GetInt64(4);
                if (status == OrderStatus.Reserved && expiresAt <= now.ToUnixTimeMilliseconds()) status = OrderStatus.Expired;
                order = new LedgerOrder(orderId, status, row.IsDBNull(1) ? null : row.GetString(1), row.GetString(2),
                    FromMs(row.GetInt64(3)), FromMs(expiresAt), row.IsDBNull(5) ? null : FromMs(row.GetInt64(5)),
                    CounterDeltaText.Read(row.GetString(6)), row.GetString(7), []);
            }
            var returns = new List<LedgerReturn>();
            using (var read = Command(connection, "SELECT record FROM ledger_returns WHERE order_id = $id ORDER BY seq", ("$id", orderId)))
            using (var rows = read.ExecuteReader())
                while (rows.Read()) returns.Add(LedgerReturnText.Read(rows.GetString(0)));
            transaction.Commit();
            return order with { Returns = returns };
        }));

    /// <inheritdoc/>
    public Task<ReturnOutcome> AppendReturnAsync(string orderId, LedgerReturn entry, int expectedCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Complete(() => Write(entry.RecordedAt, connection =>
        {
            if (StatusOf(connection, orderId) is not { } status) return new ReturnOutcome(ReturnStatus.NotFound, null, null);
            using (var find = Command(connection, "SELECT fingerprint, record FROM ledger_returns WHERE order_id = $id AND return_id = $return",
                ("$id", orderId), ("$return", entry.ReturnId)))
            using (var row = find.ExecuteReader())
                if (row.Read())
                    return row.GetString(0) == entry.Fingerprint
                        ? new ReturnOutcome(ReturnStatus.Repeated, LedgerReturnText.Read(row.GetString(1)), status)
                        : new ReturnOutcome(ReturnStatus.ReturnIdReused, null, status);
            if (status != OrderStatus.Committed) return new ReturnOutcome(ReturnStatus.NotCommitted, null, status);
            long count;
            using (var countReturns = Command(connection, "SELECT COUNT(*) FROM ledger_returns WHERE order_id = $id", ("$id", orderId)))
                count = (long)countReturns.ExecuteScalar()!;
            if (count != expectedCount) return new ReturnOutcome(ReturnStatus.Stale, null, status);
            Execute(connection,
                "INSERT INTO ledger_returns (order_id, return_id, seq, fingerprint, record) VALUES ($id, $return, $seq, $fingerprint, $record)",
                ("$id", orderId), ("$return", entry.ReturnId), ("$seq", count + 1), ("$fingerprint", entry.Fingerprint),
                ("$record", LedgerReturnText.Write(entry)));
            if (!entry.FullReturn) return new ReturnOutcome(ReturnStatus.Recorded, entry, status);
            GiveBack(connection, orderId);
            return new ReturnOutcome(ReturnStatus.Recorded, entry, OrderStatus.Revoked);
        }));
    }

    /// <inheritdoc/>
    public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Complete(() => Write(now, (_, swept) => swept));

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; let go of them (and of the WAL's shared memory).
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private void CreateSchema()
    {
        using var connection = Open();
        using (var wal = Command(connection, "PRAGMA journal_mode=WAL"))
        {
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new LedgerUnavailableException($"{Description}: the file cannot use write-ahead logging (journal_mode is {mode})");
        }
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            long version;
            using (var read = Command(connection, "PRAGMA user_version")) version = (long)read.ExecuteScalar()!;
            if (version > SchemaVersion)
                throw new LedgerUnavailableException($"{Description}: the ledger file has schema {version}, newer than this version knows ({SchemaVersion})");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS ledger_counters (
                    key TEXT PRIMARY KEY, consumed INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS ledger_orders (
                    order_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, customer_id TEXT, status TEXT NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, committed_at INTEGER,
                    deltas TEXT NOT NULL, result TEXT NOT NULL) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS ledger_orders_live ON ledger_orders (expires_at) WHERE status = 'reserved';
                CREATE TABLE IF NOT EXISTS ledger_holds (
                    order_id TEXT NOT NULL, key TEXT NOT NULL, amount INTEGER NOT NULL, expires_at INTEGER NOT NULL,
                    PRIMARY KEY (order_id, key)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS ledger_holds_key ON ledger_holds (key, expires_at);
                CREATE INDEX IF NOT EXISTS ledger_holds_expiry ON ledger_holds (expires_at);
                CREATE TABLE IF NOT EXISTS ledger_returns (
                    order_id TEXT NOT NULL, return_id TEXT NOT NULL, seq INTEGER NOT NULL, fingerprint TEXT NOT NULL,
                    record TEXT NOT NULL, PRIMARY KEY (order_id, return_id)) WITHOUT ROWID;
                """);
            Execute(connection, $"PRAGMA user_version = {SchemaVersion}");
            Execute(connection, "COMMIT");
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    /// <summary>
    /// One write transaction: takes the write lock, releases every reservation expired at <paramref name="now"/>
    /// (so what follows sees only live holds), does the work, commits.
    /// </summary>
    private T Write<T>(DateTimeOffset now, Func<SqliteConnection, T> work) => Write(now, (connection, _) => work(connection));

    private T Write<T>(DateTimeOffset now, Func<SqliteConnection, int, T> work) => Run(() =>
    {
        lock (_writeGate) return WriteLocked(now, work);
    });

    private T WriteLocked<T>(DateTimeOffset now, Func<SqliteConnection, int, T> work)
    {
        using var connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            long ms = now.ToUnixTimeMilliseconds();
            int swept = Execute(connection, "UPDATE ledger_orders SET status = 'expired' WHERE status = 'reserved' AND expires_at <= $now", ("$now", ms));
            Execute(connection, "DELETE FROM ledger_holds WHERE expires_at <= $now", ("$now", ms));
            var result = work(connection, swept);
            Execute(connection, "COMMIT");
            return result;
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    // The work is synchronous (SQLite has no asynchronous I/O); a failure still travels in the task.
    private static Task<T> Complete<T>(Func<T> work)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static void TryRollback(SqliteConnection connection)
    {
        try
        {
            if (!connection.AutoCommit()) Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // The connection is in an unknown state: keep it out of the pool.
            SqliteConnection.ClearPool(connection);
        }
    }

    private T Run<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e)
        {
            throw new LedgerUnavailableException($"the ledger {Description} failed: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerUnavailableException($"the ledger {Description} cannot be used: {e.Message}", e);
        }
    }

    private void Run(Action work) => Run(() => { work(); return 0; });

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, _pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static OrderStatus? StatusOf(SqliteConnection connection, string orderId)
    {
        using var read = Command(connection, "SELECT status FROM ledger_orders WHERE order_id = $id", ("$id", orderId));
        return read.ExecuteScalar() is string status ? LedgerNames.ParseStatus(status) : null;
    }

    private static void SetStatus(SqliteConnection connection, string orderId, OrderStatus status) =>
        Execute(connection, "UPDATE ledger_orders SET status = $status WHERE order_id = $id",
            ("$id", orderId), ("$status", LedgerNames.Of(status)));

    // Revoke: what the committed order consumed goes back, and the order is revoked.
    private static void GiveBack(SqliteConnection connection, string orderId)
    {
        string deltas;
        using (var read = Command(connection, "SELECT deltas FROM ledger_orders WHERE order_id = $id", ("$id", orderId)))
            deltas = (string)read.ExecuteScalar()!;
        using var update = Command(connection, "UPDATE ledger_counters SET consumed = consumed - $amount WHERE key = $key",
            ("$key", ""), ("$amount", 0L));
        foreach (var delta in CounterDeltaText.Read(deltas))
        {
            update.Parameters["$key"].Value = delta.Key;
            update.Parameters["$amount"].Value = delta.Amount;
            update.ExecuteNonQuery();
        }
        SetStatus(connection, orderId, OrderStatus.Revoked);
    }

    private static long Consumed(SqliteConnection connection, string key)
    {
        using var read = Command(connection, "SELECT consumed FROM ledger_counters WHERE key = $key", ("$key", key));
        return read.ExecuteScalar() is long value ? value : 0;
    }

    // Only live holds remain inside a write transaction (it swept the expired ones first).
    private static long Reserved(SqliteConnection connection, string key)
    {
        using var read = Command(connection, "SELECT COALESCE(SUM(amount), 0) FROM ledger_holds WHERE key = $key", ("$key", key));
        return (long)read.ExecuteScalar()!;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

internal static class SqliteConnectionExtensions
{
    // sqlite3_get_autocommit: false while a transaction is open on the connection.
    public static bool AutoCommit(this SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0;
}
