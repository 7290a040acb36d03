namespace Forecast.Core.Ssa.Analysis;

/// <summary>What to decompose: window L (0 = automatic), how many elementary components to return (0 = automatic).</summary>
public sealed record SsaDecompositionOptions(int WindowLength, int Components, bool IncludeWCorrelation = true);

/// <summary>
/// The SSA decomposition of a series: eigenvalue shares (lambda_i / sum lambda), the reconstructed elementary
/// series (each of the input's length), their w-correlation matrix, and the grouped reconstruction
/// Trend + Seasonal + Residual = the gap-filled series (grouping rule: <see cref="SsaAnalyzer"/>.Group).
/// </summary>
public sealed record SsaDecomposition(
    int WindowLength,
    double[] EigenvalueShares,
    double[][] Components,
    double[,]? WCorrelation,
    int SeasonalPeriod,
    double[] Trend,
    double[] Seasonal,
    double[] Residual);
