using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PromoEngine.AspNetCore;

/// <summary>The OpenAPI metadata the PromoEngine endpoints share.</summary>
internal static class OpenApiConventions
{
    /// <summary>Problem-details answers (<see cref="OpenApi.Problem"/>) with these statuses.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (int status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(OpenApi.Problem), [OpenApi.PromoEngineOpenApi.ProblemContentType]));
        return builder;
    }

    /// <summary>A JSON request body of <typeparamref name="TBody"/>, and the answers a body can get (400, 408, 413, 415).</summary>
    public static RouteHandlerBuilder JsonBody<TBody>(this RouteHandlerBuilder builder) where TBody : notnull =>
        builder.Accepts<TBody>("application/json")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status408RequestTimeout, StatusCodes.Status413PayloadTooLarge)
            .Produces(StatusCodes.Status415UnsupportedMediaType);
}
