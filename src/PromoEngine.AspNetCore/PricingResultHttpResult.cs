using System.Buffers;
using Microsoft.AspNetCore.Http;
using PromoEngine.Results;

namespace PromoEngine.AspNetCore;

/// <summary>
/// Answers 200 with the result's JSON (spec §6, as <see cref="ResultJson"/> writes it), UTF-8 written once into a
/// buffer kept per thread and copied into the response: no result string (twice the bytes, in UTF-16) is made and
/// encoded again per quote, which under load is most of what a quote allocates.
/// </summary>
internal sealed class PricingResultHttpResult(PricingResult result) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private const string JsonUtf8 = "application/json; charset=utf-8";
    private const int MaxKeptBuffer = 1024 * 1024;

    // Filled and copied out without awaiting in between, so one per thread serves every request on it.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonUtf8;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var output = t_output ??= new ArrayBufferWriter<byte>(16 * 1024);
        output.ResetWrittenCount();
        ResultJson.Write(result, output);

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonUtf8;
        response.ContentLength = output.WrittenCount;
        response.BodyWriter.Write(output.WrittenSpan);
        if (output.Capacity > MaxKeptBuffer) t_output = null; // one huge result does not keep its buffer for ever
        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }
}
