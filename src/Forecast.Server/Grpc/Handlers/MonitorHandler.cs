using Forecast.Contracts.V1;
using Forecast.Core.Anomalies;
using Forecast.Server.Grpc.Mapping;
using Forecast.Server.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>
/// Serves Monitor: the detector's state lives with the stream (one <see cref="OnlineDetector"/> per call,
/// gone when the call ends). The first message configures it; every later batch of points is answered
/// with one score per point, indices counted from the stream's first point.
/// </summary>
public sealed class MonitorHandler(IOptions<RequestLimitsOptions> limits)
{
    public async Task HandleAsync(
        IAsyncStreamReader<MonitorRequest> requestStream, IServerStreamWriter<MonitorResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }
        var config = requestStream.Current.PayloadCase == MonitorRequest.PayloadOneofCase.Config ? requestStream.Current.Config : null;
        DetectionRequestValidator.Validate(config, limits.Value);
        var detector = new OnlineDetector(ToOptions(config!));
        detector.Seed(config!.History.ToArray());
        var first = detector.Count;
        var kind = SeriesMapping.ToCore(config.Kind);

        var output = Array.Empty<OnlinePoint>();
        while (await requestStream.MoveNext(cancellationToken))
        {
            var points = requestStream.Current.PayloadCase == MonitorRequest.PayloadOneofCase.Points ? requestStream.Current.Points : null;
            DetectionRequestValidator.Validate(points, config.Kind, limits.Value);
            var values = points!.Values.ToArray();
            if (output.Length < values.Length)
            {
                output = new OnlinePoint[values.Length];
            }
            detector.Process(values, output.AsSpan(0, values.Length), cancellationToken);
            var response = new MonitorResponse();
            for (var i = 0; i < values.Length; i++)
            {
                var score = DetectionMapping.ToWire(output[i], kind);
                score.Index -= first;
                response.Points.Add(score);
            }
            response.Timestamps.Add(points.Timestamps);
            await responseStream.WriteAsync(response, cancellationToken);
        }
    }

    private static OnlineDetectorOptions ToOptions(MonitorConfig config) => DetectionMapping.ToOnline(
        config.Online,
        config.Method == ChangePointMethod.Iid,
        config.Detector == MonitorDetector.Spike ? OnlineAlert.Spike : OnlineAlert.ChangePoint,
        config.Confidence,
        config.Direction);
}
