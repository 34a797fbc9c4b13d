namespace PromoEngine.AspNetCore;

/// <summary>
/// Settings of the redemption ledger behind <c>/v1/orders</c> and <c>/v1/quote</c>, bound from the
/// configuration section <c>PromoEngine</c> (<c>PromoEngine:Ledger</c>, <c>--PromoEngine:Ledger=…</c>,
/// <c>PromoEngine__Ledger</c>).
/// </summary>
public sealed class PromoEngineLedgerOptions
{
    /// <summary>
    /// Where the ledger is: <c>sqlite:PATH</c> (a file; a relative path is resolved against the content
    /// root), <c>redis:CONFIGURATION</c> (a StackExchange.Redis configuration string, e.g.
    /// <c>redis:localhost:6379</c>) or <c>none</c>. When unset: a SQLite file beside the rule-set file
    /// (<c>rules.json</c> → <c>rules.ledger.db</c>), or none when the rule set does not come from a file.
    /// Without a ledger, order endpoints answer 503 and quotes are priced statelessly (limits and
    /// single-use codes are not enforced).
    /// </summary>
    public string? Ledger { get; set; }

    /// <summary>How long a reservation made by <c>POST /v1/orders</c> lives unless committed. Default 15 minutes.</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often expired reservations are swept (they count as released before that too). Default 30 seconds; zero disables.</summary>
    public TimeSpan LedgerSweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
