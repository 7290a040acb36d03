namespace Forecast.Core.Series;

/// <summary>What a series measures; decides which transform keeps forecasts in range.</summary>
public enum SeriesKind
{
    /// <summary>Any real value.</summary>
    Level,

    /// <summary>Non-negative counts: forecasts and bands stay at or above 0.</summary>
    Count,

    /// <summary>Shares: forecasts and bands stay inside [0, 1].</summary>
    Share,
}
