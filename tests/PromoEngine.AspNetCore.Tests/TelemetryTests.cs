using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PromoEngine.AspNetCore.Tests.Support;

namespace PromoEngine.AspNetCore.Tests;

/// <summary>Issue #11: the adapter's meter and activity source, both named PromoEngine, read as a collector would.</summary>
public sealed class TelemetryTests
{
    /// <summary>Every measurement of the PromoEngine meter of one host (other tests' hosts have meters of their own).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();

        public ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

        public Recorder(IServiceProvider services)
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PromoEngineTelemetry.Name && instrument.Meter.Scope == factory) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v > 0 ? 1 : 0, tags));
            _listener.Start();
        }

        private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            Measurements.Enqueue((instrument.Name, value, copy));
        }

        public void Observe() => _listener.RecordObservableInstruments();

        public List<(long Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
            Measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToList();

        public void Dispose() => _listener.Dispose();
    }

    private const string LimitedRules = """
        { "id": "shop", "version": "1", "currency": "CNY",
          "promotions": [{ "id": "flash", "kind": "specialPrice", "scope": { "skus": ["P1"] }, "price": 59.00, "limits": { "units": 1 } }],
          "coupons": [{ "id": "welcome", "amountOff": 10 }] }
        """;

    private static string Cart(string customer) => $$"""
        { "currency": "CNY", "channel": "online", "at": "2026-06-18T20:00:00+08:00", "customer": { "id": "{{customer}}" },
          "lines": [{ "id": "L1", "sku": "P1", "unitPrice": 99.00, "quantity": 1 }],
          "coupons": [{ "code": "W-{{customer}}", "couponId": "welcome" }] }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Carts_priced_pricing_time_and_coupon_work_are_counted_with_how_the_coupons_were_chosen()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));
        using var recorder = new Recorder(app.Services);

        using (await app.QuoteAsync(TestData.Cart)) { }
        using (await app.QuoteAsync(TestData.Cart)) { }
        using (await app.QuoteAsync(TestData.InvalidCart)) { }

        var priced = recorder.Of("promoengine.carts.priced");
        Assert.Equal(2, priced.Sum(m => m.Value));
        Assert.All(priced, m => Assert.Equal(("quote", "exact"), ((string?)m.Tags["promoengine.operation"], (string?)m.Tags["promoengine.coupon_choice"])));
        Assert.Equal(2, recorder.Of("promoengine.pricing.duration").Count);
        Assert.Equal(2, recorder.Of("promoengine.coupon.candidates").Count);
        var refused = Assert.Single(recorder.Of("promoengine.requests.refused"));
        Assert.Equal("quote", refused.Tags["promoengine.operation"]);
    }

    [Fact]
    public async Task A_bounded_coupon_choice_is_visible_in_the_metrics()
    {
        // A work budget of one choice, and six coupons to choose from: the choice is bounded.
        const string rules = """
            { "id": "bounded", "version": "1", "currency": "CNY", "couponSearch": { "maxChoices": 1 },
              "layers": [{ "id": "shop", "maxCoupons": 2 }],
              "coupons": [{ "id": "c0", "layer": "shop", "amountOff": 1 }, { "id": "c1", "layer": "shop", "amountOff": 2 },
                          { "id": "c2", "layer": "shop", "percentOff": 5 }] }
            """;
        var cart = System.Text.Json.Nodes.JsonNode.Parse(TestData.Cart)!.AsObject();
        cart.Remove("customer");
        cart.Remove("usePoints");
        cart["coupons"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, 6)
            .Select(k => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["code"] = $"C{k}", ["couponId"] = $"c{k % 3}" }).ToArray());
        await using var app = await TestApp.StartAsync(rules, build: b => b.Configuration["PromoEngine:Ledger"] = "none");
        using var recorder = new Recorder(app.Services);

        using var answer = await app.QuoteAsync(cart.ToJsonString());
        string body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"couponChoice\":\"bounded\"", body);
        var priced = Assert.Single(recorder.Of("promoengine.carts.priced"));
        Assert.Equal("bounded", priced.Tags["promoengine.coupon_choice"]);
        var coupons = Assert.Single(recorder.Of("promoengine.coupon.candidates"));
        Assert.Equal((6L, "bounded"), (coupons.Value, (string?)coupons.Tags["promoengine.coupon_choice"]));
    }

    [Fact]
    public async Task Reloads_and_the_served_version_are_published()
    {
        await using var app = await TestApp.StartAsync(TestData.Rules("v1"));
        using var recorder = new Recorder(app.Services);

        await app.WriteRulesAsync(TestData.InvalidRules);
        await Wait.UntilAsync(() => app.Manager.LastError is not null, "the invalid rule set to be rejected");
        await app.WriteRulesAsync(TestData.Rules("v2"));
        await app.WaitForVersionAsync("v2");
        recorder.Observe();

        var reloads = recorder.Of("promoengine.ruleset.reloads");
        Assert.Contains(reloads, m => (string?)m.Tags["promoengine.outcome"] == "rejected");
        Assert.Contains(reloads, m => (string?)m.Tags["promoengine.outcome"] == "loaded");
        var info = Assert.Single(recorder.Of("promoengine.ruleset.info"));
        Assert.Equal((1L, "aspnet-test", "v2"), (info.Value, (string?)info.Tags["promoengine.ruleset.id"], (string?)info.Tags["promoengine.ruleset.version"]));
    }

    [Fact]
    public async Task Ledger_operations_and_conflicts_are_counted_by_outcome()
    {
        await using var app = await TestApp.StartAsync(LimitedRules);
        using var recorder = new Recorder(app.Services);

        using (await app.Client.PostAsync("/v1/orders", Json($$"""{ "orderId": "o-1", "cart": {{Cart("u1")}} }"""))) { }
        using (await app.Client.PostAsync("/v1/orders", Json($$"""{ "orderId": "o-2", "cart": {{Cart("u2")}}, "expectedPayable": 49.00 }"""))) { }
        using (await app.Client.PostAsync("/v1/orders/o-1/commit", null)) { }
        using (await app.Client.PostAsync("/v1/orders/o-1/commit", null)) { }
        using (await app.Client.PostAsync("/v1/orders/o-9/release", null)) { }
        using (await app.Client.GetAsync("/v1/orders/o-1")) { }

        var operations = recorder.Of("promoengine.ledger.operations")
            .Select(m => ((string?)m.Tags["promoengine.ledger.operation"], (string?)m.Tags["promoengine.outcome"])).ToList();
        Assert.Equal([("place", "ok"), ("place", "conflict"), ("commit", "ok"), ("commit", "repeated"), ("release", "not_found"), ("get", "ok")], operations);
        Assert.Equal(6, recorder.Of("promoengine.ledger.duration").Count);
        Assert.Equal(["order"], recorder.Of("promoengine.carts.priced").Select(m => (string?)m.Tags["promoengine.operation"]).Distinct());
    }

    [Fact]
    public async Task Quotes_orders_and_reloads_are_traced_by_the_PromoEngine_activity_source()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PromoEngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = await TestApp.StartAsync(LimitedRules);

        using var quote = await app.QuoteAsync(Cart("trace-u1"));
        using (await app.Client.PostAsync("/v1/orders", Json($$"""{ "orderId": "trace-o-1", "cart": {{Cart("trace-u2")}} }"""))) { }

        // Other tests run in parallel and trace too: look for this test's activities by what they carry.
        Assert.Contains(activities, a => a.OperationName == "promoengine.quote" && (string?)a.GetTagItem("promoengine.operation") == "quote"
            && (string?)a.GetTagItem("promoengine.ruleset.version") == "1" && (string?)a.GetTagItem("promoengine.coupon_choice") == "exact");
        Assert.Contains(activities, a => a.OperationName == "promoengine.order.place" && (string?)a.GetTagItem("promoengine.outcome") == "ok");
        Assert.Contains(activities, a => a.OperationName == "promoengine.ruleset.reload");
    }

    [Fact]
    public async Task The_sample_serves_the_metrics_to_Prometheus_and_health_probes_write_no_log_even_when_degraded()
    {
        string rulesFile = Path.Combine(Path.GetTempPath(), $"promoengine-telemetry-{Guid.NewGuid():N}.json");
        File.Copy(Path.Combine(TestData.SamplesData, "retail-rules.json"), rulesFile);
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var factory = SampleLedger.Isolated(new WebApplicationFactory<Program>()).WithWebHostBuilder(b => b
                .UseSetting("PromoEngine:RuleSetPath", rulesFile)
                .UseSetting("PromoEngine:PollInterval", "00:00:00.100")
                .ConfigureLogging(l => l.AddProvider(logs)));
            using var client = factory.CreateClient();
            string cart = File.ReadAllText(Path.Combine(TestData.SamplesData, "cart-online.json"));
            using (await client.PostAsync("/v1/quote", Json(cart))) { }

            // A rejected change: the service is degraded (and says so once), the old rule set keeps serving.
            await File.WriteAllTextAsync(rulesFile, "{ \"id\": \"broken\" }");
            await Wait.UntilAsync(async () => await client.GetStringAsync("/health") == "Degraded", "the service to be degraded");
            await Task.Delay(300);   // let the rejection's own log line be written
            int before = logs.Entries.Count;
            for (int k = 0; k < 5; k++) using (await client.GetAsync("/health")) { }
            int afterProbes = logs.Entries.Count;
            string metrics = await client.GetStringAsync("/metrics");

            Assert.Equal(before, afterProbes);
            Assert.Contains("promoengine_carts_priced_total{", metrics);
            Assert.Contains("promoengine_pricing_duration_seconds_bucket{", metrics);
            Assert.Contains("promoengine_ruleset_version=\"2026.11.1\"", metrics);
            Assert.Contains("promoengine_ruleset_reloads_total{otel_scope_name=\"PromoEngine\",promoengine_outcome=\"rejected\"} 1", metrics);
        }
        finally
        {
            File.Delete(rulesFile);
        }
    }
}
