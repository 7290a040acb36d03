using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The radix-2 FFT (complex, and real input packed into half length) against the direct O(P^2) DFT sum Z_k = sum_t z_t exp(-2 pi i k t / P) on random complex
/// input; tolerance 1e-12 relative to the largest coefficient (the FFT error grows like eps log P).
/// </summary>
public sealed class FastFourierTransformTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(1024)]
    public void Transform_MatchesDirectDft_AndInverts(int size)
    {
        var random = new Random(size);
        var real = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var imaginary = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var (expectedReal, expectedImaginary) = DirectDft(real, imaginary);
        var re = (double[])real.Clone();
        var im = (double[])imaginary.Clone();

        FastFourierTransform.Transform(re, im, inverse: false);

        var scale = 0.0;
        for (var k = 0; k < size; k++)
        {
            scale = Math.Max(scale, Math.Sqrt(expectedReal[k] * expectedReal[k] + expectedImaginary[k] * expectedImaginary[k]));
        }
        for (var k = 0; k < size; k++)
        {
            Assert.True(Math.Abs(re[k] - expectedReal[k]) <= 1e-12 * scale, $"real part {k}");
            Assert.True(Math.Abs(im[k] - expectedImaginary[k]) <= 1e-12 * scale, $"imaginary part {k}");
        }

        FastFourierTransform.Transform(re, im, inverse: true);
        for (var t = 0; t < size; t++)
        {
            Assert.True(Math.Abs(re[t] - real[t]) <= 1e-12, $"inverse real {t}");
            Assert.True(Math.Abs(im[t] - imaginary[t]) <= 1e-12, $"inverse imaginary {t}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(64)]
    [InlineData(2048)]
    public void RealTransform_MatchesDirectDft_AndInverts(int size)
    {
        // Bins 0..P/2 of the half-length packed transform against the direct DFT of the real input (imaginary
        // part 0); same 1e-12 tolerances as above. The input is shorter than P, so the zero padding is covered too.
        var random = new Random(size + 1);
        var signal = Enumerable.Range(0, size - 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var padded = signal.Concat([0.0]).ToArray();
        var (expectedReal, expectedImaginary) = DirectDft(padded, new double[size]);
        var plan = RealFourierTransform.ForSize(size);
        var re = new double[plan.Bins];
        var im = new double[plan.Bins];

        plan.Forward(signal, re, im);

        var scale = expectedReal.Zip(expectedImaginary, (a, b) => Math.Sqrt(a * a + b * b)).Max();
        for (var k = 0; k < plan.Bins; k++)
        {
            Assert.True(Math.Abs(re[k] - expectedReal[k]) <= 1e-12 * scale, $"real part {k}");
            Assert.True(Math.Abs(im[k] - expectedImaginary[k]) <= 1e-12 * scale, $"imaginary part {k}");
        }

        var back = new double[size];
        plan.Inverse(re, im, back);
        for (var t = 0; t < size; t++)
        {
            Assert.True(Math.Abs(back[t] - padded[t]) <= 1e-12, $"inverse {t}");
        }
    }

    [Theory]
    [InlineData(8192, false)]
    [InlineData(16384, false)]
    [InlineData(65536, true)]
    public void LargeTransforms_MatchDirectSumsAtSampledBins(int size, bool realInput)
    {
        // Sizes above the 2048-point cache block run the whole-array passes too (odd and even log2 P). The direct
        // O(P) sum at 24 sampled bins is the expected value; 1e-11 relative to the largest sampled magnitude.
        var random = new Random(size);
        var real = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var imaginary = realInput ? new double[size] : Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] re, im;
        if (realInput)
        {
            var plan = RealFourierTransform.ForSize(size);
            re = new double[plan.Bins];
            im = new double[plan.Bins];
            plan.Forward(real, re, im);
        }
        else
        {
            re = (double[])real.Clone();
            im = (double[])imaginary.Clone();
            FastFourierTransform.Transform(re, im, inverse: false);
        }
        var bins = Enumerable.Range(0, 24).Select(_ => random.Next(realInput ? size / 2 + 1 : size)).Append(0).ToArray();
        var expected = bins.Select(k => DirectBin(real, imaginary, k)).ToArray();
        var scale = expected.Max(e => Math.Sqrt(e.Real * e.Real + e.Imaginary * e.Imaginary));
        for (var b = 0; b < bins.Length; b++)
        {
            Assert.True(Math.Abs(re[bins[b]] - expected[b].Real) <= 1e-11 * scale, $"real part {bins[b]}");
            Assert.True(Math.Abs(im[bins[b]] - expected[b].Imaginary) <= 1e-11 * scale, $"imaginary part {bins[b]}");
        }
    }

    private static (double Real, double Imaginary) DirectBin(double[] real, double[] imaginary, int k)
    {
        var size = real.Length;
        double outReal = 0, outImaginary = 0;
        for (var t = 0; t < size; t++)
        {
            var angle = -2.0 * Math.PI * ((long)k * t % size) / size;
            outReal += real[t] * Math.Cos(angle) - imaginary[t] * Math.Sin(angle);
            outImaginary += real[t] * Math.Sin(angle) + imaginary[t] * Math.Cos(angle);
        }
        return (outReal, outImaginary);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(16384)]
    public void PermutedRealTransform_IsTheSpectrumInBitReversedOrder_AndInverts(int size)
    {
        // Expected: the natural-order real transform (checked against direct sums above) read at bin rev(p) for
        // position p < P/2 and at bin P/2 for position P/2; 1e-12 relative. Then the permuted inverse restores the input.
        var random = new Random(size + 7);
        var signal = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var plan = RealFourierTransform.ForSize(size);
        var (naturalReal, naturalImaginary) = (new double[plan.Bins], new double[plan.Bins]);
        plan.Forward(signal, naturalReal, naturalImaginary);
        var (re, im) = (new double[plan.Bins], new double[plan.Bins]);

        plan.ForwardPermuted(signal, re, im);

        var half = size / 2;
        var bits = (int)Math.Log2(half);
        var scale = naturalReal.Zip(naturalImaginary, (a, b) => Math.Sqrt(a * a + b * b)).Max();
        for (var p = 0; p <= half; p++)
        {
            var k = p == half ? half : ReverseBits(p, bits);
            Assert.Equal(p, plan.PermutedPosition(k));
            Assert.True(Math.Abs(re[p] - naturalReal[k]) <= 1e-12 * scale, $"real part at {p} (bin {k})");
            Assert.True(Math.Abs(im[p] - naturalImaginary[k]) <= 1e-12 * scale, $"imaginary part at {p} (bin {k})");
        }
        var back = new double[size];
        plan.InversePermuted(re, im, back);
        Assert.True(back.Zip(signal, (a, b) => Math.Abs(a - b)).Max() <= 1e-12);
    }

    private static int ReverseBits(int value, int bits)
    {
        var result = 0;
        for (var b = 0; b < bits; b++)
        {
            result = (result << 1) | ((value >> b) & 1);
        }
        return result;
    }

    [Fact]
    public void Transform_RejectsLengthsThatAreNotPowersOfTwo() =>
        Assert.Throws<ArgumentException>(() => FastFourierTransform.Transform(new double[6], new double[6], inverse: false));

    private static (double[] Real, double[] Imaginary) DirectDft(double[] real, double[] imaginary)
    {
        var size = real.Length;
        var outReal = new double[size];
        var outImaginary = new double[size];
        for (var k = 0; k < size; k++)
        {
            for (var t = 0; t < size; t++)
            {
                // k t mod P keeps the angle small, so cos/sin are accurate.
                var angle = -2.0 * Math.PI * ((long)k * t % size) / size;
                outReal[k] += real[t] * Math.Cos(angle) - imaginary[t] * Math.Sin(angle);
                outImaginary[k] += real[t] * Math.Sin(angle) + imaginary[t] * Math.Cos(angle);
            }
        }
        return (outReal, outImaginary);
    }
}
