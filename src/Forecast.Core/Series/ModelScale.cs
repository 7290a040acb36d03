namespace Forecast.Core.Series;

/// <summary>The scale on which the model is fitted (see <see cref="SeriesTransform"/>).</summary>
public enum ModelScale
{
    Identity,
    Log,
    Anscombe,
    Logit,
}
