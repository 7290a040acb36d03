using System.Buffers;

namespace Forecast.Core.Ssa;

/// <summary>
/// The trajectory operator of one series and the spectra U_k V_k of its components
/// (<see cref="TrajectoryOperator.ElementarySpectrum"/>), kept by <see cref="Reconstruction.ReconstructByFourier(ReadOnlySpan{double}, SsaBasis, ReadOnlySpan{int}, ElementarySpectra?, CancellationToken)"/>
/// so that a second group over the same series (the trend after the whole fit) sums them instead of three FFTs each.
/// </summary>
internal sealed class ElementarySpectra
{
    private readonly Dictionary<int, double[]> _spectra = [];
    private TrajectoryOperator? _operator;
    private int _length;

    /// <summary>The operator of <paramref name="series"/>, built by the first call (every call passes the same series).</summary>
    public TrajectoryOperator Operator(ReadOnlySpan<double> series, int windowLength) => _operator ??= new TrajectoryOperator(series, windowLength);

    /// <summary>The kept spectrum of <paramref name="component"/> (real then imaginary bins), or null.</summary>
    public ReadOnlySpan<double> Spectrum(int component) =>
        _spectra.TryGetValue(component, out var kept) ? kept.AsSpan(0, _length) : default;

    public void Keep(int component, ReadOnlySpan<double> spectrum)
    {
        var kept = ArrayPool<double>.Shared.Rent(spectrum.Length);
        spectrum.CopyTo(kept);
        _length = spectrum.Length;
        _spectra[component] = kept;
    }

    /// <summary>Gives the kept spectra back to the pool; later groups compute afresh.</summary>
    public void Release()
    {
        foreach (var kept in _spectra.Values)
        {
            ArrayPool<double>.Shared.Return(kept);
        }
        _spectra.Clear();
        _operator = null;
    }
}
