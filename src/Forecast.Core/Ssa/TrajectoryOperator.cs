using System.Buffers;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Matrix-free products with the L x K trajectory matrix X[i, j] = x_{i+j} by FFT, for long windows where the
/// L x L lag-covariance (8 L^2 bytes) or O(N L) direct products are too expensive.
/// <para>
/// Both products are correlations with the series. For a vector a of length A (A = L or K), zero-padded to
/// P &gt;= N, the circular cross-correlation
/// <code>
///   c_j = sum_{i&lt;A} a_i x_{(i+j) mod P}  has spectrum  C_k = conj(A_k) X_k,
/// </code>
/// and for j &lt;= N - A no index wraps, so y_j = sum_i a_i x_{i+j} = c_j there. X^T u (a = u) and X w (a = w)
/// each cost one forward and one inverse real FFT of size P = 2^ceil(log2 N) with the series spectrum X_k
/// computed once; S v = X (X^T v) costs four. The hankelisation of u (X^T u)^T needs the anti-diagonal sums
/// sum_{i+j=t} u_i v_j, a linear convolution of length L + K - 1 = N &lt;= P, so U_k V_k without wrapping.
/// </para>
/// Memory: the series and its spectrum (O(P)); scratch is pooled per call.
/// </summary>
internal sealed class TrajectoryOperator
{
    private readonly RealFourierTransform _fourier;
    private readonly double[] _series;
    private readonly double[] _seriesReal;
    private readonly double[] _seriesImaginary;

    public TrajectoryOperator(ReadOnlySpan<double> series, int windowLength)
    {
        _series = series.ToArray();
        WindowLength = windowLength;
        Columns = series.Length - windowLength + 1;
        _fourier = RealFourierTransform.ForSize(FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, series.Length)));
        _seriesReal = new double[_fourier.Bins];
        _seriesImaginary = new double[_fourier.Bins];
        _fourier.ForwardPermuted(series, _seriesReal, _seriesImaginary);
    }

    public int WindowLength { get; }

    public int Columns { get; }

    public int SeriesLength => _series.Length;

    /// <summary>True when <paramref name="series"/> is the series this operator was built on.</summary>
    public bool Describes(ReadOnlySpan<double> series) => series.SequenceEqual(_series);

    /// <summary>X^T u: length-K coordinates of the lagged vectors along u.</summary>
    public void ProjectOnto(ReadOnlySpan<double> leftVector, Span<double> result) => Correlate(leftVector, result, [], []);

    /// <summary>X w: length-L combination of the lagged vectors.</summary>
    public void Combine(ReadOnlySpan<double> rightVector, Span<double> result) => Correlate(rightVector, result, [], []);

    /// <summary>
    /// S v = X X^T v (the lag-covariance product) without forming S: the correlation giving X^T v stays packed
    /// (<see cref="RealFourierTransform.CorrelatePacked"/>), is cut to its K valid values where it lies, and goes
    /// straight into the second correlation. The same bits as <see cref="ProjectOnto"/> followed by <see cref="Combine"/>.
    /// </summary>
    public void MultiplyCovariance(double[] vector, double[] result)
    {
        var half = _fourier.Size / 2;
        // Speed (perf): on a cache-line boundary the packed halves' 512-bit loads never straddle two lines (3.4 -> 3.05 µs).
        using var lease = AlignedScratch.Rent(2 * half);
        var real = lease.Memory.Span[..half];
        var imaginary = lease.Memory.Span.Slice(half, half);
        _fourier.PackSignal(vector.AsSpan(0, WindowLength), real, imaginary);
        _fourier.CorrelatePacked(real, imaginary, _seriesReal, _seriesImaginary);
        _fourier.TruncatePacked(real, imaginary, Columns);
        _fourier.CorrelatePacked(real, imaginary, _seriesReal, _seriesImaginary);
        RealFourierTransform.UnpackSignal(real, imaginary, result.AsSpan(0, WindowLength));
    }

    /// <summary>Number of spectrum bins (P/2 + 1) of <see cref="ElementarySpectrum"/>.</summary>
    public int Bins => _fourier.Bins;

    /// <summary>
    /// The spectrum of the anti-diagonal sums of the elementary matrix u (X^T u)^T: U_k V_k with U = FFT(u),
    /// V = FFT(X^T u). Three real FFTs of size P. Spectra add, so a group's sums need one inverse in the end.
    /// </summary>
    public void ElementarySpectrum(ReadOnlySpan<double> leftVector, Span<double> real, Span<double> imaginary)
    {
        var pool = ArrayPool<double>.Shared;
        var bins = _fourier.Bins;
        var leftReal = pool.Rent(bins);
        var leftImaginary = pool.Rent(bins);
        var columns = pool.Rent(Columns);
        // U = FFT(u) is kept from the correlation that gives v = X^T u.
        Correlate(leftVector, columns.AsSpan(0, Columns), leftReal.AsSpan(0, bins), leftImaginary.AsSpan(0, bins));
        _fourier.ForwardPermuted(columns.AsSpan(0, Columns), real, imaginary);
        RealFourierTransform.MultiplySpectra(real, imaginary, leftReal.AsSpan(0, bins), leftImaginary.AsSpan(0, bins), conjugateSelf: false);
        pool.Return(leftReal);
        pool.Return(leftImaginary);
        pool.Return(columns);
    }

    /// <summary>
    /// Diagonal averaging from summed elementary spectra: target_t = (1 / w_t) sum_{i+j=t} (...), w_t the
    /// anti-diagonal length. One inverse real FFT; the spectra are not modified.
    /// </summary>
    public void DiagonalAverage(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary, Span<double> target)
    {
        var pool = ArrayPool<double>.Shared;
        var bins = _fourier.Bins;
        var workReal = pool.Rent(bins);
        var workImaginary = pool.Rent(bins);
        var signal = pool.Rent(_fourier.Size);
        real.CopyTo(workReal);
        imaginary.CopyTo(workImaginary);
        _fourier.InversePermuted(workReal.AsSpan(0, bins), workImaginary.AsSpan(0, bins), signal.AsSpan(0, _fourier.Size));
        var length = _series.Length;
        var shorter = Math.Min(WindowLength, Columns);
        for (var t = 0; t < length; t++)
        {
            target[t] = signal[t] / TrajectoryMatrix.AntiDiagonalLength(t, shorter, length);
        }
        pool.Return(workReal);
        pool.Return(workImaginary);
        pool.Return(signal);
    }

    /// <summary>
    /// y_j = sum_i a_i x_{i+j} for j &lt;= N - |a| (see the class remarks); the spectrum of a is copied to
    /// <paramref name="keptReal"/>/<paramref name="keptImaginary"/> unless they are empty. Scratch comes from the
    /// shared pool: a fresh megabyte costs more in page faults here than the FFT that fills it.
    /// </summary>
    private void Correlate(ReadOnlySpan<double> a, Span<double> result, Span<double> keptReal, Span<double> keptImaginary)
    {
        var pool = ArrayPool<double>.Shared;
        var bins = _fourier.Bins;
        var realArray = pool.Rent(bins);
        var imaginaryArray = pool.Rent(bins);
        var signal = pool.Rent(_fourier.Size);
        var real = realArray.AsSpan(0, bins);
        var imaginary = imaginaryArray.AsSpan(0, bins);
        _fourier.ForwardPermuted(a, real, imaginary);
        if (!keptReal.IsEmpty)
        {
            real.CopyTo(keptReal);
            imaginary.CopyTo(keptImaginary);
        }
        RealFourierTransform.MultiplySpectra(real, imaginary, _seriesReal, _seriesImaginary, conjugateSelf: true);
        _fourier.InversePermuted(real, imaginary, signal.AsSpan(0, _fourier.Size));
        signal.AsSpan(0, _series.Length - a.Length + 1).CopyTo(result);
        pool.Return(realArray);
        pool.Return(imaginaryArray);
        pool.Return(signal);
    }

    /// <summary>
    /// sum_{i+j=t} u_i v_j for t &lt; L + K - 1 (the anti-diagonal sums of u v^T) by one FFT convolution; the
    /// linear length L + K - 1 fits in P without wrapping.
    /// </summary>
    public static double[] AntiDiagonalSums(ReadOnlySpan<double> leftVector, ReadOnlySpan<double> rightVector)
    {
        var total = leftVector.Length + rightVector.Length - 1;
        var fourier = RealFourierTransform.ForSize(FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, total)));
        var aReal = new double[fourier.Bins];
        var aImaginary = new double[fourier.Bins];
        var bReal = new double[fourier.Bins];
        var bImaginary = new double[fourier.Bins];
        fourier.ForwardPermuted(leftVector, aReal, aImaginary);
        fourier.ForwardPermuted(rightVector, bReal, bImaginary);
        RealFourierTransform.MultiplySpectra(aReal, aImaginary, bReal, bImaginary, conjugateSelf: false);
        var signal = new double[fourier.Size];
        fourier.InversePermuted(aReal, aImaginary, signal);
        return signal[..total];
    }
}
