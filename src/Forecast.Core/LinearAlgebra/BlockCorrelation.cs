using System.Buffers;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The "valid" part of a long correlation with a short kernel h (M taps),
/// <code>
///   y_s = sum_{m&lt;M} h_m x_{s+m},    s = 0 .. N - M,
/// </code>
/// by overlap-save FFT blocks (Oppenheim and Schafer, "Discrete-Time Signal Processing", section 8.7.3).
/// <para>
/// A block of P inputs z_j = x_{s0+j} has the circular correlation c_j = sum_{m&lt;M} h_m z_{(j+m) mod P}, whose
/// spectrum is conj(H_k) Z_k (H: h zero-padded to P). For j &lt;= P - M no index wraps, so c_j = y_{s0+j}: each
/// block gives B = P - M + 1 outputs for two real FFTs of size P, and the next block starts B later. That is about
/// 2 P log2 P / B operations per output instead of M, with the rounding error of the FFT, O(eps log P) relative to
/// sum_m |h_m| max |x|. P is the power of two &gt;= 4 M (B &gt;= 3P/4, and a block stays in the level-2 cache), or less when
/// one block holds every output.
/// </para>
/// </summary>
internal static class BlockCorrelation
{
    /// <summary>The block size P: the power of two &gt;= 4 M, or one block holding all the outputs when that is smaller.</summary>
    public static int BlockSize(int taps, int outputs) => Math.Min(
        FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, 4 * taps)),
        FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, outputs + taps - 1)));

    /// <summary>
    /// Whether the blocks cost less than the direct sum: about <see cref="FourierWeight"/> P log2 P multiply-adds of
    /// the direct sum per block of B = P - M + 1 outputs against M per output.
    /// </summary>
    public static bool IsCheaper(int taps, int outputs)
    {
        var size = BlockSize(taps, outputs);
        var blocks = Math.Ceiling((double)outputs / (size - taps + 1));
        return blocks * FourierWeight * size * Math.Log2(size) < (double)outputs * taps;
    }

    /// <summary>Measured here (2 cores, AVX2): a block costs about this many direct multiply-adds per point and log2 P.</summary>
    private const double FourierWeight = 10.0;

    /// <summary>
    /// Writes y_s for s &lt; <paramref name="output"/>.Length (at most N - M + 1) into <paramref name="output"/>.
    /// Scratch (the kernel's spectrum, one block and its spectrum) is pooled.
    /// </summary>
    public static void Correlate(ReadOnlySpan<double> kernel, ReadOnlySpan<double> series, Span<double> output, CancellationToken cancellationToken = default)
    {
        var taps = kernel.Length;
        var outputs = output.Length;
        if (outputs > series.Length - taps + 1)
        {
            throw new ArgumentException($"At most N - M + 1 = {series.Length - taps + 1} outputs; {outputs} were asked for.", nameof(output));
        }
        var size = BlockSize(taps, outputs);
        var fourier = RealFourierTransform.ForSize(size);
        var bins = fourier.Bins;
        var pool = ArrayPool<double>.Shared;
        var kernelRealArray = pool.Rent(bins);
        var kernelImaginaryArray = pool.Rent(bins);
        var realArray = pool.Rent(bins);
        var imaginaryArray = pool.Rent(bins);
        var signalArray = pool.Rent(size);
        try
        {
            var kernelReal = kernelRealArray.AsSpan(0, bins);
            var kernelImaginary = kernelImaginaryArray.AsSpan(0, bins);
            var real = realArray.AsSpan(0, bins);
            var imaginary = imaginaryArray.AsSpan(0, bins);
            var signal = signalArray.AsSpan(0, size);
            fourier.ForwardPermuted(kernel, kernelReal, kernelImaginary);
            var step = size - taps + 1;
            for (var start = 0; start < outputs; start += step)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(step, outputs - start);
                // The last block is zero-padded; its outputs j < count read only x_{start+j+m} with j + m < P, no wrap.
                fourier.ForwardPermuted(series.Slice(start, Math.Min(size, series.Length - start)), real, imaginary);
                RealFourierTransform.MultiplySpectra(real, imaginary, kernelReal, kernelImaginary, conjugateOther: true);
                fourier.InversePermuted(real, imaginary, signal);
                signal[..count].CopyTo(output.Slice(start, count));
            }
        }
        finally
        {
            pool.Return(kernelRealArray);
            pool.Return(kernelImaginaryArray);
            pool.Return(realArray);
            pool.Return(imaginaryArray);
            pool.Return(signalArray);
        }
    }
}
