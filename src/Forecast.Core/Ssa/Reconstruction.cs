using System.Buffers;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Grouping and diagonal averaging: the series reconstructed from a group I of eigentriples is the
/// hankelisation of sum_{i in I} U_i (X^T U_i)^T, i.e. of the projection of every lagged vector onto span(U_I).
/// The lagged vectors may come from a different (e.g. longer) series than the one the basis was fitted on.
/// </summary>
internal static class Reconstruction
{
    /// <remarks>Long series use <see cref="ProjectionFilter"/> (one filter for any group); shorter ones go component by component, by FFT products when the window is long enough to pay for them. The token is checked inside, so a long series with a wide window stops promptly.</remarks>
    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default) =>
        Reconstruct(series, basis, group, null, cancellationToken);

    /// <param name="shared">Work kept from and for other groups over the same series and basis (null: none).</param>
    public static double[] Reconstruct(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, SharedReconstruction? shared,
        CancellationToken cancellationToken)
    {
        // Long windows on their own series: sums of the cached FFT elementary reconstructions.
        if (basis.LongWindow is { } longWindow && longWindow.Describes(series))
        {
            return longWindow.Reconstruct(group, cancellationToken);
        }
        // Speed (perf): long series as one symmetric filter, ~N L instead of 2 |group| N L multiply-adds.
        if (ProjectionFilter.Applies(series.Length, basis.WindowLength))
        {
            return ProjectionFilter.Reconstruct(series, basis, group, shared?.FilterWork, cancellationToken);
        }
        // Speed (perf): shorter series with a long window as FFT products, three FFTs of size 2^ceil(log2 N) per component.
        if (UsesFourierComponents(series.Length, basis.WindowLength))
        {
            return ReconstructByFourier(series, basis, group, shared?.Spectra, cancellationToken);
        }
        return ReconstructByComponents(series, basis, group, cancellationToken);
    }

    /// <summary>
    /// Per component the direct products cost 2 L K multiply-adds; the FFT products three real FFTs of size P, about
    /// 140 P of those multiply-adds (measured here: 11 ns a point against 0.08 ns a multiply-add).
    /// </summary>
    internal static bool UsesFourierComponents(int length, int windowLength)
    {
        var columns = length - windowLength + 1;
        var size = FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, length));
        return 2.0 * windowLength * columns > FourierComponentWeight * size;
    }

    private const double FourierComponentWeight = 140.0;

    /// <summary>
    /// The group's anti-diagonal sums as the inverse FFT of sum_k U_k V_k (<see cref="TrajectoryOperator.ElementarySpectrum"/>);
    /// equal to <see cref="ReconstructByComponents"/> to rounding.
    /// </summary>
    internal static double[] ReconstructByFourier(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, CancellationToken cancellationToken = default) =>
        ReconstructByFourier(series, basis, group, null, cancellationToken);

    /// <param name="kept">The series' operator and the components' spectra kept for the next group over the same series (null: none).</param>
    internal static double[] ReconstructByFourier(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, ElementarySpectra? kept,
        CancellationToken cancellationToken)
    {
        var result = new double[series.Length];
        if (group.IsEmpty)
        {
            return result;
        }
        var trajectory = kept?.Operator(series, basis.WindowLength) ?? new TrajectoryOperator(series, basis.WindowLength);
        var bins = trajectory.Bins;
        var scratch = ArrayPool<double>.Shared.Rent(4 * bins);
        var sum = scratch.AsSpan(0, 2 * bins);
        var work = scratch.AsSpan(2 * bins, 2 * bins);
        sum.Clear();
        foreach (var k in group)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var spectrum = kept is null ? default : kept.Spectrum(k);
            if (!spectrum.IsEmpty)
            {
                VectorOps.AddScaled(sum, spectrum, 1.0);
                continue;
            }
            trajectory.ElementarySpectrum(basis.Vector(k), work[..bins], work[bins..]);
            VectorOps.AddScaled(sum, work, 1.0);
            kept?.Keep(k, work);
        }
        trajectory.DiagonalAverage(sum[..bins], sum[bins..], result);
        ArrayPool<double>.Shared.Return(scratch);
        return result;
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
    public static double[] ReconstructLeading(ReadOnlySpan<double> series, SsaBasis basis, int rank, CancellationToken cancellationToken = default) =>
        ReconstructLeading(series, basis, rank, null, cancellationToken);

    public static double[] ReconstructLeading(ReadOnlySpan<double> series, SsaBasis basis, int rank, SharedReconstruction? shared, CancellationToken cancellationToken)
    {
        Span<int> group = rank <= 256 ? stackalloc int[rank] : new int[rank];
        for (var i = 0; i < rank; i++)
        {
            group[i] = i;
        }
        return Reconstruct(series, basis, group, shared, cancellationToken);
    }
}
