using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PromoEngine.AspNetCore;

/// <summary>
/// The names under which the adapter publishes its telemetry: one <see cref="Meter"/> and one
/// <see cref="ActivitySource"/>, both named <see cref="Name"/>. With OpenTelemetry:
/// <c>.WithMetrics(m =&gt; m.AddMeter(PromoEngineTelemetry.Name))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(PromoEngineTelemetry.Name))</c>. The instruments are listed in the README.
/// </summary>
public static class PromoEngineTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "PromoEngine";
}

/// <summary>
/// The adapter's instruments, on a meter made by the host's <see cref="IMeterFactory"/> (so that each host, and each
/// test, has its own), and its activity source. The core library records nothing: it stays free of telemetry.
/// </summary>
internal sealed class PromoEngineMetrics
{
    public static readonly ActivitySource Source = new(PromoEngineTelemetry.Name,
        typeof(PromoEngineMetrics).Assembly.GetName().Version?.ToString());

    // Attribute names.
    public const string Operation = "promoengine.operation";
    public const string CouponChoice = "promoengine.coupon_choice";
    public const string Outcome = "promoengine.outcome";
    public const string RuleSetId = "promoengine.ruleset.id";
    public const string RuleSetVersion = "promoengine.ruleset.version";
    public const string LedgerOperation = "promoengine.ledger.operation";

    private readonly Counter<long> _priced;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _pricingTime;
    private readonly Histogram<long> _couponCandidates;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _ledgerOperations;
    private readonly Histogram<double> _ledgerTime;
    private RuleSetSnapshot? _served;

    public PromoEngineMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(new MeterOptions(PromoEngineTelemetry.Name));
        _priced = Meter.CreateCounter<long>("promoengine.carts.priced", "{cart}",
            "Carts priced (quotes and orders), by operation and by how the coupons were chosen (exact or bounded).");
        _refused = Meter.CreateCounter<long>("promoengine.requests.refused", "{request}",
            "Requests refused with located errors (400), by operation.");
        _pricingTime = Meter.CreateHistogram<double>("promoengine.pricing.duration", "s",
            "Time to price a cart: reading it, the ledger's usage when it has one, pricing and writing the result.");
        _couponCandidates = Meter.CreateHistogram<long>("promoengine.coupon.candidates", "{coupon}",
            "Coupons a priced cart presented: the coupon search's work grows with them; coupon_choice=bounded when it reached its budget.");
        _reloads = Meter.CreateCounter<long>("promoengine.ruleset.reloads", "{reload}",
            "Rule-set changes read: loaded (now served) or rejected (the previous rule set keeps serving).");
        Meter.CreateObservableGauge("promoengine.ruleset.info", ObserveRuleSet, "{ruleset}",
            "1, with the id and version of the rule set being served as attributes.");
        _ledgerOperations = Meter.CreateCounter<long>("promoengine.ledger.operations", "{operation}",
            "Operations on the redemption ledger, by operation and outcome (ok, repeated, conflict, not_found, refused, reused, unavailable).");
        _ledgerTime = Meter.CreateHistogram<double>("promoengine.ledger.duration", "s",
            "Time of an operation on the redemption ledger, pricing included for quotes and orders.");
    }

    public Meter Meter { get; }

    public void Priced(string operation, PricingResult result, int coupons, TimeSpan elapsed)
    {
        string choice = result.CouponChoice == PromoEngine.CouponChoice.Bounded ? "bounded" : "exact";
        var tags = new TagList { { Operation, operation }, { CouponChoice, choice } };
        _priced.Add(1, tags);
        _pricingTime.Record(elapsed.TotalSeconds, tags);
        _couponCandidates.Record(coupons, new KeyValuePair<string, object?>(CouponChoice, choice));
        if (Activity.Current is { Source.Name: PromoEngineTelemetry.Name } activity)
        {
            activity.SetTag(CouponChoice, choice);
            activity.SetTag(RuleSetVersion, result.RuleSet.Version);
        }
    }

    public void Refused(string operation) => _refused.Add(1, new KeyValuePair<string, object?>(Operation, operation));

    public void Reloaded(RuleSetReloadOutcome outcome, RuleSetSnapshot? served)
    {
        Volatile.Write(ref _served, served);
        if (outcome is RuleSetReloadOutcome.Loaded or RuleSetReloadOutcome.Rejected)
            _reloads.Add(1, new KeyValuePair<string, object?>(Outcome, outcome == RuleSetReloadOutcome.Loaded ? "loaded" : "rejected"));
    }

    public void Ledger(string operation, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { LedgerOperation, operation }, { Outcome, outcome } };
        _ledgerOperations.Add(1, tags);
        _ledgerTime.Record(elapsed.TotalSeconds, tags);
        Activity.Current?.SetTag(Outcome, outcome);
    }

    private IEnumerable<Measurement<long>> ObserveRuleSet()
    {
        if (Volatile.Read(ref _served) is not { } served) return [];
        return [new Measurement<long>(1, new KeyValuePair<string, object?>(RuleSetId, served.Id), new KeyValuePair<string, object?>(RuleSetVersion, served.Version))];
    }

    /// <summary>Starts an activity of the adapter (null when nobody listens).</summary>
    public static Activity? Start(string name, string? operation = null)
    {
        var activity = Source.StartActivity(name);
        if (operation is not null) activity?.SetTag(Operation, operation);
        return activity;
    }
}
