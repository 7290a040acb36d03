using Forecast.Server.Overload;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Security;

/// <summary>The fallback policy's one rule: Forecast service calls need an authenticated caller when security is on.</summary>
public sealed class ForecastServiceAccessRequirement : IAuthorizationRequirement;

/// <summary>Lets health, reflection and everything else through; checks only Forecast service calls.</summary>
public sealed class ForecastServiceAccessHandler(IOptions<SecurityOptions> options)
    : AuthorizationHandler<ForecastServiceAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ForecastServiceAccessRequirement requirement)
    {
        var open = !options.Value.IsEnabled
            || context.Resource is HttpContext http && !ForecastServiceEndpoint.IsForecastCall(http)
            || context.User.Identity?.IsAuthenticated == true;
        if (open)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
