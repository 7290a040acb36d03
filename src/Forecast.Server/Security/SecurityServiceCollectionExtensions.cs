using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Forecast.Server.Security;

/// <summary>
/// Registers API-key authentication and the policy that guards the Forecast service. TLS is Kestrel's
/// configuration (see README "Security and limits"); it needs no code here.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The grpc-dotnet log category that echoes status details (and so client values).</summary>
    public const string GrpcCallHandlerCategory = "Grpc.AspNetCore.Server.ServerCallHandler";

    public static IServiceCollection AddForecastSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .Validate(options => options.ApiKeyHashes.Values.All(ApiKeyStore.IsWellFormedHash),
                "Security:ApiKeyHashes values must be SHA-256 hashes: 64 hex digits (printf %s \"$KEY\" | sha256sum).")
            .Validate(options => !options.RequireAuthentication || options.ApiKeyHashes.Count > 0,
                "Security:RequireAuthentication is set but Security:ApiKeyHashes is empty.")
            .ValidateOnStart();
        // grpc-dotnet logs every error status's detail at Information; validation details quote the offending
        // values back to the client, and series values must never reach the logs.
        services.AddLogging(logging => logging.AddFilter(GrpcCallHandlerCategory, LogLevel.Warning));
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ForecastServiceAccessHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .AddRequirements(new ForecastServiceAccessRequirement())
                .Build());
        return services;
    }

    /// <summary>Authentication, then authorization; before the overload limiter, which tells clients apart by key.</summary>
    public static WebApplication UseForecastSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
