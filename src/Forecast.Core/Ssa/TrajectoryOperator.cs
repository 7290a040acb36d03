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
/// The operator owns its scratch buffers (O(P)), so one instance serves one thread.
/// </summary>
internal sealed class TrajectoryOperator
{
    private readonly RealFourierTransform _fourier;
    private readonly double[] _series;
    private readonly double[] _seriesReal;
    private readonly double[] _seriesImaginary;
    private readonly double[] _real;
    private readonly double[] _imaginary;
    private readonly double[] _otherReal;
    private readonly double[] _otherImaginary;
    private readonly double[] _signal;
    private readonly double[] _columns;

    public TrajectoryOperator(ReadOnlySpan<double> series, int windowLength)
    {
        _series = series.ToArray();
        WindowLength = windowLength;
        Columns = series.Length - windowLength + 1;
        _fourier = RealFourierTransform.ForSize(FastFourierTransform.PowerOfTwoAtLeast(Math.Max(2, series.Length)));
        var bins = _fourier.Bins;
        _seriesReal = new double[bins];
        _seriesImaginary = new double[bins];
        _real = new double[bins];
        _imaginary = new double[bins];
        _otherReal = new double[bins];
        _otherImaginary = new double[bins];
        _signal = new double[_fourier.Size];
        _columns = new double[Columns];
        _fourier.ForwardPermuted(series, _seriesReal, _seriesImaginary);
    }

    public int WindowLength { get; }

    public int Columns { get; }

    public int SeriesLength => _series.Length;

    /// <summary>True when <paramref name="series"/> is the series this operator was built on.</summary>
    public bool Describes(ReadOnlySpan<double> series) => series.SequenceEqual(_series);

    /// <summary>X^T u: length-K coordinates of the lagged vectors along u.</summary>
    public void ProjectOnto(ReadOnlySpan<double> leftVector, Span<double> result) => Correlate(leftVector, result, keepSpectrum: false);

    /// <summary>X w: length-L combination of the lagged vectors.</summary>
    public void Combine(ReadOnlySpan<double> rightVector, Span<double> result) => Correlate(rightVector, result, keepSpectrum: false);

    /// <summary>S v = X X^T v (the lag-covariance product) without forming S.</summary>
    public void MultiplyCovariance(double[] vector, double[] result)
    {
        ProjectOnto(vector, _columns);
        Combine(_columns, result);
    }

    /// <summary>Number of spectrum bins (P/2 + 1) of <see cref="ElementarySpectrum"/>.</summary>
    public int Bins => _fourier.Bins;

    /// <summary>
    /// The spectrum of the anti-diagonal sums of the elementary matrix u (X^T u)^T: U_k V_k with U = FFT(u),
    /// V = FFT(X^T u). Three real FFTs of size P. Spectra add, so a group's sums need one inverse in the end.
    /// </summary>
    public void ElementarySpectrum(ReadOnlySpan<double> leftVector, Span<double> real, Span<double> imaginary)
    {
        // U = FFT(u) stays in (_otherReal, _otherImaginary); v = X^T u.
        Correlate(leftVector, _columns, keepSpectrum: true);
        _fourier.ForwardPermuted(_columns, real, imaginary);
        MultiplySpectra(real, imaginary, _otherReal, _otherImaginary, conjugateSelf: false);
    }

    /// <summary>
    /// Diagonal averaging from summed elementary spectra: target_t = (1 / w_t) sum_{i+j=t} (...), w_t the
    /// anti-diagonal length. One inverse real FFT; the spectra are not modified.
    /// </summary>
    public void DiagonalAverage(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary, Span<double> target)
    {
        real.CopyTo(_real);
        imaginary.CopyTo(_imaginary);
        _fourier.InversePermuted(_real, _imaginary, _signal);
        var length = _series.Length;
        var shorter = Math.Min(WindowLength, Columns);
        for (var t = 0; t < length; t++)
        {
            target[t] = _signal[t] / TrajectoryMatrix.AntiDiagonalLength(t, shorter, length);
        }
    }

    /// <summary>y_j = sum_i a_i x_{i+j} for j &lt;= N - |a| (see the class remarks).</summary>
    private void Correlate(ReadOnlySpan<double> a, Span<double> result, bool keepSpectrum)
    {
        var real = keepSpectrum ? _otherReal : _real;
        var imaginary = keepSpectrum ? _otherImaginary : _imaginary;
        _fourier.ForwardPermuted(a, real, imaginary);
        if (keepSpectrum)
        {
            real.CopyTo(_real, 0);
            imaginary.CopyTo(_imaginary, 0);
        }
        MultiplySpectra(_real, _imaginary, _seriesReal, _seriesImaginary, conjugateSelf: true);
        _fourier.InversePermuted(_real, _imaginary, _signal);
        _signal.AsSpan(0, _series.Length - a.Length + 1).CopyTo(result);
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
        MultiplySpectra(aReal, aImaginary, bReal, bImaginary, conjugateSelf: false);
        var signal = new double[fourier.Size];
        fourier.InversePermuted(aReal, aImaginary, signal);
        return signal[..total];
    }

    /// <summary>self &lt;- self * other, or conj(self) * other.</summary>
    private static void MultiplySpectra(Span<double> real, Span<double> imaginary, ReadOnlySpan<double> otherReal, ReadOnlySpan<double> otherImaginary, bool conjugateSelf)
    {
        var selfSign = conjugateSelf ? -1.0 : 1.0;
        for (var k = 0; k < real.Length; k++)
        {
            var ar = real[k];
            var ai = selfSign * imaginary[k];
            var br = otherReal[k];
            var bi = otherImaginary[k];
            real[k] = ar * br - ai * bi;
            imaginary[k] = ar * bi + ai * br;
        }
    }
}
