namespace Forecast.Core.Ssa;

/// <summary>
/// Grouping and diagonal averaging: the series reconstructed from a group I of eigentriples is the
/// hankelisation of sum_{i in I} U_i (X^T U_i)^T, i.e. of the projection of every lagged vector onto span(U_I).
/// The lagged vectors may come from a different (e.g. longer) series than the one the basis was fitted on.
/// </summary>
internal static class Reconstruction
{
    /// <remarks>Long series use <see cref="ProjectionFilter"/> (about N L multiply-adds for any group); short ones go component by component. The token is checked inside, so a long series with a wide window stops promptly.</remarks>
    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default)
    {
        // Long windows on their own series: sums of the cached FFT elementary reconstructions.
        if (basis.LongWindow is { } longWindow && longWindow.Describes(series))
        {
            return longWindow.Reconstruct(group, cancellationToken);
        }
        // Speed (perf): long series as one symmetric filter, ~N L instead of 2 |group| N L multiply-adds.
        if (ProjectionFilter.Applies(series.Length, basis.WindowLength))
        {
            return ProjectionFilter.Reconstruct(series, basis, group, cancellationToken);
        }
        return ReconstructByComponents(series, basis, group, cancellationToken);
    }

    /// <summary>Component by component: V_i = X^T U_i, then the diagonal average of U_i V_i^T; O(N L) each, the token checked inside.</summary>
    public static double[] ReconstructByComponents(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default)
    {
        var result = new double[series.Length];
        foreach (var k in group)
        {
            var u = basis.Vector(k);
            var v = TrajectoryMatrix.ProjectOnto(series, basis.WindowLength, u, cancellationToken);
            TrajectoryMatrix.AddDiagonalAverage(u, v, result, cancellationToken);
        }
        return result;
    }

    /// <summary>The reconstruction from the leading <paramref name="rank"/> eigentriples.</summary>
    public static double[] ReconstructLeading(ReadOnlySpan<double> series, SsaBasis basis, int rank, CancellationToken cancellationToken = default)
    {
        Span<int> group = rank <= 256 ? stackalloc int[rank] : new int[rank];
        for (var i = 0; i < rank; i++)
        {
            group[i] = i;
        }
        return Reconstruct(series, basis, group, cancellationToken);
    }
}
