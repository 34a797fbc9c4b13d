using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PromoEngine.Returns;
using PromoEngine.Loading;

namespace PromoEngine.AspNetCore;

// POST /v1/returns: a return priced from the order's result alone (spec §13), stateless.
public static partial class PromoEngineEndpointRouteBuilderExtensions
{
    /// <summary>The document name of errors in the request envelope of <c>POST /v1/returns</c>.</summary>
    public const string ReturnsRequestDocument = "request";

    private static readonly JsonDocumentOptions ReturnsBodyOptions = new() { MaxDepth = 64 };

    private static void MapReturns(RouteGroupBuilder group) =>
        group.MapPost("/returns", ReturnsAsync)
            .WithName("PromoEngineReturn")
            .WithSummary("Price a return")
            .WithDescription("Prices a return (pricing spec §13) from the order's result alone: the body is " +
                "`{ \"result\": <the result /v1/quote gave for the order>, \"returns\": { \"previous\": [{ \"line\", \"quantity\" }], \"now\": [...] } }`. " +
                "The answer gives the cash refund, the points restored and clawed back and each funder's reversed funding, per line and in all, " +
                "what the order keeps, and on a full return the coupon codes, gifts and usage to give back. Stateless: the rule set being served " +
                "plays no part, so a return prices the same whatever the rules are today. Invalid input: 400 with every error and its JSON path " +
                "(errors in the result are reported at `$` of document `result`, and the returns are checked only against a sound result).")
            .JsonBody<OpenApi.ReturnRequest>()
            .Produces<OpenApi.ReturnResult>(StatusCodes.Status200OK, JsonContentType);

    private static async Task<IResult> ReturnsAsync(HttpContext context, [FromServices] IOptions<PromoEngineOptions> options,
        [FromServices] ILoggerFactory loggers, [FromServices] PromoEngineMetrics metrics)
    {
        long limit = options.Value.MaxRequestBodySize;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null) return TooLarge(context, limit);

        string returned;
        try
        {
            string text = Utf8Document.Decode(body.Value.Span, ReturnsRequestDocument);
            context.RequestAborted.ThrowIfCancellationRequested();
            returned = PriceReturn(text);
        }
        catch (PromoValidationException e)
        {
            metrics.Refused("return");
            return Invalid(context, "Invalid return", e.Errors);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReturnFailed(loggers.CreateLogger(typeof(PromoEngineEndpointRouteBuilderExtensions)), e);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Return pricing failed",
                detail: "The return could not be priced; no refund is given.", instance: context.Request.Path);
        }
        return TypedResults.Text(returned, JsonContentType, Encoding.UTF8);
    }

    /// <summary>Reads the envelope <c>{ "result", "returns" }</c> and prices the return it carries.</summary>
    /// <exception cref="PromoValidationException">The envelope, the result or the returns are invalid.</exception>
    private static string PriceReturn(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, ReturnsBodyOptions);
        }
        catch (JsonException e)
        {
            throw new PromoValidationException([new ValidationError(ReturnsRequestDocument, "$", $"malformed JSON: {e.Message}", ErrorCodes.MalformedJson)]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new PromoValidationException([new ValidationError(ReturnsRequestDocument, "$", "expected an object { \"result\": …, \"returns\": … }", ErrorCodes.ExpectedObject)]);
            var errors = new List<ValidationError>();
            JsonElement? result = null, returns = null;
            foreach (var property in root.EnumerateObject())
            {
                string name;
                try
                {
                    name = property.Name;
                }
                catch (InvalidOperationException)
                {
                    errors.Add(new ValidationError(ReturnsRequestDocument, "$", "a property name escapes a lone UTF-16 surrogate: not valid text", ErrorCodes.InvalidString));
                    continue;
                }
                string path = EnvelopePath(name);
                switch (name)
                {
                    case "result" when result is null:
                        result = property.Value;
                        break;
                    case "returns" when returns is null:
                        returns = property.Value;
                        break;
                    case "result" or "returns":
                        errors.Add(new ValidationError(ReturnsRequestDocument, path, $"duplicate property '{name}'", ErrorCodes.DuplicateProperty));
                        break;
                    default:
                        errors.Add(new ValidationError(ReturnsRequestDocument, path, $"unknown property '{name}'", ErrorCodes.UnknownProperty));
                        break;
                }
            }
            if (result is null) errors.Add(new ValidationError(ReturnsRequestDocument, "$.result", "required: the order's result", ErrorCodes.Required));
            if (returns is null) errors.Add(new ValidationError(ReturnsRequestDocument, "$.returns", "required: { \"previous\", \"now\" }", ErrorCodes.Required));
            if (errors.Count > 0) throw new PromoValidationException(errors);
            return ReturnJson.Write(ReturnPricing.Price(result!.Value, returns!.Value));
        }
    }

    private static string EnvelopePath(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "$." + name
            : "$['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Pricing a return failed")]
    private static partial void LogReturnFailed(ILogger logger, Exception exception);
}
