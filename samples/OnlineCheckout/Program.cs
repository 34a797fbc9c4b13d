// PromoEngine online checkout sample: the quote / validate / ruleset endpoints, a health check and an
// OpenAPI document, with the rule set hot-reloaded from a file.
//
//   dotnet run --project samples/OnlineCheckout
//   curl -s http://127.0.0.1:5080/v1/quote -H 'Content-Type: application/json' -d @samples/data/cart-online.json
//
// The rule-set file is the configuration key PromoEngine:RuleSetPath (appsettings.json,
// --PromoEngine:RuleSetPath=FILE, or PromoEngine__RuleSetPath=FILE in the environment).
using OnlineCheckout;
using PromoEngine.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddPromoEngine(options =>
    options.RuleSetPath = SamplePaths.Resolve(options.RuleSetPath, builder.Environment.ContentRootPath, AppContext.BaseDirectory));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();            // /openapi/v1.json
app.MapPromoEngine();        // /v1/quote, /v1/validate, /v1/ruleset, /health
app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();

app.Run();

/// <summary>The sample's entry point (public so that tests can host it).</summary>
public partial class Program;
