using PromoEngine.Redemption.Redis;
using PromoEngine.Redemption.Tests.Support;

namespace PromoEngine.Redemption.Tests;

/// <summary>Starts one redis-server for the Redis contract tests and stops it after them.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public Task DisposeAsync() => Server is null ? Task.CompletedTask : Server.DisposeAsync().AsTask();
}

/// <summary>
/// The ledger contract against a real redis-server (each test its own namespace; each store its own
/// connection, as two nodes of a fleet would have).
/// </summary>
[RequiresRedis]
public sealed class RedisLedgerContractTests(RedisServerFixture redis) : LedgerContractTests, IClassFixture<RedisServerFixture>
{
    private readonly RedisLedgerOptions _options = new() { Namespace = "test-" + Guid.NewGuid().ToString("N") };

    protected override async Task<ILedgerStore> OpenStoreAsync() =>
        await RedisLedgerStore.ConnectAsync(redis.Server.Configuration, _options);
}
