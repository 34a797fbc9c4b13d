using PromoEngine.Redemption.Sqlite;

namespace PromoEngine.Redemption.Tests;

/// <summary>The ledger contract against a real SQLite file (each test its own file; each store its own connections).</summary>
public sealed class SqliteLedgerContractTests : LedgerContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("promoengine-ledger-").FullName;

    private string FilePath => Path.Combine(_directory, "ledger.db");

    protected override Task<ILedgerStore> OpenStoreAsync() => Task.FromResult<ILedgerStore>(new SqliteLedgerStore(FilePath));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
