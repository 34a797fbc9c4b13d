using System.Buffers;
using System.IO.Pipelines;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromoEngine.Results;
using PromoEngine.Loading;

namespace PromoEngine.AspNetCore;

/// <summary>Maps the PromoEngine HTTP endpoints.</summary>
public static partial class PromoEngineEndpointRouteBuilderExtensions
{
    private const string JsonContentType = "application/json";

    /// <summary>The name of the quote endpoint, by which the warm-up finds its path.</summary>
    internal const string QuoteEndpointName = "PromoEngineQuote";

    /// <summary>
    /// Maps <c>POST /v1/quote</c> (cart JSON → result JSON, spec §6), <c>POST /v1/validate</c>
    /// (rule-set JSON → <c>{"status":"ok","id","version"}</c>), <c>GET /v1/ruleset</c> (the rule set being
    /// served), returns, the orders on the redemption ledger, the health endpoint, and the OpenAPI document when
    /// <see cref="PromoEngineOptions.OpenApiPath"/> is set. Invalid input is answered with 400 and RFC 7807 problem
    /// details whose <c>errors</c> list every error with its JSON path and code; bodies over
    /// <see cref="PromoEngineOptions.MaxRequestBodySize"/> with 413; bodies that arrive too slowly with 408;
    /// requests while no valid rule set is loaded with 503. No request is ever answered with a default price.
    /// The endpoints that change or reveal state require <see cref="PromoEngineOptions.AuthorizationPolicy"/>; every
    /// <c>/v1</c> endpoint has the rate-limiting and request-timeout policies, which take effect once
    /// <c>app.UsePromoEngine()</c> has added their middleware.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder; <c>AddPromoEngine</c> must have been called.</param>
    /// <param name="healthCheckPath">Where the ASP.NET Core health checks are mapped; <see langword="null"/> maps none.</param>
    /// <returns>The <c>/v1</c> group, to add conventions of your own to its endpoints.</returns>
    public static RouteGroupBuilder MapPromoEngine(this IEndpointRouteBuilder endpoints, string? healthCheckPath = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<RuleSetManager>() is null)
            throw new InvalidOperationException("Call services.AddPromoEngine(...) before app.MapPromoEngine().");
        var options = services.GetRequiredService<IOptions<PromoEngineOptions>>().Value;
        string policy = options.AuthorizationPolicy;
        // A policy that does not exist would fail every protected request (500): refuse to start instead.
        if (services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(policy).GetAwaiter().GetResult() is null)
            throw new InvalidOperationException($"PromoEngine:AuthorizationPolicy names the policy '{policy}', which is not defined: " +
                "define it with services.AddAuthorization(o => o.AddPolicy(...)), or leave the setting at its default.");
        if (policy == PromoEngineSecurity.PolicyName && string.IsNullOrEmpty(options.ApiKey))
            LogNoApiKey(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PromoEngineSecurity).FullName!));

        var group = endpoints.MapGroup("/v1");
        group.WithTags("PromoEngine")
            .WithGroupName(OpenApi.PromoEngineOpenApi.DocumentName)
            .AddEndpointFilter(RequestFailureFilter.InvokeAsync)
            .RequireRateLimiting(PromoEngineRateLimitPolicy.Name)
            .Problems(StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .WithRequestTimeout(PromoEngineServiceCollectionExtensions.RequestTimeoutPolicyName);

        group.MapPost("/quote", QuoteAsync)
            .WithName(QuoteEndpointName)
            .WithSummary("Price a cart")
            .WithDescription("Prices the cart (pricing spec §4) with the rule set being served and returns the result " +
                "(spec §6) exactly as PricingEngine.PriceJson writes it; `ruleSet.version` names the rule set that priced it. " +
                "With a redemption ledger, the cart is priced with the usage the ledger holds for its customer and codes. " +
                "Invalid carts and malformed JSON: 400 with every error and its JSON path.")
            .JsonBody<OpenApi.Cart>()
            .Produces<OpenApi.PricingResult>(StatusCodes.Status200OK, JsonContentType);

        group.MapPost("/validate", ValidateAsync)
            .WithName("PromoEngineValidate")
            .WithSummary("Validate a rule set")
            .WithDescription("Validates and compiles the rule set (pricing spec §3) without serving it. " +
                "Invalid rule sets: 400 with every error and its JSON path.")
            .RequireAuthorization(policy)
            .JsonBody<OpenApi.RuleSet>()
            .Produces<RuleSetValidationResponse>(StatusCodes.Status200OK, JsonContentType);

        MapReturns(group);
        MapOrders(group, policy);

        group.MapGet("/ruleset", GetRuleSet)
            .WithName("PromoEngineRuleSet")
            .WithSummary("The rule set being served")
            .WithDescription("Id, version, SHA-256 of the rule-set file and when it was loaded; `lastError` tells why " +
                "the latest change to the file was rejected (the rule set shown keeps serving).")
            .RequireAuthorization(policy)
            .Produces<RuleSetInfoResponse>(StatusCodes.Status200OK, JsonContentType);

        if (healthCheckPath is not null)
        {
            endpoints.MapHealthChecks(healthCheckPath);
            services.GetRequiredService<OpenApi.PromoEngineOpenApi.HealthEndpoint>().Path = healthCheckPath;
        }
        if (!string.IsNullOrEmpty(options.OpenApiPath)) OpenApi.PromoEngineOpenApi.MapDocument(endpoints, options.OpenApiPath);
        return group;
    }

    private static async Task<IResult> QuoteAsync(HttpContext context, [FromServices] RuleSetManager manager,
        [FromServices] IOptions<PromoEngineOptions> options, [FromServices] ILoggerFactory loggers, [FromServices] PromoEngineMetrics metrics)
    {
        // One snapshot for the whole request: a reload meanwhile does not change how this cart is priced.
        var snapshot = manager.Current;
        if (snapshot is null) return NoRuleSet(context, manager);

        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);

        using var activity = PromoEngineMetrics.Start("promoengine.quote", "quote");
        long started = Stopwatch.GetTimestamp();
        PricingResult result;
        try
        {
            string cartJson = Utf8Document.Decode(body.Value.Span, ValidationError.Cart);
            var quote = await QuoteWithLedgerAsync(context, snapshot.Engine, cartJson, options.Value.MaxCouponCandidates).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Priced("quote", quote.Result, quote.Coupons, elapsed);
            if (quote.Ledger) metrics.Ledger("quote", "ok", elapsed);
            result = quote.Result;
        }
        catch (PromoValidationException e)
        {
            metrics.Refused("quote");
            return Invalid(context, "Invalid cart", e.Errors);
        }
        catch (Redemption.LedgerUnavailableException e)
        {
            metrics.Ledger("quote", "unavailable", Stopwatch.GetElapsedTime(started));
            return LedgerDown(context, context.RequestServices.GetRequiredService<LedgerAccess>(), e, loggers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPricingFailed(loggers.CreateLogger(typeof(PromoEngineEndpointRouteBuilderExtensions)), e, snapshot.Version);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Pricing failed",
                detail: "The cart could not be priced; no price is given.", instance: context.Request.Path);
        }
        return new PricingResultHttpResult(result);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, [FromServices] IOptions<PromoEngineOptions> options,
        [FromServices] PromoEngineMetrics metrics)
    {
        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);
        try
        {
            var engine = PricingEngine.FromJson(Utf8Document.Decode(body.Value.Span, ValidationError.Rules));
            return TypedResults.Ok(new RuleSetValidationResponse("ok", engine.RuleSetId, engine.RuleSetVersion));
        }
        catch (PromoValidationException e)
        {
            metrics.Refused("validate");
            return Invalid(context, "Invalid rule set", e.Errors);
        }
    }

    private static IResult GetRuleSet(HttpContext context, [FromServices] RuleSetManager manager)
    {
        var (current, lastError) = manager.ReadState();
        if (current is null) return NoRuleSet(context, manager);
        var error = lastError is null ? null
            : new RuleSetLoadErrorResponse(lastError.At, lastError.Sha256, lastError.Errors.Select(ErrorResponse.From).ToArray());
        return TypedResults.Ok(new RuleSetInfoResponse(current.Id, current.Version, current.Sha256, current.LoadedAt, error));
    }

    /// <summary>Reads the whole body, or returns <see langword="null"/> when it is larger than <paramref name="limit"/>.</summary>
    /// <exception cref="BodyTimeoutException">The request timeout ended the wait for the body (answered 408).</exception>
    /// <exception cref="BadHttpRequestException">Kestrel refused the body (e.g. 408: it arrived below the minimum data rate).</exception>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit) return null;
        // Let the server enforce the limit too (Kestrel otherwise allows 30 MB).
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit;

        var content = new MemoryStream(request.ContentLength is long length ? (int)length : 4096);
        var reader = request.BodyReader;
        // A timeout or an abort cancels the pending read rather than the read's token: a read ended by its token leaves
        // Kestrel's body reader mid-read, and the server then logs an error when it drains the rest of the body.
        using (context.RequestAborted.Register(static r => ((PipeReader)r!).CancelPendingRead(), reader))
        {
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return null;
                }
                var buffer = read.Buffer;
                if (read.IsCanceled)
                {
                    reader.AdvanceTo(buffer.Start);
                    if (RequestFailureFilter.TimedOut(context)) throw new BodyTimeoutException();   // answered 408 by RequestFailureFilter
                    context.RequestAborted.ThrowIfCancellationRequested();
                    continue;   // cancelled by someone else: read on
                }
                if (content.Length + buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }
                foreach (var segment in buffer) content.Write(segment.Span);
                reader.AdvanceTo(buffer.End);
                if (read.IsCompleted) break;
            }
        }
        return content.GetBuffer().AsMemory(0, (int)content.Length);
    }

    private static ProblemHttpResult Invalid(HttpContext context, string title, IReadOnlyList<ValidationError> errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} errors; the first: {errors[0]}",
            Instance = context.Request.Path,
            Extensions = { ["errors"] = errors.Select(ErrorResponse.From).ToArray() },
        });

    private static ProblemHttpResult TooLarge(HttpContext context, long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"The request body is larger than the limit of {limit} bytes.", instance: context.Request.Path);

    private static ProblemHttpResult NoRuleSet(HttpContext context, RuleSetManager manager)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "No rule set loaded",
            Detail = "No valid rule set has been loaded, so nothing can be priced.",
            Instance = context.Request.Path,
        };
        if (manager.LastError is { } lastError) problem.Extensions["errors"] = lastError.Errors.Select(ErrorResponse.From).ToArray();
        return TypedResults.Problem(problem);
    }

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning,
        Message = "PromoEngine:ApiKey is not set: /v1/validate, /v1/ruleset and the order endpoints that change or reveal state are open to any caller (fine for a developer on loopback; set a key anywhere else)")]
    private static partial void LogNoApiKey(ILogger logger);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Pricing failed with rule set version {Version}")]
    private static partial void LogPricingFailed(ILogger logger, Exception exception, string version);
}
