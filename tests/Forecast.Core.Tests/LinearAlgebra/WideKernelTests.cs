using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The 512-bit FFT kernels (radix-4 passes, fused narrow passes, the packed correlation's sweep) promise the same bits
/// as the 256-bit ones they replace: every transform here runs both ways on the same random input and must agree to
/// tolerance 0. The 256-bit kernels are themselves checked against the direct DFT (<see cref="FastFourierTransformTests"/>).
/// On a machine without AVX-512 both runs take the 256-bit kernels and the comparison holds trivially.
/// </summary>
public sealed class WideKernelTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(8192)]
    public void ComplexTransforms_AreTheSameBits_WithWideAndNarrowKernels(int size)
    {
        var random = new Random(size);
        var real = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var imaginary = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var plan = FastFourierTransform.ForSize(size);

        AssertSameBitsBothWays(() =>
        {
            var (fr, fi) = ((double[])real.Clone(), (double[])imaginary.Clone());
            plan.Forward(fr, fi);
            var (br, bi) = ((double[])real.Clone(), (double[])imaginary.Clone());
            plan.ForwardToBitReversed(br, bi);
            var (ir, ii) = ((double[])real.Clone(), (double[])imaginary.Clone());
            plan.InverseFromBitReversed(ir, ii);
            return [fr, fi, br, bi, ir, ii];
        });
    }

    [Theory]
    [InlineData(32, 29)]
    [InlineData(64, 64)]
    [InlineData(1024, 1000)]
    [InlineData(1024, 365)]
    [InlineData(4096, 3001)]
    [InlineData(16384, 10000)]
    public void RealTransforms_AreTheSameBits_WithWideAndNarrowKernels(int size, int length)
    {
        var random = new Random(size + length);
        var signal = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var plan = RealFourierTransform.ForSize(size);

        AssertSameBitsBothWays(() =>
        {
            var (re, im) = (new double[plan.Bins], new double[plan.Bins]);
            plan.ForwardPermuted(signal, re, im);
            var (spectrumRe, spectrumIm) = ((double[])re.Clone(), (double[])im.Clone());
            var back = new double[size];
            plan.InversePermuted(re, im, back);
            var (fr, fi) = (new double[plan.Bins], new double[plan.Bins]);
            plan.Forward(signal, fr, fi);
            var natural = new double[size];
            plan.Inverse(fr, fi, natural);
            return [spectrumRe, spectrumIm, back, natural];
        });
    }

    [Theory]
    [InlineData(64, 20)]
    [InlineData(1000, 365)]
    [InlineData(5000, 1200)]
    public void PackedCorrelation_IsTheSameBits_WithWideAndNarrowKernels(int length, int window)
    {
        var random = new Random(length);
        var series = Enumerable.Range(0, length).Select(t => Math.Sin(t / 5.0) + random.NextDouble()).ToArray();
        var vector = Enumerable.Range(0, window).Select(_ => random.NextDouble() - 0.5).ToArray();
        var trajectory = new Forecast.Core.Ssa.TrajectoryOperator(series, window);

        AssertSameBitsBothWays(() =>
        {
            var result = new double[window];
            trajectory.MultiplyCovariance(vector, result);
            return [result];
        });
    }

    /// <summary>Runs <paramref name="transforms"/> with the wide kernels and with the narrow ones; every output must agree to the bit.</summary>
    private static void AssertSameBitsBothWays(Func<double[][]> transforms)
    {
        double[][] Run(bool narrow)
        {
            FastFourierTransform.NarrowKernelsOnly = narrow;
            try
            {
                return transforms();
            }
            finally
            {
                FastFourierTransform.NarrowKernelsOnly = false;
            }
        }

        var wide = Run(narrow: false);
        var narrow = Run(narrow: true);
        Assert.Equal(narrow.Length, wide.Length);
        for (var k = 0; k < wide.Length; k++)
        {
            Assert.Equal(narrow[k], wide[k]);
        }
    }
}
