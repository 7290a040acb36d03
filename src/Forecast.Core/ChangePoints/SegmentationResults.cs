using Forecast.Core.Series;

namespace Forecast.Core.ChangePoints;

/// <summary>Settings of an offline segmentation; the defaults are the service's defaults.</summary>
public sealed record SegmentationOptions
{
    public SegmentModel Model { get; init; } = SegmentModel.LinearTrend;

    /// <summary>Confidence in (0, 1) a change point must reach to be kept.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Shortest segment in points; 0 = automatic (see <see cref="OfflineSegmentation"/>).</summary>
    public int MinSegmentLength { get; init; }

    /// <summary>Penalty per change point in units of twice the log-likelihood; 0 = the MBIC-style default.</summary>
    public double Penalty { get; init; }

    /// <summary>
    /// The most bootstrap replicates behind a change point's p-value; they are drawn in batches of 199 and
    /// stop once the p-value is clearly above or below 1 − confidence (see <see cref="BlockBootstrapTest"/>).
    /// </summary>
    public int BootstrapReplicates { get; init; } = 999;

    /// <summary>Seed of the bootstrap: the same request always gets the same answer (and cache entry).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The contract's default model: Poisson for counts, a linear trend per segment otherwise. Real
    /// histories drift; on the 12 TCPD series a trend per segment scores F1 0.84 / cover 0.73 where
    /// mean-and-variance segments score 0.62 / 0.57 (segments of a drifting level fragment).
    /// </summary>
    public static SegmentModel DefaultModelFor(SeriesKind kind) =>
        kind == SeriesKind.Count ? SegmentModel.Poisson : SegmentModel.LinearTrend;
}

/// <summary>A change point: the first index of a new segment, with its significance and the levels around it.</summary>
public sealed record DetectedChangePoint(
    int Index, double Confidence, double PValue, ChangeDirection Direction, double LevelBefore, double LevelAfter, double Martingale = 0);

/// <summary>A stretch [Start, End) between change points, in the series' own units.</summary>
public sealed record SegmentSummary(int Start, int End, double Mean, double StandardDeviation, double Slope);

public sealed record SegmentationResult(
    SegmentModel Model, int MinSegmentLength, double Penalty, IReadOnlyList<DetectedChangePoint> ChangePoints, IReadOnlyList<SegmentSummary> Segments);
