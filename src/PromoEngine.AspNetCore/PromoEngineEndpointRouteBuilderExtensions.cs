using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromoEngine.AspNetCore;

/// <summary>Maps the PromoEngine HTTP endpoints.</summary>
public static partial class PromoEngineEndpointRouteBuilderExtensions
{
    private const string JsonContentType = "application/json";

    /// <summary>
    /// Maps <c>POST /v1/quote</c> (cart JSON → result JSON, spec §6), <c>POST /v1/validate</c>
    /// (rule-set JSON → <c>{"status":"ok","id","version"}</c>), <c>GET /v1/ruleset</c> (the rule set being
    /// served) and the health endpoint. Invalid input is answered with 400 and RFC 7807 problem details
    /// whose <c>errors</c> list every error with its JSON path; bodies over
    /// <see cref="PromoEngineOptions.MaxRequestBodySize"/> with 413; requests while no valid rule set is
    /// loaded with 503. No request is ever answered with a default price.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder; <c>AddPromoEngine</c> must have been called.</param>
    /// <param name="healthCheckPath">Where the ASP.NET Core health checks are mapped; <see langword="null"/> maps none.</param>
    /// <returns>The <c>/v1</c> group, to add conventions (authorization, rate limiting) to its endpoints.</returns>
    public static RouteGroupBuilder MapPromoEngine(this IEndpointRouteBuilder endpoints, string? healthCheckPath = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<RuleSetManager>() is null)
            throw new InvalidOperationException("Call services.AddPromoEngine(...) before app.MapPromoEngine().");

        var group = endpoints.MapGroup("/v1").WithTags("PromoEngine");

        group.MapPost("/quote", QuoteAsync)
            .WithName("PromoEngineQuote")
            .WithSummary("Price a cart")
            .WithDescription("Prices the cart (pricing spec §4) with the rule set being served and returns the result " +
                "(spec §6) exactly as PricingEngine.PriceJson writes it; `ruleSet.version` names the rule set that priced it. " +
                "Invalid carts and malformed JSON: 400 with every error and its JSON path.")
            .Accepts<JsonElement>(JsonContentType)
            .Produces<JsonElement>(StatusCodes.Status200OK, JsonContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/validate", ValidateAsync)
            .WithName("PromoEngineValidate")
            .WithSummary("Validate a rule set")
            .WithDescription("Validates and compiles the rule set (pricing spec §3) without serving it. " +
                "Invalid rule sets: 400 with every error and its JSON path.")
            .Accepts<JsonElement>(JsonContentType)
            .Produces<RuleSetValidationResponse>(StatusCodes.Status200OK, JsonContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        MapReturns(group);
        MapOrders(group);

        group.MapGet("/ruleset", GetRuleSet)
            .WithName("PromoEngineRuleSet")
            .WithSummary("The rule set being served")
            .WithDescription("Id, version, SHA-256 of the rule-set file and when it was loaded; `lastError` tells why " +
                "the latest change to the file was rejected (the rule set shown keeps serving).")
            .Produces<RuleSetInfoResponse>(StatusCodes.Status200OK, JsonContentType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        if (healthCheckPath is not null) endpoints.MapHealthChecks(healthCheckPath);
        return group;
    }

    private static async Task<IResult> QuoteAsync(HttpContext context, [FromServices] RuleSetManager manager,
        [FromServices] IOptions<PromoEngineOptions> options, [FromServices] ILoggerFactory loggers)
    {
        // One snapshot for the whole request: a reload meanwhile does not change how this cart is priced.
        var snapshot = manager.Current;
        if (snapshot is null) return NoRuleSet(context, manager);

        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);

        string result;
        try
        {
            string cartJson = RuleSetManager.Decode(body.Value.Span, ValidationError.Cart);
            result = await QuoteWithLedgerAsync(context, snapshot.Engine, cartJson, options.Value.MaxCouponCandidates).ConfigureAwait(false);
        }
        catch (PromoValidationException e)
        {
            return Invalid(context, "Invalid cart", e.Errors);
        }
        catch (Redemption.LedgerUnavailableException e)
        {
            return LedgerDown(context, context.RequestServices.GetRequiredService<LedgerAccess>(), e, loggers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPricingFailed(loggers.CreateLogger(typeof(PromoEngineEndpointRouteBuilderExtensions)), e, snapshot.Version);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Pricing failed",
                detail: "The cart could not be priced; no price is given.", instance: context.Request.Path);
        }
        return TypedResults.Text(result, JsonContentType, Encoding.UTF8);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context, [FromServices] IOptions<PromoEngineOptions> options)
    {
        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);
        try
        {
            var engine = PricingEngine.FromJson(RuleSetManager.Decode(body.Value.Span, ValidationError.Rules));
            return TypedResults.Ok(new RuleSetValidationResponse("ok", engine.RuleSetId, engine.RuleSetVersion));
        }
        catch (PromoValidationException e)
        {
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
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength > limit) return null;
        // Let the server enforce the limit too (Kestrel otherwise allows 30 MB).
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit;

        var content = new MemoryStream(request.ContentLength is long length ? (int)length : 4096);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (content.Length + read > limit) return null;
                content.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
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

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Pricing failed with rule set version {Version}")]
    private static partial void LogPricingFailed(ILogger logger, Exception exception, string version);
}
