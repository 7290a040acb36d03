namespace Forecast.Core.Ssa;

/// <summary>
/// Grouping and diagonal averaging: the series reconstructed from a group I of eigentriples is the
/// hankelisation of sum_{i in I} U_i (X^T U_i)^T, i.e. of the projection of every lagged vector onto span(U_I).
/// The lagged vectors may come from a different (e.g. longer) series than the one the basis was fitted on.
/// </summary>
internal static class Reconstruction
{
    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default)
    {
        if (series.Length - basis.WindowLength + 1 > 2 * basis.WindowLength)
        {
            return ReconstructByFilter(series, basis, group, cancellationToken);
        }
        return ReconstructByComponents(series, basis, group, cancellationToken);
    }

    /// <summary>Component by component: V_i = X^T U_i, then the diagonal average of U_i V_i^T. O(N L) per component.</summary>
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

    /// <summary>
    /// The same reconstruction for long series at a cost independent of the group size. Away from the ends
    /// (L-1 &lt;= t &lt;= K-1) every anti-diagonal has L entries and the reconstruction is a symmetric FIR filter:
    /// <code>  y_t = (1/L) sum_{d=-(L-1)}^{L-1} c_d x_{t+d},   c_d = sum_l P[l, l+d],   P = U_I U_I^T </code>
    /// (c_d is the sum of the lag-d autocorrelations of the eigenvectors). Only the 2(L-1) end points are
    /// averaged explicitly, from the coordinates of the first and last L-1 lagged vectors.
    /// Cost O(N L + |I| L^2) instead of O(N L |I|).
    /// </summary>
    public static double[] ReconstructByFilter(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken)
    {
        var windowLength = basis.WindowLength;
        var n = series.Length;
        var columns = n - windowLength + 1;
        var taps = new double[2 * windowLength - 1];
        foreach (var k in group)
        {
            var u = basis.Vector(k);
            for (var d = 0; d < windowLength; d++)
            {
                var value = LinearAlgebra.VectorOps.Dot(u[..(windowLength - d)], u[d..]);
                taps[windowLength - 1 + d] += value;
                if (d > 0)
                {
                    taps[windowLength - 1 - d] += value;
                }
            }
        }
        var result = new double[n];
        var scale = 1.0 / windowLength;
        for (var t = windowLength - 1; t <= columns - 1; t++)
        {
            if ((t & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            result[t] = scale * LinearAlgebra.VectorOps.Dot(taps, series.Slice(t - windowLength + 1, taps.Length));
        }

        // Ends: y_t = (1/w_t) sum_i sum_l u_il v_i(t-l) with v_i(j) = <u_i, X_j> for the first and last L-1 columns.
        var edge = windowLength - 1;
        var head = new double[edge];
        var tail = new double[edge];
        var coordinates = new double[edge];
        foreach (var k in group)
        {
            var u = basis.Vector(k);
            for (var j = 0; j < edge; j++)
            {
                coordinates[j] = LinearAlgebra.VectorOps.Dot(u, series.Slice(j, windowLength));
            }
            for (var t = 0; t < edge; t++)
            {
                for (var l = 0; l <= t; l++)
                {
                    head[t] += u[l] * coordinates[t - l];
                }
            }
            for (var j = 0; j < edge; j++)
            {
                coordinates[j] = LinearAlgebra.VectorOps.Dot(u, series.Slice(columns - edge + j, windowLength));
            }
            for (var s = 0; s < edge; s++)
            {
                var t = columns + s;
                for (var l = s + 1; l < windowLength; l++)
                {
                    tail[s] += u[l] * coordinates[t - l - (columns - edge)];
                }
            }
        }
        for (var t = 0; t < edge; t++)
        {
            result[t] = head[t] / (t + 1);
            result[columns + t] = tail[t] / (windowLength - 1 - t);
        }
        return result;
    }
}
