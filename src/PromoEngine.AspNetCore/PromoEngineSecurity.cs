using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PromoEngine.AspNetCore;

/// <summary>
/// How the endpoints that change or reveal state are protected: an authorization policy
/// (<see cref="PromoEngineOptions.AuthorizationPolicy"/>). The default one, <see cref="PolicyName"/>, asks for
/// the API key <see cref="PromoEngineOptions.ApiKey"/> in the <see cref="HeaderName"/> header (authentication
/// scheme <see cref="ApiKeyScheme"/>), or for nothing when no key is configured.
/// </summary>
public static class PromoEngineSecurity
{
    /// <summary>The name of the adapter's default authorization policy.</summary>
    public const string PolicyName = "PromoEngine";

    /// <summary>The name of the API-key authentication scheme.</summary>
    public const string ApiKeyScheme = "PromoEngineApiKey";

    /// <summary>The request header that carries the API key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The default policy: the API-key scheme's authenticated caller, or anyone while no key is configured.</summary>
    internal sealed class ConfigurePolicy(IOptions<PromoEngineOptions> options) : IConfigureOptions<AuthorizationOptions>
    {
        public void Configure(AuthorizationOptions authorization) =>
            authorization.AddPolicy(PolicyName, policy =>
            {
                if (string.IsNullOrEmpty(options.Value.ApiKey)) policy.RequireAssertion(_ => true);
                else policy.AddAuthenticationSchemes(ApiKeyScheme).RequireAuthenticatedUser();
            });
    }
}

/// <summary>Authenticates a request whose <c>X-Api-Key</c> header holds <see cref="PromoEngineOptions.ApiKey"/>.</summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<PromoEngineOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? expected = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected) || !Request.Headers.TryGetValue(PromoEngineSecurity.HeaderName, out var sent))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (sent.Count != 1 || !KeysEqual(sent[0] ?? "", expected))
            return Task.FromResult(AuthenticateResult.Fail("The API key is not the configured one."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{PromoEngineSecurity.HeaderName}\"";
        bool sent = Request.Headers.ContainsKey(PromoEngineSecurity.HeaderName);
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
            detail: sent ? $"The {PromoEngineSecurity.HeaderName} header does not hold the service's API key."
                : $"This endpoint changes or reveals state: send the service's API key in the {PromoEngineSecurity.HeaderName} header.",
            instance: Request.Path).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "The caller may not use this endpoint.", instance: Request.Path).ExecuteAsync(Context);

    /// <summary>Compares in time that does not depend on where the keys differ (hashes of equal length).</summary>
    private static bool KeysEqual(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
