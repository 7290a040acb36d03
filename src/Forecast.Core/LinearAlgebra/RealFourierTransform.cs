namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// FFT of a real sequence x_0..x_{P-1} (P a power of two, P &gt;= 2) by one complex FFT of half the length:
/// the spectrum of a real sequence is Hermitian (X_{P-k} = conj X_k), so bins 0..H, H = P/2, carry it all.
/// <para>
/// Pack z_m = x_{2m} + i x_{2m+1} (m &lt; H) and take Z = FFT_H(z). The even and odd samples' spectra are
/// E_k = (Z_k + conj Z_{H-k}) / 2 and O_k = (Z_k - conj Z_{H-k}) / (2i) (Z_H = Z_0), and
/// <code>
///   X_k = E_k + W^k O_k,     X_{H-k} = conj(E_k - W^k O_k),     W = exp(-2 pi i / P),   0 &lt;= k &lt;= H/2.
/// </code>
/// The inverse undoes the two steps: E_k = (X_k + conj X_{H-k}) / 2, O_k = conj(W^k) (X_k - conj X_{H-k}) / 2,
/// Z_k = E_k + i O_k, z = IFFT_H(Z). Half the work of a complex FFT of length P (Press et al.,
/// "Numerical Recipes", section 12.3).
/// </para>
/// </summary>
internal sealed partial class RealFourierTransform
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, RealFourierTransform> Plans = new();

    private readonly FastFourierTransform _half;
    private readonly double[] _cosines;
    private readonly double[] _sines;

    private RealFourierTransform(int size)
    {
        Size = size;
        var half = size / 2;
        _half = FastFourierTransform.ForSize(half);
        (_reversedCosines, _reversedSines) = BuildReversedTwiddles(size);
        _cosines = new double[half / 2 + 1];
        _sines = new double[half / 2 + 1];
        for (var k = 0; k <= half / 2; k++)
        {
            var (s, c) = Math.SinCos(-2.0 * Math.PI * k / size);
            _cosines[k] = c;
            _sines[k] = s;
        }
    }

    /// <summary>W^{rev(p)} for p &lt; H (rev over log2 H bits): the unpacking twiddles in bit-reversed order.</summary>
    private readonly double[] _reversedCosines;
    private readonly double[] _reversedSines;

    /// <summary>P: the length of the real sequence.</summary>
    public int Size { get; }

    /// <summary>H + 1 = P/2 + 1: the number of spectrum bins.</summary>
    public int Bins => Size / 2 + 1;

    public static RealFourierTransform ForSize(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentException($"The real FFT size must be a power of two >= 2; it was {size}.", nameof(size));
        }
        return Plans.GetOrAdd(size, static s => new RealFourierTransform(s));
    }

    /// <summary>
    /// Spectrum bins 0..H of <paramref name="signal"/> zero-padded to P. <paramref name="real"/> and
    /// <paramref name="imaginary"/> have length H + 1 and are overwritten.
    /// </summary>
    public void Forward(ReadOnlySpan<double> signal, Span<double> real, Span<double> imaginary)
    {
        var half = Size / 2;
        Pack(signal, real, imaginary);
        _half.Forward(real[..half], imaginary[..half]);
        var zr0 = real[0];
        var zi0 = imaginary[0];
        real[0] = zr0 + zi0;
        imaginary[0] = 0.0;
        real[half] = zr0 - zi0;
        imaginary[half] = 0.0;
        for (var k = 1; k <= half / 2; k++)
        {
            var j = half - k;
            double ar = real[k], ai = imaginary[k], br = real[j], bi = imaginary[j];
            // E = (Z_k + conj Z_j) / 2, O = (Z_k - conj Z_j) / (2i).
            var er = 0.5 * (ar + br);
            var ei = 0.5 * (ai - bi);
            var or = 0.5 * (ai + bi);
            var oi = -0.5 * (ar - br);
            var wr = _cosines[k];
            var wi = _sines[k];
            var tr = wr * or - wi * oi;
            var ti = wr * oi + wi * or;
            real[k] = er + tr;
            imaginary[k] = ei + ti;
            real[j] = er - tr;
            imaginary[j] = -(ei - ti);
        }
    }

    /// <summary>
    /// The real sequence (length P) whose bins 0..H are <paramref name="real"/> + i <paramref name="imaginary"/>;
    /// both inputs (length H + 1) are used as scratch and destroyed.
    /// </summary>
    public void Inverse(Span<double> real, Span<double> imaginary, Span<double> signal)
    {
        var half = Size / 2;
        {
            // k = 0 pairs with H: both real.
            var x0 = real[0];
            var xh = real[half];
            real[0] = 0.5 * (x0 + xh);
            imaginary[0] = 0.5 * (x0 - xh);
        }
        for (var k = 1; k <= half / 2; k++)
        {
            var j = half - k;
            double ar = real[k], ai = imaginary[k], br = real[j], bi = imaginary[j];
            // E = (X_k + conj X_j) / 2, D = (X_k - conj X_j) / 2, O = conj(W^k) D.
            var er = 0.5 * (ar + br);
            var ei = 0.5 * (ai - bi);
            var dr = 0.5 * (ar - br);
            var di = 0.5 * (ai + bi);
            var wr = _cosines[k];
            var wi = -_sines[k];
            var or = wr * dr - wi * di;
            var oi = wr * di + wi * dr;
            // Z_k = E + i O; Z_j = conj(E) + i conj(O) (E_j = conj E_k, O_j = conj O_k).
            real[k] = er - oi;
            imaginary[k] = ei + or;
            real[j] = er + oi;
            imaginary[j] = -ei + or;
        }
        _half.Inverse(real[..half], imaginary[..half]);
        Unpack(real, imaginary, signal);
    }

    /// <summary>z_m = x_{2m} + i x_{2m+1}, zero beyond the signal.</summary>
    private void Pack(ReadOnlySpan<double> signal, Span<double> real, Span<double> imaginary)
    {
        var half = Size / 2;
        var count = Math.Min(signal.Length, Size);
        var pairs = count / 2;
        for (var m = PackVectors(signal, real, imaginary, pairs); m < pairs; m++)
        {
            real[m] = signal[2 * m];
            imaginary[m] = signal[2 * m + 1];
        }
        real[pairs..half].Clear();
        imaginary[pairs..half].Clear();
        if ((count & 1) == 1)
        {
            real[pairs] = signal[count - 1];
        }
    }

    /// <summary>x_{2m} = Re z_m, x_{2m+1} = Im z_m.</summary>
    private void Unpack(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary, Span<double> signal)
    {
        var half = Size / 2;
        if (signal.Length < Size || real.Length < half || imaginary.Length < half)
        {
            throw new ArgumentException($"The real FFT of size {Size} writes {Size} values.", nameof(signal));
        }
        for (var m = UnpackVectors(real, imaginary, signal, half); m < half; m++)
        {
            signal[2 * m] = real[m];
            signal[2 * m + 1] = imaginary[m];
        }
    }
}
