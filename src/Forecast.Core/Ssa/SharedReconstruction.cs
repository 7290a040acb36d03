using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forecast.Core.Ssa;

/// <summary>
/// Reconstructions of one series by one basis that share their work: the history fit (the leading r components) and
/// then the trend (a subset of them) need the same series spectra and the same per-component FFTs. The first group
/// keeps them, later groups reuse them, and each result is the same to the bit as a reconstruction on its own.
/// The series must not change while this is in use (a <see cref="HistoryFit"/> holds the fit of exactly this series).
/// </summary>
internal sealed class SharedReconstruction(double[] series, SsaBasis basis)
{
    public ProjectionFilter.KeptWork FilterWork { get; } = new();

    public ElementarySpectra Spectra { get; } = new();

    private bool _released;

    /// <summary>True when <paramref name="other"/> is the shared series itself (the same array, whole) and the work is still kept.</summary>
    public bool Describes(ReadOnlySpan<double> other) =>
        !_released && other.Length == series.Length && Unsafe.AreSame(ref MemoryMarshal.GetReference(other), ref MemoryMarshal.GetArrayDataReference(series));

    /// <summary>Gives the kept arrays back to the pool (about 0.3 MB at N = 10,000, 1.2 MB at 100,000) once no group is left to reconstruct.</summary>
    public void Release()
    {
        _released = true;
        FilterWork.Release();
        Spectra.Release();
    }

    public double[] Reconstruct(ReadOnlySpan<int> group, CancellationToken cancellationToken) =>
        Reconstruction.Reconstruct(series, basis, group, this, cancellationToken);

    public double[] ReconstructLeading(int rank, CancellationToken cancellationToken) =>
        Reconstruction.ReconstructLeading(series, basis, rank, this, cancellationToken);
}
