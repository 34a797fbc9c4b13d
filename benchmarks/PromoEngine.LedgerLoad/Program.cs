// Load figures of the redemption ledger (issue 12). Starts its own redis-server and online servers on
// loopback ports; every request loop is bounded; everything it starts it stops.
//
//   dotnet run -c Release --project benchmarks/PromoEngine.LedgerLoad            all runs
//   dotnet run -c Release --project benchmarks/PromoEngine.LedgerLoad -- serve RULES LEDGER PORT TTL_SECONDS
using System.Diagnostics;
using PromoEngine;
using PromoEngine.LedgerLoad;
using PromoEngine.Redemption;
using PromoEngine.Redemption.Redis;
using PromoEngine.Redemption.Sqlite;

if (args is ["serve", var rules, var ledgerSetting, var port, var ttl])
    return await Serve.RunAsync(rules, ledgerSetting, int.Parse(port), TimeSpan.FromSeconds(int.Parse(ttl)));

string work = Directory.CreateTempSubdirectory("ledger-load-").FullName;
string rulesPath = Path.Combine(work, "rules.json");
await File.WriteAllTextAsync(rulesPath, Workload.Rules);
int failures = 0;
try
{
    await using var redis = await RedisProcess.StartAsync();
    Console.WriteLine($"# ledger load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (shared; figures are noisy)");

    // 1. Two online servers sharing one Redis.
    failures += await OnlineAsync("redis, 2 online processes", $"redis:{redis.Configuration}", servers: 2, kill: false,
        () => OpenRedisAsync(redis.Configuration));
    // 2. SQLite, one process, threads.
    failures += await InProcessSqliteAsync(Path.Combine(work, "threads.db"));
    // 3. kill -9 of a server during the load, restarted: SQLite file, then Redis.
    failures += await OnlineAsync("sqlite, 1 online process killed with kill -9 and restarted", $"sqlite:{Path.Combine(work, "killed.db")}",
        servers: 1, kill: true, () => Task.FromResult<ILedgerStore>(new SqliteLedgerStore(Path.Combine(work, "killed.db"))));
    failures += await OnlineAsync("redis, 2 online processes, one killed with kill -9 and restarted", $"redis:{redis.Configuration},defaultDatabase=1",
        servers: 2, kill: true, () => OpenRedisAsync(redis.Configuration + ",defaultDatabase=1"));
    // 4. Reserve + commit latency.
    await LatencyAsync("sqlite", new SqliteLedgerStore(Path.Combine(work, "latency.db")));
    await LatencyAsync("redis", await RedisLedgerStore.ConnectAsync(redis.Configuration + ",defaultDatabase=2"));
}
finally
{
    Directory.Delete(work, recursive: true);
}
Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} checks FAILED");
return failures == 0 ? 0 : 1;

async Task<ILedgerStore> OpenRedisAsync(string configuration) => await RedisLedgerStore.ConnectAsync(configuration);

async Task<int> OnlineAsync(string title, string ledger, int servers, bool kill, Func<Task<ILedgerStore>> openStore)
{
    Console.WriteLine($"\n## {title}");
    var ttl = TimeSpan.FromSeconds(kill ? 4 : 60);
    var processes = new List<ServerProcess>();
    for (int s = 0; s < servers; s++) processes.Add(await ServerProcess.StartAsync(rulesPath, ledger, ttl));
    try
    {
        var driver = new OrderDriver(processes.Select(p => p.Address).ToList());
        string tag = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        var orders = Enumerable.Range(0, 1000).Select(i => driver.RunAsync($"o-{tag}-{i}", i)).ToList();
        if (kill)
        {
            // kill -9 once a third of the orders are placed, restart after a second.
            while (Volatile.Read(ref driver.Placed) < 333) await Task.Delay(5);
            await processes[0].KillAsync();
            Console.WriteLine($"killed server :{processes[0].Port} with SIGKILL after {driver.Placed} orders were placed");
            await Task.Delay(1000);
            await processes[0].RestartAsync();
            Console.WriteLine("restarted it on the same ledger");
        }
        var outcomes = await Task.WhenAll(orders);
        Console.WriteLine($"1,000 concurrent orders in {clock.Elapsed.TotalSeconds:F1} s");
        return await VerifyAsync(outcomes, openStore, kill ? ttl : null);
    }
    finally
    {
        foreach (var p in processes) await p.DisposeAsync();
    }
}

async Task<int> InProcessSqliteAsync(string path)
{
    Console.WriteLine("\n## sqlite, 1 process, 1,000 orders on thread-pool threads");
    var engine = PricingEngine.FromJson(Workload.Rules);
    OrderOutcome[] outcomes;
    await using (var ledger = new RedemptionLedger(new SqliteLedgerStore(path)))
    {
        var flow = new OrderFlow(ledger, TimeSpan.FromMinutes(5));
        var clock = Stopwatch.StartNew();
        outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            string id = $"t-{i}";
            var cart = PricingEngine.ReadCart(Workload.Cart(i));
            long? expected = null;
            int conflicts = 0;
            for (int attempt = 0; attempt < 50; attempt++)
            {
                var placed = await flow.PlaceAsync(engine, new OrderRequest(id, cart, expected, $"{id}/{expected}"));
                if (placed.Status == PlacementStatus.Conflict) { conflicts++; expected = placed.Result!.Payable; continue; }
                bool committed = (await ledger.CommitAsync(id)).Status == TransitionStatus.Done;
                var usage = placed.Result!.Usage;
                var launch = usage.Promotions.FirstOrDefault(p => p.Id == "launch");
                var vip = usage.Coupons.FirstOrDefault(c => c.CouponId == "vip");
                return new OrderOutcome(id, committed, 0, launch is not null, usage.Codes.Count > 0, launch?.Spent ?? 0, vip?.Uses ?? 0, vip?.Spent ?? 0, conflicts, 0);
            }
            return new OrderOutcome(id, false, 0, false, false, 0, 0, 0, conflicts, 0);
        })));
        Console.WriteLine($"1,000 concurrent orders in {clock.Elapsed.TotalSeconds:F1} s");
    }
    return await VerifyAsync(outcomes, () => Task.FromResult<ILedgerStore>(new SqliteLedgerStore(path)), null);
}

async Task<int> VerifyAsync(OrderOutcome[] outcomes, Func<Task<ILedgerStore>> openStore, TimeSpan? waitForTtl)
{
    await using var store = await openStore();
    var ledger = new RedemptionLedger(store);
    int failed = 0;
    void Check(bool ok, string what)
    {
        Console.WriteLine($"- [{(ok ? "x" : " ")}] {what}");
        if (!ok) failed++;
    }
    var committed = outcomes.Where(o => o.Committed).ToList();
    Console.WriteLine($"committed orders: {committed.Count} of {outcomes.Length}; 409 conflicts answered: {outcomes.Sum(o => o.Conflicts)}; retries after a dead server: {outcomes.Sum(o => o.Retries)}; reservations that expired while a server was down, placed again as new orders: {outcomes.Sum(o => o.Expired)}");
    Check(committed.Count(o => o.Launch) == Workload.PromotionUses, $"exactly {Workload.PromotionUses} committed orders carry the promotion ({committed.Count(o => o.Launch)})");
    Check(committed.Count(o => o.Code) == 1, $"exactly one committed order carries the code ({committed.Count(o => o.Code)})");

    if (waitForTtl is { } ttl) await Task.Delay(ttl + TimeSpan.FromSeconds(1));
    string[] keys = [CounterKeys.Uses(RuleKind.Promotion, "launch"), CounterKeys.Spent(RuleKind.Promotion, "launch"),
        CounterKeys.Uses(RuleKind.Coupon, "vip"), CounterKeys.Spent(RuleKind.Coupon, "vip"), CounterKeys.Code(Workload.Code)];
    var readings = (await store.ReadCountersAsync(keys, DateTimeOffset.UtcNow, default)).ToDictionary(r => r.Key);
    long[] expected = [committed.Count(o => o.Launch), committed.Sum(o => o.LaunchSpent), committed.Sum(o => o.CouponUses),
        committed.Sum(o => o.CouponSpent), committed.Count(o => o.Code)];
    bool equal = keys.Select((k, n) => readings[k].Consumed == expected[n]).All(x => x);
    Check(equal, "the ledger's counters equal the committed orders' usage summed: " +
        string.Join(", ", keys.Select((k, n) => $"{k} {readings[k].Consumed}/{expected[n]}")));
    Check(readings[keys[0]].Used <= Workload.PromotionUses && readings[keys[4]].Used <= 1, "no counter above its limit");

    // Every order the client saw committed is committed in the ledger (nothing lost), and no other is.
    int lost = 0, extra = 0, live = 0;
    foreach (var o in outcomes)
    {
        var order = await ledger.GetOrderAsync(o.OrderId);
        if (o.Committed && order?.Status != OrderStatus.Committed) lost++;
        if (!o.Committed && order?.Status == OrderStatus.Committed) extra++;
        if (order?.Status == OrderStatus.Reserved) live++;
    }
    Check(lost == 0, $"no committed order lost ({lost})");
    Check(extra == 0, $"no order committed that the client did not see committed ({extra})");
    if (waitForTtl is not null)
    {
        int swept = await ledger.SweepAsync();
        bool released = keys.All(k => readings[k].Reserved == 0) && live == 0;
        Check(released, $"every uncommitted reservation released by TTL (live reservations {live}; held {string.Join("/", keys.Select(k => readings[k].Reserved))}; swept now {swept})");
    }
    return failed;
}

async Task LatencyAsync(string name, ILedgerStore store)
{
    var engine = PricingEngine.FromJson("""
        { "id": "latency", "version": "1", "currency": "CNY",
          "promotions": [{ "id": "launch", "kind": "threshold", "tiers": [{ "atLeast": 50, "amountOff": 10 }], "limits": { "uses": 1000000000 } }],
          "coupons": [{ "id": "vip", "amountOff": 5 }] }
        """);
    var limits = LimitTable.From(engine);
    await using var ledger = new RedemptionLedger(store);
    async Task<double[]> MeasureAsync(string prefix, int count, int workers)
    {
        var samples = new double[count];
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var result = engine.Price(PricingEngine.ReadCart(Workload.Cart(0).Replace(Workload.Code, $"{prefix}-{i}")));
                var clock = Stopwatch.StartNew();
                await ledger.ReserveAsync($"{prefix}-{i}", $"c{i}", result, limits, TimeSpan.FromMinutes(5));
                await ledger.CommitAsync($"{prefix}-{i}");
                samples[i] = clock.Elapsed.TotalMilliseconds;
            }
        })));
        Array.Sort(samples);
        return samples;
    }
    await MeasureAsync("warm", 200, 1);
    foreach (int workers in (int[])[1, 16])
    {
        var clock = Stopwatch.StartNew();
        var s = await MeasureAsync($"w{workers}", 2000, workers);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"\nreserve+commit latency, {name}, {workers} worker(s), 2,000 orders (1 promotion + 1 coupon + 1 code each): " +
            $"p50 {s[s.Length / 2]:F2} ms, p99 {s[(int)(s.Length * 0.99)]:F2} ms, {2000 / seconds:F0} orders/s");
    }
}
