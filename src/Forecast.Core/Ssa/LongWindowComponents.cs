namespace Forecast.Core.Ssa;

/// <summary>
/// The elementary reconstructions x~^(k) (diagonal averages of U_k (X^T U_k)^T) of a long-window basis on the
/// series it was fitted on, each computed once by FFT (<see cref="TrajectoryOperator.ElementaryReconstruction"/>,
/// O(N log N)) and kept: the history fit, the smoothed trend and the forecast's last lagged vector are all
/// sums of the same few components, and at L = N/2 recomputing them would repeat the FFTs per use.
/// Memory: N doubles per component used.
/// </summary>
internal sealed class LongWindowComponents
{
    private readonly TrajectoryOperator _trajectory;
    private readonly SsaBasis _basis;
    private readonly double[]?[] _elementary;

    public LongWindowComponents(TrajectoryOperator trajectory, SsaBasis basis)
    {
        _trajectory = trajectory;
        _basis = basis;
        _elementary = new double[]?[basis.VectorCount];
    }

    /// <summary>True when <paramref name="series"/> is the fitted series (then the cached components apply).</summary>
    public bool Describes(ReadOnlySpan<double> series) => series.Length == _trajectory.SeriesLength && _trajectory.Describes(series);

    /// <summary>x~^(k), computed on first use.</summary>
    public double[] Elementary(int component, CancellationToken cancellationToken = default)
    {
        if (_elementary[component] is { } cached)
        {
            return cached;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var result = new double[_trajectory.SeriesLength];
        _trajectory.ElementaryReconstruction(_basis.Vector(component), result);
        _elementary[component] = result;
        return result;
    }

    /// <summary>sum_{k in group} x~^(k): the reconstruction of the group (diagonal averaging is linear).</summary>
    public double[] Reconstruct(ReadOnlySpan<int> group, CancellationToken cancellationToken = default)
    {
        var result = new double[_trajectory.SeriesLength];
        foreach (var k in group)
        {
            LinearAlgebra.VectorOps.AddScaled(result, Elementary(k, cancellationToken), 1.0);
        }
        return result;
    }
}
