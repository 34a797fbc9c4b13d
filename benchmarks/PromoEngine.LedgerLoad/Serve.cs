using PromoEngine.AspNetCore;

namespace PromoEngine.LedgerLoad;

/// <summary>An online server: the PromoEngine endpoints over a ledger, on a loopback port.</summary>
internal static class Serve
{
    public static async Task<int> RunAsync(string rulesPath, string ledger, int port, TimeSpan ttl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["PromoEngine:RuleSetPath"] = rulesPath;
        builder.Configuration["PromoEngine:Ledger"] = ledger;
        builder.Configuration["PromoEngine:ReservationTtl"] = ttl.ToString("c");
        builder.Configuration["PromoEngine:LedgerSweepInterval"] = "00:00:01";
        builder.Services.AddPromoEngine();
        var app = builder.Build();
        app.MapPromoEngine();
        await app.StartAsync();
        Console.WriteLine("listening");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
