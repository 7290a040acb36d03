using Forecast.Contracts.V1;
using Forecast.Core.Anomalies;
using Forecast.Core.ChangePoints;
using Forecast.Core.Series;
using Forecast.Server.Caching;
using Forecast.Server.Grpc.Mapping;
using Forecast.Server.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>Serves DetectChangePoints: validate, map to Core, compute through the cache, map back.</summary>
public sealed class ChangePointHandler(ResponseCache cache, IOptions<RequestLimitsOptions> limits)
{
    public Task<DetectChangePointsResponse> HandleAsync(DetectChangePointsRequest request, ServerCallContext context)
    {
        DetectionRequestValidator.Validate(request, limits.Value);
        return cache.GetOrComputeAsync(request, request.CacheControl, DetectChangePointsResponse.Parser, Compute, context);
    }

    private static DetectChangePointsResponse Compute(DetectChangePointsRequest request, CancellationToken cancellationToken)
    {
        var input = SeriesMapping.ToInput(request.Series);
        var response = new DetectChangePointsResponse { SeriesName = input.Name };
        switch (request.Method)
        {
            case ChangePointMethod.Ssa or ChangePointMethod.Iid:
                response.Method = request.Method;
                var options = DetectionMapping.ToOnline(request.Online, request.Method == ChangePointMethod.Iid, OnlineAlert.ChangePoint, request.Confidence, Direction.Both);
                var points = new OnlinePoint[input.Values.Length];
                new OnlineDetector(options).Process(input.Values, points, cancellationToken);
                foreach (var point in points)
                {
                    response.Points.Add(DetectionMapping.ToWire(point, input.Kind));
                    if (point.Alert)
                    {
                        response.ChangePoints.Add(DetectionMapping.ToChangePoint(point, input.Axis));
                    }
                }
                break;
            case ChangePointMethod.Bocpd:
                response.Method = ChangePointMethod.Bocpd;
                GapFilling.InterpolateInPlace(input.Values);
                var bocpd = Bocpd.Detect(input.Values, DetectionMapping.ToBocpd(request), cancellationToken);
                response.ChangePoints.Add(bocpd.ChangePoints.Select(c => DetectionMapping.ToWire(c, input.Axis)));
                response.Points.Add(bocpd.Points.Select((p, i) => DetectionMapping.ToWire(p, i, input.Values[i], input.Kind)));
                break;
            default:
                response.Method = ChangePointMethod.Pelt;
                var segmentation = DetectionMapping.ToSegmentation(request, input.Kind);
                GapFilling.InterpolateInPlace(input.Values);
                var result = OfflineSegmentation.Detect(input.Values, segmentation, cancellationToken);
                response.SegmentModel = DetectionMapping.ToWire(result.Model);
                response.ChangePoints.Add(result.ChangePoints.Select(c => DetectionMapping.ToWire(c, input.Axis)));
                response.Segments.Add(result.Segments.Select(DetectionMapping.ToWire));
                break;
        }
        return response;
    }
}
