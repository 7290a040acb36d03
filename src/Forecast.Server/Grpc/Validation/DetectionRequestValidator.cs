using Forecast.Contracts.V1;

namespace Forecast.Server.Grpc.Validation;

/// <summary>
/// Every field of DetectChangePoints, DetectSpikes and a Monitor stream's config. Zero means "default"
/// wherever the contract says so; anything else must be in the stated range.
/// </summary>
public static class DetectionRequestValidator
{
    public static void Validate(DetectChangePointsRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(request.Series, limits, violations);
        var n = request.Series?.Values.Count ?? 0;
        violations.Defined(request.Method, "method");
        Confidence(request.Confidence, violations, "confidence");
        violations.Defined(request.SegmentModel, "segment_model");
        if (request.SegmentModel == SegmentModel.Poisson && request.Series is { } series)
        {
            var negative = series.Values.Select((v, i) => (v, i)).FirstOrDefault(p => p.v < 0, (0, -1));
            if (negative.Item2 >= 0)
            {
                violations.Add($"series.values[{negative.Item2}]", $"must be >= 0 (or NaN) for segment_model SEGMENT_MODEL_POISSON; it was {ViolationList.Format(negative.Item1)}.");
            }
        }
        violations.ZeroOrInRange(request.MinSegmentLength, 1, n / 2, "min_segment_length", "at most half the series length");
        if (!(request.Penalty >= 0 && double.IsFinite(request.Penalty)))
        {
            violations.Add("penalty", $"must be 0 (MBIC-style default) or a finite number > 0; it was {ViolationList.Format(request.Penalty)}.");
        }
        Online(request.Online, violations, "online");
        violations.Defined(request.CacheControl, "cache_control");
        violations.ThrowIfAny();
    }

    public static void Validate(DetectSpikesRequest request, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        SeriesValidator.Validate(request.Series, limits, violations);
        violations.Defined(request.Method, "method");
        Confidence(request.Confidence, violations, "confidence");
        violations.Defined(request.Direction, "direction");
        Online(request.Online, violations, "online");
        violations.Defined(request.CacheControl, "cache_control");
        violations.ThrowIfAny();
    }

    public static void Validate(MonitorConfig? config, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        if (config is null)
        {
            violations.Add("config", "must be the first message of a Monitor stream.");
            violations.ThrowIfAny();
            return;
        }
        violations.Defined(config.Detector, "config.detector");
        if (violations.Defined(config.Method, "config.method")
            && config.Method is not (ChangePointMethod.Unspecified or ChangePointMethod.Ssa or ChangePointMethod.Iid))
        {
            violations.Add("config.method", $"must be CHANGE_POINT_METHOD_SSA or _IID (UNSPECIFIED = SSA); offline methods are refused on a stream; it was {config.Method}.");
        }
        Confidence(config.Confidence, violations, "config.confidence");
        violations.Defined(config.Direction, "config.direction");
        Online(config.Online, violations, "config.online");
        violations.Defined(config.Kind, "config.kind");
        Points(config.History, config.Kind, limits, violations, "config.history");
        violations.ThrowIfAny();
    }

    public static void Validate(MonitorPoints? points, SeriesKind kind, RequestLimitsOptions limits)
    {
        var violations = new ViolationList();
        if (points is null)
        {
            violations.Add("config", "may only be sent once, as the first message; later messages carry points.");
            violations.ThrowIfAny();
            return;
        }
        Points(points.Values, kind, limits, violations, "points.values");
        if (points.Timestamps.Count != 0 && points.Timestamps.Count != points.Values.Count)
        {
            violations.Add("points.timestamps", $"must be empty or have one timestamp per value ({points.Values.Count}); it had {points.Timestamps.Count}.");
        }
        violations.ThrowIfAny();
    }

    private static void Points(IReadOnlyList<double> values, SeriesKind kind, RequestLimitsOptions limits, ViolationList violations, string field)
    {
        if (values.Count > limits.MaxPoints)
        {
            violations.Add(field, $"must have at most {limits.MaxPoints} points (the server's limit); it had {values.Count}.");
            return;
        }
        // The same ranges as a whole series (SeriesValidator): squares must stay finite, counts >= 0, shares in [0, 1].
        var (low, high, what) = kind switch
        {
            SeriesKind.Count => (0.0, SeriesValidator.DefaultMaxMagnitude, "a number in [0, 1e50] for a count stream, or NaN (missing)"),
            SeriesKind.Share => (0.0, 1.0, "a number in [0, 1] for a share stream, or NaN (missing)"),
            _ => (-SeriesValidator.DefaultMaxMagnitude, SeriesValidator.DefaultMaxMagnitude, "a finite number in [-1e50, 1e50], or NaN (missing)"),
        };
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsNaN(values[i]) && !(values[i] >= low && values[i] <= high))
            {
                violations.Add($"{field}[{i}]", $"must be {what}; it was {ViolationList.Format(values[i])}.");
            }
        }
    }

    private static void Confidence(double confidence, ViolationList violations, string field)
    {
        if (confidence != 0)
        {
            violations.InOpenRange(confidence, 0, 1, field);
        }
    }

    private static void Online(OnlineOptions? online, ViolationList violations, string field)
    {
        if (online is null)
        {
            return;
        }
        var seasonal = online.SeasonalWindow == 0 ? 10 : online.SeasonalWindow;
        violations.ZeroOrInRange(online.SeasonalWindow, 2, 1000, $"{field}.seasonal_window", "SSA window length");
        violations.ZeroOrInRange(online.TrainingWindow, 2 * seasonal, 100_000, $"{field}.training_window", "at least twice the seasonal window");
        violations.ZeroOrInRange(online.HistoryLength, 2, 100_000, $"{field}.history_length");
        violations.Defined(online.Martingale, $"{field}.martingale");
        if (online.Epsilon != 0)
        {
            violations.InOpenRange(online.Epsilon, 0, 1, $"{field}.epsilon");
        }
    }
}
