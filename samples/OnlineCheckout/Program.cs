// PromoEngine online checkout sample: the quote / validate / ruleset / orders / returns endpoints, a health check,
// an OpenAPI document and Prometheus metrics, with the rule set hot-reloaded from a file.
//
//   dotnet run --project samples/OnlineCheckout          (runs in the foreground; Ctrl+C stops it)
//   curl -s http://127.0.0.1:5080/v1/quote -H 'Content-Type: application/json' -d @samples/data/cart-online.json
//
// The rule-set file is the configuration key PromoEngine:RuleSetPath (appsettings.json,
// --PromoEngine:RuleSetPath=FILE, or PromoEngine__RuleSetPath=FILE in the environment); the API key that
// /v1/validate, /v1/ruleset and the order endpoints that change or reveal state ask for in X-Api-Key is
// PromoEngine:ApiKey (unset: none is asked for, and the service says so once at start).
using OnlineCheckout;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PromoEngine.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddPromoEngine(options =>
    options.RuleSetPath = SamplePaths.Resolve(options.RuleSetPath, builder.Environment.ContentRootPath, AppContext.BaseDirectory));

// Metrics for Prometheus at /metrics; traces go to an OTLP collector when OTEL_EXPORTER_OTLP_ENDPOINT names one.
var telemetry = builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics
        .AddMeter(PromoEngineTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
            "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication")
        .AddPrometheusExporter())
    .WithTracing(tracing => tracing.AddSource(PromoEngineTelemetry.Name));
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePromoEngine();              // rate limiting and request timeouts (PromoEngine:RateLimit, PromoEngine:RequestTimeout)
app.MapPromoEngine();              // /v1/..., /health, and the OpenAPI document at PromoEngine:OpenApiPath
app.MapPrometheusScrapingEndpoint();   // /metrics
app.MapGet("/", (Microsoft.Extensions.Options.IOptions<PromoEngineOptions> options) =>
    options.Value.OpenApiPath is { Length: > 0 } openApi ? Results.Redirect(openApi) : Results.NotFound()).ExcludeFromDescription();

app.Run();

/// <summary>The sample's entry point (public so that tests can host it).</summary>
public partial class Program;
