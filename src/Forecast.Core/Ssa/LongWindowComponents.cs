using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Reconstructions from a long-window basis on the series it was fitted on. Each component's anti-diagonal-sum
/// spectrum U_k V_k (<see cref="TrajectoryOperator.ElementarySpectrum"/>, three FFTs) is computed once and kept;
/// diagonal averaging is linear, so a group's reconstruction is one inverse FFT of the summed spectra. The
/// history fit, the smoothed trend and the forecast's last lagged vector are all such groups; at L = N/2
/// recomputing them per use would repeat the FFTs. The latest group result is kept too (the forecast's tail
/// is the history fit's). Memory: P + 2 doubles per kept component.
/// </summary>
internal sealed class LongWindowComponents
{
    private readonly TrajectoryOperator _trajectory;
    private readonly SsaBasis _basis;
    private readonly double[]?[] _spectra;
    private int[] _lastGroup = [];
    private double[]? _lastReconstruction;

    public LongWindowComponents(TrajectoryOperator trajectory, SsaBasis basis)
    {
        _trajectory = trajectory;
        _basis = basis;
        _spectra = new double[]?[basis.VectorCount];
    }

    /// <summary>True when <paramref name="series"/> is the fitted series (then these reconstructions apply).</summary>
    public bool Describes(ReadOnlySpan<double> series) => series.Length == _trajectory.SeriesLength && _trajectory.Describes(series);

    /// <summary>The elementary reconstruction x~^(k) of one component.</summary>
    public double[] Elementary(int component, CancellationToken cancellationToken = default) => Reconstruct([component], cancellationToken);

    /// <summary>sum_{k in group} x~^(k), a fresh array the caller may change.</summary>
    public double[] Reconstruct(ReadOnlySpan<int> group, CancellationToken cancellationToken = default)
    {
        if (_lastReconstruction is null || !group.SequenceEqual(_lastGroup))
        {
            var bins = _trajectory.Bins;
            var sum = System.Buffers.ArrayPool<double>.Shared.Rent(2 * bins);
            Array.Clear(sum, 0, 2 * bins);
            foreach (var k in group)
            {
                VectorOps.AddScaled(sum.AsSpan(0, 2 * bins), Spectrum(k, cancellationToken), 1.0);
            }
            var result = new double[_trajectory.SeriesLength];
            _trajectory.DiagonalAverage(sum.AsSpan(0, bins), sum.AsSpan(bins, bins), result);
            System.Buffers.ArrayPool<double>.Shared.Return(sum);
            _lastGroup = group.ToArray();
            _lastReconstruction = result;
        }
        return (double[])_lastReconstruction.Clone();
    }

    /// <summary>The reconstruction from the leading <paramref name="rank"/> components.</summary>
    public double[] ReconstructLeading(int rank, CancellationToken cancellationToken = default)
    {
        var group = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            group[i] = i;
        }
        return Reconstruct(group, cancellationToken);
    }

    /// <summary>Components beyond this many are recomputed per use rather than kept (a Decompose call may ask for 200).</summary>
    public const int CachedComponents = 32;

    /// <summary>U_k V_k as [real bins | imaginary bins], computed on first use.</summary>
    private double[] Spectrum(int component, CancellationToken cancellationToken)
    {
        if (_spectra[component] is { } cached)
        {
            return cached;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var bins = _trajectory.Bins;
        var spectrum = new double[2 * bins];
        _trajectory.ElementarySpectrum(_basis.Vector(component), spectrum.AsSpan(0, bins), spectrum.AsSpan(bins, bins));
        if (component < CachedComponents)
        {
            _spectra[component] = spectrum;
        }
        return spectrum;
    }
}
