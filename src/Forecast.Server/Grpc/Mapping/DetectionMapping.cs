using Forecast.Contracts.V1;
using Forecast.Core.Anomalies;
using Forecast.Core.ChangePoints;
using CoreDirection = Forecast.Core.ChangePoints.ChangeDirection;
using CoreMartingale = Forecast.Core.ChangePoints.MartingaleKind;
using CoreSegmentModel = Forecast.Core.ChangePoints.SegmentModel;
using CoreSeriesKind = Forecast.Core.Series.SeriesKind;
using WireChangePoint = Forecast.Contracts.V1.ChangePoint;
using WireDirection = Forecast.Contracts.V1.Direction;
using WireMartingale = Forecast.Contracts.V1.MartingaleKind;
using WireSegmentModel = Forecast.Contracts.V1.SegmentModel;

namespace Forecast.Server.Grpc.Mapping;

/// <summary>Wire detection requests to Core options, and Core results back; zeros become the contract's defaults.</summary>
public static class DetectionMapping
{
    public const double DefaultChangePointConfidence = 0.95;
    public const double DefaultSpikeConfidence = 0.99;

    public static CoreSegmentModel ToCore(WireSegmentModel model, CoreSeriesKind kind) => model switch
    {
        WireSegmentModel.Mean => CoreSegmentModel.Mean,
        WireSegmentModel.MeanVariance => CoreSegmentModel.MeanVariance,
        WireSegmentModel.Poisson => CoreSegmentModel.Poisson,
        WireSegmentModel.LinearTrend => CoreSegmentModel.LinearTrend,
        _ => SegmentationOptions.DefaultModelFor(kind),
    };

    public static WireSegmentModel ToWire(CoreSegmentModel model) => model switch
    {
        CoreSegmentModel.Mean => WireSegmentModel.Mean,
        CoreSegmentModel.MeanVariance => WireSegmentModel.MeanVariance,
        CoreSegmentModel.Poisson => WireSegmentModel.Poisson,
        _ => WireSegmentModel.LinearTrend,
    };

    public static SegmentationOptions ToSegmentation(DetectChangePointsRequest request, CoreSeriesKind kind) => new()
    {
        Model = ToCore(request.SegmentModel, kind),
        Confidence = OrDefault(request.Confidence, DefaultChangePointConfidence),
        MinSegmentLength = request.MinSegmentLength,
        Penalty = request.Penalty,
    };

    public static BocpdOptions ToBocpd(DetectChangePointsRequest request) =>
        new() { Confidence = OrDefault(request.Confidence, DefaultChangePointConfidence) };

    public static PointScore ToWire(in BocpdPoint point, int index, double value, CoreSeriesKind kind = CoreSeriesKind.Level) => new()
    {
        Index = index,
        Value = value,
        Expected = InKindRange(point.Expected, kind),
        Lower = InKindRange(point.Lower, kind),
        Upper = InKindRange(point.Upper, kind),
        Score = Math.Clamp(value - point.Expected, -double.MaxValue, double.MaxValue),
        PValue = point.PValue,
        Alert = point.Alert,
    };

    public static OnlineDetectorOptions ToOnline(OnlineOptions? online, bool iid, OnlineAlert alert, double confidence, WireDirection direction)
    {
        var defaults = new OnlineDetectorOptions();
        online ??= new OnlineOptions();
        return defaults with
        {
            Scoring = iid ? OnlineScoring.Iid : OnlineScoring.Ssa,
            Alert = alert,
            Confidence = OrDefault(confidence, alert == OnlineAlert.Spike ? DefaultSpikeConfidence : DefaultChangePointConfidence),
            Side = direction switch
            {
                WireDirection.Up => AnomalySide.Up,
                WireDirection.Down => AnomalySide.Down,
                _ => AnomalySide.Both,
            },
            TrainingWindow = online.TrainingWindow > 0 ? online.TrainingWindow : defaults.TrainingWindow,
            SeasonalWindow = online.SeasonalWindow > 0 ? online.SeasonalWindow : defaults.SeasonalWindow,
            HistoryLength = online.HistoryLength > 0 ? online.HistoryLength : defaults.HistoryLength,
            Martingale = online.Martingale == WireMartingale.Mixture ? CoreMartingale.Mixture : CoreMartingale.Power,
            Epsilon = online.Epsilon > 0 ? online.Epsilon : defaults.Epsilon,
        };
    }

    public static WireDirection ToWire(CoreDirection direction) => direction switch
    {
        CoreDirection.Up => WireDirection.Up,
        CoreDirection.Down => WireDirection.Down,
        _ => WireDirection.Unspecified,
    };

    public static WireChangePoint ToWire(DetectedChangePoint change, TimeAxis? axis)
    {
        var wire = new WireChangePoint
        {
            Index = change.Index,
            Confidence = change.Confidence,
            PValue = change.PValue,
            Direction = ToWire(change.Direction),
            LevelBefore = change.LevelBefore,
            LevelAfter = change.LevelAfter,
            Martingale = change.Martingale,
        };
        if (axis is not null)
        {
            wire.Timestamp = axis.At(change.Index);
        }
        return wire;
    }

    public static Segment ToWire(SegmentSummary segment) => new()
    {
        Start = segment.Start,
        End = segment.End,
        Mean = segment.Mean,
        StandardDeviation = segment.StandardDeviation,
        Slope = segment.Slope,
    };

    public static PointScore ToWire(in OnlinePoint point, CoreSeriesKind kind = CoreSeriesKind.Level) => new()
    {
        Index = point.Index,
        Value = point.Value,
        Expected = InKindRange(point.Expected, kind),
        Lower = InKindRange(point.Lower, kind),
        Upper = InKindRange(point.Upper, kind),
        Score = point.Score,
        PValue = point.PValue,
        Martingale = point.Martingale,
        Alert = point.Alert,
    };

    /// <summary>An online alert as a change point: the level expected before it and the value that broke it.</summary>
    public static WireChangePoint ToChangePoint(in OnlinePoint point, TimeAxis? axis) => ToWire(
        new DetectedChangePoint(point.Index, 1 - point.PValue, point.PValue, point.Direction, point.Expected, point.Value, point.Martingale), axis);

    public static Spike ToSpike(in OnlinePoint point, TimeAxis? axis, CoreSeriesKind kind = CoreSeriesKind.Level)
    {
        var spike = new Spike
        {
            Index = point.Index,
            Value = point.Value,
            Expected = InKindRange(point.Expected, kind),
            Lower = InKindRange(point.Lower, kind),
            Upper = InKindRange(point.Upper, kind),
            PValue = point.PValue,
            Severity = point.Severity,
            Direction = ToWire(point.Direction),
        };
        if (axis is not null)
        {
            spike.Timestamp = axis.At(point.Index);
        }
        return spike;
    }

    /// <summary>
    /// The detectors model the raw values with symmetric Gaussian-like margins, so expected - margin can fall
    /// below 0 for small counts (or outside [0, 1] for shares). No count can be below 0 and no share outside
    /// [0, 1], so the expected value and its margins are clamped to the kind's range on the way out; the
    /// score and p-value keep the model's own numbers. NaN passes unchanged.
    /// </summary>
    public static double InKindRange(double value, CoreSeriesKind kind) => kind switch
    {
        CoreSeriesKind.Count when value < 0 => 0.0,
        CoreSeriesKind.Share when value < 0 => 0.0,
        CoreSeriesKind.Share when value > 1 => 1.0,
        _ => value,
    };

    private static double OrDefault(double value, double fallback) => value == 0 ? fallback : value;
}
