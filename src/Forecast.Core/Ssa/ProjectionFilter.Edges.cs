using System.Buffers;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The filter coefficients and the edges of <see cref="ProjectionFilter"/> by FFTs of size P = 2^ceil(log2(2L - 1)),
/// O(|I| L log L) instead of O(|I| L^2) (0.05 instead of 0.5 ms at L = 365, |I| = 10).
/// <para>
/// With U the spectrum of u (length L) and H, T those of the first and last 2L - 2 values of the series:
/// <list type="bullet">
/// <item>c_d = sum_k sum_i u_i u_{i+d} is the inverse of sum_k |U_k|^2 at d &lt; L (no wrap: i + d &lt;= 2L - 2 &lt; P);</item>
/// <item>head_j = &lt;u, X_j&gt; (j &lt; L - 1) is the inverse of conj(U) H (i + j &lt;= 2L - 3, no wrap); the left edge
///   sums sum_{i+j=t} u_i head_j (t &lt; L - 1) are the convolution of u with head cut to j &lt; L - 1, whose spectrum
///   U FFT(head) sums over the group, so one inverse gives them all;</item>
/// <item>the right edge likewise with T: the sums for t = K + t' are entries L - 1 + t' of the convolution.</item>
/// </list>
/// Every linear convolution has length at most 2L - 2 &lt;= P, so nothing wraps. Five FFTs per eigenvector.
/// </para>
/// </summary>
internal static partial class ProjectionFilter
{
    /// <summary>
    /// FFTs pay off once the direct sums (about 3.5 L^2 multiply-adds per eigenvector) exceed five transforms of size P
    /// (about 32 multiply-adds per point each, measured here): from L of about 100.
    /// </summary>
    internal static bool UsesFourierEdges(int windowLength) => (double)windowLength * windowLength >= 48.0 * EdgeTransformSize(windowLength);

    private static int EdgeTransformSize(int windowLength) => FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, 2 * windowLength - 1));

    private static void FourierEdges(ReadOnlySpan<double> series, SsaBasis basis, ReadOnlySpan<int> group, Span<double> coefficients, Span<double> left, Span<double> right,
        KeptWork? kept, CancellationToken cancellationToken)
    {
        var windowLength = basis.WindowLength;
        var edge = windowLength - 1;
        var columns = series.Length - windowLength + 1;
        var fourier = RealFourierTransform.ForSize(EdgeTransformSize(windowLength));
        var bins = fourier.Bins;
        var pool = ArrayPool<double>.Shared;
        // Spectra: head, tail, u, work, the left and right sums, and sum |U|^2 (13 arrays of H + 1) and one signal of P.
        var scratch = pool.Rent(13 * bins + fourier.Size);
        try
        {
            var all = scratch.AsSpan(0, 13 * bins + fourier.Size);
            all.Clear();
            Span<double> Part(int index) => scratch.AsSpan(index * bins, bins);
            Span<double> headReal = Part(0), headImaginary = Part(1), tailReal = Part(2), tailImaginary = Part(3);
            Span<double> uReal = Part(4), uImaginary = Part(5), workReal = Part(6), workImaginary = Part(7);
            Span<double> leftReal = Part(8), leftImaginary = Part(9), rightReal = Part(10), rightImaginary = Part(11), power = Part(12);
            var signal = scratch.AsSpan(13 * bins, fourier.Size);

            fourier.ForwardPermuted(series[..(2 * edge)], headReal, headImaginary);
            fourier.ForwardPermuted(series.Slice(columns - edge, 2 * edge), tailReal, tailImaginary);
            foreach (var k in group)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A component's three contributions are kept (when asked) and added later exactly as they are added here.
                var contributions = kept?.EdgeContributions(k, bins);
                if (contributions is { Ready: true })
                {
                    AddContributions(contributions.Values, bins, power, leftReal, leftImaginary, rightReal, rightImaginary);
                    continue;
                }
                var own = contributions?.Values ?? ArrayPool<double>.Shared.Rent(5 * bins);
                fourier.ForwardPermuted(basis.Vector(k), uReal, uImaginary);
                var componentPower = own.AsSpan(0, bins);
                for (var b = 0; b < bins; b++)
                {
                    componentPower[b] = uReal[b] * uReal[b] + uImaginary[b] * uImaginary[b];
                }
                EdgeSpectrum(fourier, uReal, uImaginary, headReal, headImaginary, edge, own.AsSpan(bins, bins), own.AsSpan(2 * bins, bins), signal);
                EdgeSpectrum(fourier, uReal, uImaginary, tailReal, tailImaginary, edge, own.AsSpan(3 * bins, bins), own.AsSpan(4 * bins, bins), signal);
                AddContributions(own, bins, power, leftReal, leftImaginary, rightReal, rightImaginary);
                if (contributions is null)
                {
                    ArrayPool<double>.Shared.Return(own);
                }
                else
                {
                    contributions.Ready = true;
                }
            }
            // The power spectrum is real: its inverse takes a zero imaginary part.
            workImaginary.Clear();
            fourier.InversePermuted(power, workImaginary, signal);
            signal[..windowLength].CopyTo(coefficients);
            fourier.InversePermuted(leftReal, leftImaginary, signal);
            signal[..edge].CopyTo(left);
            fourier.InversePermuted(rightReal, rightImaginary, signal);
            signal.Slice(edge, edge).CopyTo(right);
        }
        finally
        {
            pool.Return(scratch);
        }
    }

    /// <summary>power += |U|^2, left += U FFT(cut(...head...)), right likewise (rows of <paramref name="contributions"/>: power, left, right).</summary>
    private static void AddContributions(double[] contributions, int bins, Span<double> power, Span<double> leftReal, Span<double> leftImaginary,
        Span<double> rightReal, Span<double> rightImaginary)
    {
        var componentPower = contributions.AsSpan(0, bins);
        for (var b = 0; b < bins; b++)
        {
            power[b] += componentPower[b];
        }
        VectorOps.AddScaled(leftReal, contributions.AsSpan(bins, bins), 1.0);
        VectorOps.AddScaled(leftImaginary, contributions.AsSpan(2 * bins, bins), 1.0);
        VectorOps.AddScaled(rightReal, contributions.AsSpan(3 * bins, bins), 1.0);
        VectorOps.AddScaled(rightImaginary, contributions.AsSpan(4 * bins, bins), 1.0);
    }

    /// <summary>work = U FFT(cut(IFFT(conj(U) X))): the spectrum of u convolved with its correlations with a stretch of the series, cut to j &lt; L - 1.</summary>
    private static void EdgeSpectrum(RealFourierTransform fourier, ReadOnlySpan<double> uReal, ReadOnlySpan<double> uImaginary,
        ReadOnlySpan<double> stretchReal, ReadOnlySpan<double> stretchImaginary, int edge, Span<double> workReal, Span<double> workImaginary, Span<double> signal)
    {
        uReal.CopyTo(workReal);
        uImaginary.CopyTo(workImaginary);
        RealFourierTransform.MultiplySpectra(workReal, workImaginary, stretchReal, stretchImaginary, conjugateSelf: true);
        fourier.InversePermuted(workReal, workImaginary, signal);
        fourier.ForwardPermuted(signal[..edge], workReal, workImaginary);
        RealFourierTransform.MultiplySpectra(workReal, workImaginary, uReal, uImaginary);
    }
}
