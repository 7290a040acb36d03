using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The lagged products of a series over a window of K starts,
/// <code>
///   c_d = sum_{t&lt;K} x_t x_{t+d},    d &lt; D,   K + D - 1 &lt;= N,
/// </code>
/// (the first row of the lag-covariance X X^T) by FFT blocks, about one real FFT per point of the series instead of D
/// multiply-adds.
/// <para>
/// Cut the starts into blocks of B &gt;= D - 1 and let F_j be the spectrum of x_{jB} .. x_{jB+B-1}, zero-padded to
/// P = 2B. Block j contributes the correlation of its own values a_j with the stretch x_{jB} .. x_{jB+2B-1}; no
/// lag wraps because t - jB + d &lt;= B - 1 + D - 1 &lt; 2B. The stretch is block j followed by block j + 1, whose spectrum
/// is F_j + (-1)^k F_{j+1} (a shift by B = P/2 multiplies bin k by exp(-i pi k)), so
/// <code>
///   C_k = sum_j conj(A_{j,k}) (F_{j,k} + (-1)^k F_{j+1,k}),    c_d = IFFT(C)_d,
/// </code>
/// with A_j = F_j except in the block holding t = K - 1, whose values are cut at K. One forward FFT per block, one
/// inverse in the end; the rounding error is O(eps log P) relative to sum_t |x_t| |x_{t+d}|.
/// </para>
/// </summary>
internal static class WindowedAutocorrelation
{
    /// <summary>
    /// The blocks cost about as much as 128 of the direct sliding dots' multiply-adds per series point (measured here:
    /// 6.6 ns a point against 0.06 ns a multiply-add), the direct sum K D: FFTs from D of about 130.
    /// </summary>
    public static bool IsCheaper(int starts, int lags) => (double)starts * lags > 128.0 * (starts + lags) + 32.0 * BlockSize(lags);

    private static int BlockSize(int lags) => FastFourierTransform.PowerOfTwoAtLeast(Math.Max(MinimumBlock, lags - 1));

    /// <summary>Blocks below this are dominated by per-call overhead.</summary>
    private const int MinimumBlock = 256;

    /// <summary>Writes c_d for d &lt; <paramref name="result"/>.Length into <paramref name="result"/>; scratch is pooled.</summary>
    public static void Compute(ReadOnlySpan<double> series, int starts, Span<double> result, CancellationToken cancellationToken = default)
    {
        var lags = result.Length;
        var length = series.Length;
        if (starts < 1 || lags < 1 || starts + lags - 1 > length)
        {
            throw new ArgumentException($"K + D - 1 = {starts + lags - 1} must be within the series length {length} (K, D >= 1).", nameof(starts));
        }
        var block = BlockSize(lags);
        var fourier = RealFourierTransform.ForSize(2 * block);
        var bins = fourier.Bins;
        var pool = ArrayPool<double>.Shared;
        // Eight spectra (current, next, cut block, sum; real and imaginary), the signs, and one signal of P.
        var scratch = pool.Rent(9 * bins + fourier.Size);
        try
        {
            Span<double> Part(int index) => scratch.AsSpan(index * bins, bins);
            Span<double> currentReal = Part(0), currentImaginary = Part(1), nextReal = Part(2), nextImaginary = Part(3);
            // The two block spectra swap roles instead of being copied.
            Span<double> cutReal = Part(4), cutImaginary = Part(5), sumReal = Part(6), sumImaginary = Part(7), signs = Part(8);
            var signal = scratch.AsSpan(9 * bins, fourier.Size);
            for (var p = 0; p < bins; p++)
            {
                // Position p holds bin rev(p) (bin H at H), see RealFourierTransform.PermutedPosition, an involution.
                signs[p] = (fourier.PermutedPosition(p) & 1) == 0 ? 1.0 : -1.0;
            }
            sumReal.Clear();
            sumImaginary.Clear();
            var blocks = (starts + block - 1) / block;
            Transform(fourier, series, 0, block, currentReal, currentImaginary);
            for (var j = 0; j < blocks; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = j * block;
                Transform(fourier, series, start + block, block, nextReal, nextImaginary);
                if (start + block > starts)
                {
                    fourier.ForwardPermuted(series[start..starts], cutReal, cutImaginary);
                    Accumulate(cutReal, cutImaginary, currentReal, currentImaginary, nextReal, nextImaginary, signs, sumReal, sumImaginary);
                }
                else
                {
                    Accumulate(currentReal, currentImaginary, currentReal, currentImaginary, nextReal, nextImaginary, signs, sumReal, sumImaginary);
                }
                var swap = currentReal;
                currentReal = nextReal;
                nextReal = swap;
                swap = currentImaginary;
                currentImaginary = nextImaginary;
                nextImaginary = swap;
            }
            fourier.InversePermuted(sumReal, sumImaginary, signal);
            signal[..lags].CopyTo(result);
        }
        finally
        {
            pool.Return(scratch);
        }
    }

    /// <summary>The spectrum of x_start .. x_{start+B-1} (zero beyond the series) in the permuted order.</summary>
    private static void Transform(RealFourierTransform fourier, ReadOnlySpan<double> series, int start, int block, Span<double> real, Span<double> imaginary)
    {
        if (start >= series.Length)
        {
            real.Clear();
            imaginary.Clear();
            return;
        }
        fourier.ForwardPermuted(series.Slice(start, Math.Min(block, series.Length - start)), real, imaginary);
    }

    /// <summary>sum += conj(a) (current + signs * next).</summary>
    private static void Accumulate(ReadOnlySpan<double> aReal, ReadOnlySpan<double> aImaginary, ReadOnlySpan<double> currentReal, ReadOnlySpan<double> currentImaginary,
        ReadOnlySpan<double> nextReal, ReadOnlySpan<double> nextImaginary, ReadOnlySpan<double> signs, Span<double> sumReal, Span<double> sumImaginary)
    {
        var length = sumReal.Length;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = length / Vector<double>.Count;
            var ar = MemoryMarshal.Cast<double, Vector<double>>(aReal)[..vectors];
            var ai = MemoryMarshal.Cast<double, Vector<double>>(aImaginary)[..vectors];
            var cr = MemoryMarshal.Cast<double, Vector<double>>(currentReal)[..vectors];
            var ci = MemoryMarshal.Cast<double, Vector<double>>(currentImaginary)[..vectors];
            var nr = MemoryMarshal.Cast<double, Vector<double>>(nextReal)[..vectors];
            var ni = MemoryMarshal.Cast<double, Vector<double>>(nextImaginary)[..vectors];
            var s = MemoryMarshal.Cast<double, Vector<double>>(signs)[..vectors];
            var sr = MemoryMarshal.Cast<double, Vector<double>>(sumReal)[..vectors];
            var si = MemoryMarshal.Cast<double, Vector<double>>(sumImaginary)[..vectors];
            for (var v = 0; v < vectors; v++)
            {
                var br = cr[v] + s[v] * nr[v];
                var bi = ci[v] + s[v] * ni[v];
                sr[v] += ar[v] * br + ai[v] * bi;
                si[v] += ar[v] * bi - ai[v] * br;
            }
            k = vectors * Vector<double>.Count;
        }
        for (; k < length; k++)
        {
            var br = currentReal[k] + signs[k] * nextReal[k];
            var bi = currentImaginary[k] + signs[k] * nextImaginary[k];
            sumReal[k] += aReal[k] * br + aImaginary[k] * bi;
            sumImaginary[k] += aReal[k] * bi - aImaginary[k] * br;
        }
    }
}
