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

    /// <summary>The operator of <paramref name="series"/>, built by the first call (every call passes the same series).</summary>
    public TrajectoryOperator Operator(ReadOnlySpan<double> series, int windowLength) => _operator ??= new TrajectoryOperator(series, windowLength);

    public double[]? Spectrum(int component) => _spectra.GetValueOrDefault(component);

    public void Keep(int component, ReadOnlySpan<double> spectrum) => _spectra[component] = spectrum.ToArray();
}
