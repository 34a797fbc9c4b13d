using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PromoEngine.AspNetCore.Tests.Support;

/// <summary>Points the hosted sample at a fresh SQLite ledger of its own in the temp directory.</summary>
internal static class SampleLedger
{
    public static WebApplicationFactory<Program> Isolated(WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(b => b.UseSetting("PromoEngine:Ledger",
            "sqlite:" + Path.Combine(Path.GetTempPath(), "promoengine-sample-ledgers", Guid.NewGuid().ToString("N") + ".db")));
}
