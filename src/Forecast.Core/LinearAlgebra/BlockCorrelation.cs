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
/// block gives B = P - M + 1 outputs for two FFTs of size P, and the next block starts B later. That is about
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

    /// <summary>
    /// Measured here (2 cores, AVX2): a block costs about this many direct multiply-adds per point and log2 P (half a
    /// complex transform pair); the blocks win from L of about 41 on long series.
    /// </summary>
    private const double FourierWeight = 7.5;

    /// <summary>
    /// Writes y_s for s &lt; <paramref name="output"/>.Length (at most N - M + 1) into <paramref name="output"/>.
    /// Scratch (the kernel's spectrum, one block pair and its spectrum) is pooled.
    /// </summary>
    /// <remarks>
    /// Speed (perf): two consecutive blocks share one complex FFT, z = a + i b. The correlation is linear and h is real,
    /// so IFFT(conj(H) Z) = corr(a, h) + i corr(b, h): the real part holds one block's outputs, the imaginary part the
    /// next one's. One complex transform of size P costs about two thirds of two real ones (no packing, no split).
    /// </remarks>
    public static void Correlate(ReadOnlySpan<double> kernel, ReadOnlySpan<double> series, Span<double> output, CancellationToken cancellationToken = default) =>
        Correlate(kernel, series, output, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="kept"/> keeps the series' block spectra for the next kernel of the same length over the
    /// same series and outputs (filled by the first call, read by later ones: one forward FFT per block pair saved, and
    /// the same spectra, so the same bits). Null computes them and drops them.
    /// </summary>
    public static void Correlate(ReadOnlySpan<double> kernel, ReadOnlySpan<double> series, Span<double> output, SeriesBlockSpectra? kept,
        CancellationToken cancellationToken)
    {
        var taps = kernel.Length;
        var outputs = output.Length;
        if (outputs > series.Length - taps + 1)
        {
            throw new ArgumentException($"At most N - M + 1 = {series.Length - taps + 1} outputs; {outputs} were asked for.", nameof(output));
        }
        var size = BlockSize(taps, outputs);
        var fourier = FastFourierTransform.ForSize(size);
        var pool = ArrayPool<double>.Shared;
        var scratch = pool.Rent(4 * size);
        try
        {
            var kernelReal = scratch.AsSpan(0, size);
            var kernelImaginary = scratch.AsSpan(size, size);
            var real = scratch.AsSpan(2 * size, size);
            var imaginary = scratch.AsSpan(3 * size, size);
            kernel.CopyTo(kernelReal);
            kernelReal[taps..].Clear();
            kernelImaginary.Clear();
            fourier.ForwardToBitReversed(kernelReal, kernelImaginary);
            // The inverse's 1/P rides on the kernel's spectrum (exact, P a power of two): one pass less per block pair.
            FastFourierTransform.Scale(kernelReal, 1.0 / size);
            FastFourierTransform.Scale(kernelImaginary, 1.0 / size);
            var step = size - taps + 1;
            var reuse = kept is not null && kept.Matches(size, step, outputs, series.Length);
            if (kept is not null && !reuse)
            {
                kept.Reset(size, step, outputs, series.Length);
            }
            for (var (start, pair) = (0, 0); start < outputs; start += 2 * step, pair++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var second = start + step;
                if (reuse)
                {
                    kept!.CopyTo(pair, real, imaginary);
                }
                else
                {
                    // A block past the outputs (or a zero-padded last one) only reads x_{start+j+m} with j + m < P: no wrap.
                    Load(series, start, real);
                    Load(series, second < outputs ? second : series.Length, imaginary);
                    fourier.ForwardToBitReversed(real, imaginary);
                    kept?.Store(pair, real, imaginary);
                }
                RealFourierTransform.MultiplySpectra(real, imaginary, kernelReal, kernelImaginary, conjugateOther: true);
                fourier.UnscaledInverseFromBitReversed(real, imaginary);
                var count = Math.Min(step, outputs - start);
                real[..count].CopyTo(output.Slice(start, count));
                if (second < outputs)
                {
                    count = Math.Min(step, outputs - second);
                    imaginary[..count].CopyTo(output.Slice(second, count));
                }
            }
        }
        finally
        {
            pool.Return(scratch);
        }
    }

    /// <summary>block = x_start .. x_{start+P-1}, zero beyond the series.</summary>
    private static void Load(ReadOnlySpan<double> series, int start, Span<double> block)
    {
        var count = Math.Clamp(series.Length - start, 0, block.Length);
        series.Slice(Math.Min(start, series.Length), count).CopyTo(block);
        block[count..].Clear();
    }
}
