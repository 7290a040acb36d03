namespace Forecast.Core.ChangePoints;

/// <summary>What changes between the segments of an offline segmentation.</summary>
public enum SegmentModel
{
    /// <summary>Gaussian segments with their own mean and a common noise level.</summary>
    Mean,

    /// <summary>Gaussian segments with their own mean and their own variance.</summary>
    MeanVariance,

    /// <summary>Poisson counts with their own rate.</summary>
    Poisson,

    /// <summary>Gaussian segments around their own straight line (intercept and slope), common noise level.</summary>
    LinearTrend,
}
