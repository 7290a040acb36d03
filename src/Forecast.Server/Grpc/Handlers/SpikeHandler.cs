using Forecast.Contracts.V1;
using Forecast.Core.Anomalies;
using Forecast.Server.Caching;
using Forecast.Server.Grpc.Mapping;
using Forecast.Server.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves DetectSpikes: validate, map to Core, compute through the cache, map back.</summary>
public sealed class SpikeHandler(ResponseCache cache, IOptions<RequestLimitsOptions> limits)
{
    public Task<DetectSpikesResponse> HandleAsync(DetectSpikesRequest request, ServerCallContext context)
    {
        DetectionRequestValidator.Validate(request, limits.Value);
        return cache.GetOrComputeAsync(request, request.CacheControl, DetectSpikesResponse.Parser, Compute, context);
    }

    private static DetectSpikesResponse Compute(DetectSpikesRequest request, CancellationToken cancellationToken)
    {
        var input = SeriesMapping.ToInput(request.Series);
        var options = DetectionMapping.ToOnline(request.Online, request.Method == SpikeMethod.Iid, OnlineAlert.Spike, request.Confidence, request.Direction);
        var points = new OnlinePoint[input.Values.Length];
        new OnlineDetector(options).Process(input.Values, points, cancellationToken);
        var response = new DetectSpikesResponse { SeriesName = input.Name };
        foreach (var point in points)
        {
            response.Points.Add(DetectionMapping.ToWire(point, input.Kind));
            if (point.Alert)
            {
                response.Spikes.Add(DetectionMapping.ToSpike(point, input.Axis, input.Kind));
            }
        }
        return response;
    }
}
