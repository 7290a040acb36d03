using System.Security.Claims;
using System.Text.Encodings.Web;
using Forecast.Server.Overload;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Security;

/// <summary>
/// Authenticates a call by its <c>x-api-key</c> header. A gRPC call that must be authenticated and is not
/// gets UNAUTHENTICATED (other requests get HTTP 401). Never logs the key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(SecurityOptions.ApiKeyHeader, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (keys.Identify(presented.ToString()) is not { } client)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
            ? GrpcStatusResponse.WriteAsync(Context, StatusCode.Unauthenticated,
                $"A valid API key is required in the {SecurityOptions.ApiKeyHeader} header.")
            : base.HandleChallengeAsync(properties);
}
