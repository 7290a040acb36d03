using System.Threading.RateLimiting;

namespace Forecast.Server.Overload;

/// <summary>
/// The global limiter of the rate-limiting middleware, two limiters chained:
/// <list type="number">
/// <item>a token bucket per client (API key name, else remote address): a steady rate with a burst on top,
///   no queue, so one noisy client is refused without slowing the others;</item>
/// <item>a server-wide concurrency limit with a bounded queue: calls are CPU-bound, so admitting more
///   than the machine can compute only makes every call slower.</item>
/// </list>
/// Calls outside the Forecast service (health, reflection) pass both.
/// </summary>
public static class OverloadLimiter
{
    private const string Open = "open";

    public static PartitionedRateLimiter<HttpContext> Create(OverloadOptions options)
    {
        var perClientRate = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            options.RequestsPerSecondPerClient <= 0 || !ForecastServiceEndpoint.IsForecastCall(context)
                ? RateLimitPartition.GetNoLimiter(Open)
                : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.BurstPerClient > 0 ? options.BurstPerClient : options.RequestsPerSecondPerClient,
                    TokensPerPeriod = options.RequestsPerSecondPerClient,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

        var serverConcurrency = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !ForecastServiceEndpoint.IsForecastCall(context) || ForecastServiceEndpoint.IsStreamingMonitor(context)
                ? RateLimitPartition.GetNoLimiter(Open)
                : RateLimitPartition.GetConcurrencyLimiter("server", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentCalls,
                    QueueLimit = options.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));

        // Rate first: a refused call never takes (or waits for) a concurrency slot.
        return PartitionedRateLimiter.CreateChained(perClientRate, serverConcurrency);
    }

    /// <summary>Who is rate limited: the API key's name when authenticated, else the remote address.</summary>
    public static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"key:{name}"
        : context.Connection.RemoteIpAddress is { } address ? $"ip:{address}"
        : "anonymous";
}
