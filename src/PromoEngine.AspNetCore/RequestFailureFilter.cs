using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Turns what the client or the clock did to a request into an answer and one log line, never a 5xx with a stack
/// trace: a body that arrived too slowly (Kestrel's minimum data rate) or not within the request timeout is 408,
/// a body cut short is 400, work cut short by the request timeout is 503, and a client that went away gets nothing.
/// </summary>
internal static partial class RequestFailureFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        try
        {
            return await next(invocation).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals of the request (e.g. 408 when the body arrives below MinRequestBodyDataRate).
            string reason = e.StatusCode == StatusCodes.Status408RequestTimeout
                ? "The request body arrived too slowly."
                : "The request could not be read: " + e.Message;
            return Refuse(context, e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout ? "Request body timeout" : "Bad request", reason);
        }
        catch (BodyTimeoutException)
        {
            return Refuse(context, StatusCodes.Status408RequestTimeout, "Request body timeout",
                "The request body did not arrive within the request timeout.");
        }
        catch (OperationCanceledException) when (TimedOut(context))
        {
            return Refuse(context, StatusCodes.Status503ServiceUnavailable, "Request timeout",
                "The request could not be answered within the request timeout; nothing was priced or changed by it.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(Logger(context), context.Request.Method, context.Request.Path);
            return TypedResults.StatusCode(StatusCodes.Status499ClientClosedRequest);
        }
    }

    /// <summary>Whether the request timeout (not the client) ended the request.</summary>
    internal static bool TimedOut(HttpContext context) =>
        context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;

    private static ProblemHttpResult Refuse(HttpContext context, int status, string title, string detail)
    {
        LogRefused(Logger(context), context.Request.Method, context.Request.Path, status, detail);
        // The rest of the body is not worth waiting for: close the connection after the answer.
        if (status == StatusCodes.Status408RequestTimeout) context.Response.Headers.Connection = "close";
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, instance: context.Request.Path);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestFailureFilter).FullName!);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Debug, Message = "{Method} {Path}: the client went away before the answer")]
    private static partial void LogClientGone(ILogger logger, string method, string path);
}

/// <summary>The request timeout ended the reading of the request body (answered 408).</summary>
internal sealed class BodyTimeoutException() : Exception("The request body did not arrive within the request timeout.");
