using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Matrix-free products with the L x K trajectory matrix X[i, j] = x_{i+j} by FFT, for long windows where the
/// L x L lag-covariance (8 L^2 bytes) or O(N L) direct products are too expensive.
/// <para>
/// Both products are correlations with the series. For a vector a of length A (A = L or K) and B = N - A + 1,
/// <code>
///   y_j = sum_{i&lt;A} a_i x_{i+j} = (rev(a) * x)_{j+A-1},   j &lt; B,      rev(a)_m = a_{A-1-m}
/// </code>
/// (* = linear convolution). A circular convolution of size P &gt;= N reproduces the needed indices A-1..N-1:
/// the wrapped terms come from linear indices s &gt;= P, which land on s - P &lt;= A + N - 2 - P &lt; A - 1.
/// So X^T u (a = u, A = L) and X w (a = w, A = K) each cost two FFTs of size P = 2^ceil(log2 N) with the
/// series spectrum computed once; S v = X (X^T v) costs four. Memory O(P) per operator.
/// </para>
/// </summary>
internal sealed class TrajectoryOperator
{
    private readonly double[] spectrumReal;
    private readonly double[] spectrumImaginary;
    private readonly double[] workReal;
    private readonly double[] workImaginary;
    private readonly double[] columnsBuffer;
    private readonly int length;

    public TrajectoryOperator(ReadOnlySpan<double> series, int windowLength)
    {
        length = series.Length;
        WindowLength = windowLength;
        Columns = length - windowLength + 1;
        var size = FastFourierTransform.PowerOfTwoAtLeast(length);
        spectrumReal = new double[size];
        spectrumImaginary = new double[size];
        series.CopyTo(spectrumReal);
        FastFourierTransform.Transform(spectrumReal, spectrumImaginary, inverse: false);
        workReal = new double[size];
        workImaginary = new double[size];
        columnsBuffer = new double[Columns];
    }

    public int WindowLength { get; }

    public int Columns { get; }

    /// <summary>X^T u: length-K coordinates of the lagged vectors along u.</summary>
    public void ProjectOnto(ReadOnlySpan<double> leftVector, Span<double> result) => Correlate(leftVector, result);

    /// <summary>X w: length-L combination of the lagged vectors.</summary>
    public void Combine(ReadOnlySpan<double> rightVector, Span<double> result) => Correlate(rightVector, result);

    /// <summary>S v = X X^T v (the lag-covariance product) without forming S.</summary>
    public void MultiplyCovariance(double[] vector, double[] result)
    {
        ProjectOnto(vector, columnsBuffer);
        Combine(columnsBuffer, result);
    }

    /// <summary>y_j = sum_i a_i x_{i+j} for j &lt; N - |a| + 1 (see the class remarks).</summary>
    private void Correlate(ReadOnlySpan<double> a, Span<double> result)
    {
        var count = a.Length;
        Array.Clear(workReal);
        Array.Clear(workImaginary);
        for (var m = 0; m < count; m++)
        {
            workReal[m] = a[count - 1 - m];
        }
        FastFourierTransform.Transform(workReal, workImaginary, inverse: false);
        MultiplySpectra(workReal, workImaginary, spectrumReal, spectrumImaginary);
        FastFourierTransform.Transform(workReal, workImaginary, inverse: true);
        workReal.AsSpan(count - 1, length - count + 1).CopyTo(result);
    }

    /// <summary>
    /// sum_{i+j=t} u_i v_j for t &lt; L + K - 1 (the anti-diagonal sums of u v^T) by one FFT convolution; the
    /// linear length L + K - 1 fits in P &gt;= N without wrapping.
    /// </summary>
    public static double[] AntiDiagonalSums(ReadOnlySpan<double> leftVector, ReadOnlySpan<double> rightVector)
    {
        var total = leftVector.Length + rightVector.Length - 1;
        var size = FastFourierTransform.PowerOfTwoAtLeast(total);
        var aReal = new double[size];
        var aImaginary = new double[size];
        var bReal = new double[size];
        var bImaginary = new double[size];
        leftVector.CopyTo(aReal);
        rightVector.CopyTo(bReal);
        FastFourierTransform.Transform(aReal, aImaginary, inverse: false);
        FastFourierTransform.Transform(bReal, bImaginary, inverse: false);
        MultiplySpectra(aReal, aImaginary, bReal, bImaginary);
        FastFourierTransform.Transform(aReal, aImaginary, inverse: true);
        return aReal[..total];
    }

    private static void MultiplySpectra(double[] real, double[] imaginary, double[] otherReal, double[] otherImaginary)
    {
        for (var k = 0; k < real.Length; k++)
        {
            var re = real[k] * otherReal[k] - imaginary[k] * otherImaginary[k];
            imaginary[k] = real[k] * otherImaginary[k] + imaginary[k] * otherReal[k];
            real[k] = re;
        }
    }
}
