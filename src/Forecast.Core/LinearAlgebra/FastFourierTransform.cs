namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Iterative radix-2 complex FFT (Cooley and Tukey 1965) on split real/imaginary arrays of a power-of-two length P:
/// <code>
///   forward:  Z_k = sum_{t&lt;P} z_t exp(-2 pi i k t / P)        inverse:  z_t = (1/P) sum_{k&lt;P} Z_k exp(+2 pi i k t / P)
/// </code>
/// Bit-reversal permutation, then log2 P butterfly passes; O(P log P). Twiddles are computed per pass from
/// cos/sin of the exact angle (not by repeated multiplication) so the rounding error stays O(log P) eps.
/// </summary>
internal static class FastFourierTransform
{
    /// <summary>The smallest power of two &gt;= <paramref name="length"/>.</summary>
    public static int PowerOfTwoAtLeast(int length)
    {
        var size = 1;
        while (size < length)
        {
            size <<= 1;
        }
        return size;
    }

    /// <summary>In-place transform; <paramref name="inverse"/> applies the +i sign and the 1/P scale.</summary>
    public static void Transform(Span<double> real, Span<double> imaginary, bool inverse)
    {
        var size = real.Length;
        if (size != imaginary.Length || (size & (size - 1)) != 0)
        {
            throw new ArgumentException("The FFT needs real and imaginary parts of the same power-of-two length.", nameof(real));
        }
        for (int i = 1, j = 0; i < size; i++)
        {
            var bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }
        var sign = inverse ? 1.0 : -1.0;
        for (var half = 1; half < size; half <<= 1)
        {
            var step = sign * Math.PI / half;
            for (var m = 0; m < half; m++)
            {
                var (s, c) = Math.SinCos(step * m);
                for (var start = m; start < size; start += 2 * half)
                {
                    var partner = start + half;
                    var re = c * real[partner] - s * imaginary[partner];
                    var im = c * imaginary[partner] + s * real[partner];
                    real[partner] = real[start] - re;
                    imaginary[partner] = imaginary[start] - im;
                    real[start] += re;
                    imaginary[start] += im;
                }
            }
        }
        if (inverse)
        {
            var scale = 1.0 / size;
            for (var i = 0; i < size; i++)
            {
                real[i] *= scale;
                imaginary[i] *= scale;
            }
        }
    }
}
