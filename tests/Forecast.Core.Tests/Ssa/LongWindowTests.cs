using Forecast.Core.LinearAlgebra;
using Forecast.Core.Ssa;
using Forecast.Core.Tests.Infrastructure;

namespace Forecast.Core.Tests.Ssa;

/// <summary>
/// The matrix-free (FFT + Lanczos) decomposition for long windows: equal to the dense lag-covariance solver,
/// exact on series of finite rank at L = N/2, and usable through the public forecaster at N = 100,000.
/// </summary>
public sealed class LongWindowTests
{
    [Fact]
    public void MatrixFreeDecomposition_EqualsDenseDecomposition()
    {
        // Expected: SymmetricEigen (dense Householder + QL) on the explicit L x L lag-covariance. Four separated
        // sine pairs plus noise; the leading 4 pairs are compared (eigenvalues 1e-9 relative to lambda_1,
        // vectors up to sign 1e-7), as is the trace.
        const int length = 1_200, window = 600, count = 8;
        var random = new Random(7);
        var series = TestSeries.Generate(length, t =>
            5 * Math.Sin(t * 0.05) + 3 * Math.Cos(t * 0.21) + 0.5 * TestSeries.Gaussian(random));
        var covariance = new double[window * window];
        TrajectoryMatrix.LagCovariance(series, window, covariance, CancellationToken.None);
        var (denseValues, denseVectors) = SymmetricEigen.Decompose(covariance, window, count);
        var trace = Enumerable.Range(0, window).Sum(i => covariance[i * window + i]);

        var basis = SsaBasis.DecomposeMatrixFree(series, window, count, CancellationToken.None);

        Assert.True(Math.Abs(basis.TotalVariance - trace) <= 1e-12 * trace, "trace");
        for (var k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(basis.Eigenvalues[k] - denseValues[k]) <= 1e-9 * denseValues[0], $"eigenvalue {k}: {basis.Eigenvalues[k]} vs {denseValues[k]}");
            var expected = denseVectors.AsSpan(k * window, window);
            var actual = basis.Vector(k);
            var sign = VectorOps.Dot(expected, actual) >= 0 ? 1.0 : -1.0;
            for (var i = 0; i < window; i++)
            {
                Assert.True(Math.Abs(sign * actual[i] - expected[i]) <= 1e-7, $"vector {k} entry {i}");
            }
        }
    }

    [Fact]
    public void FourierProducts_EqualDirectProducts()
    {
        // X^T u and the anti-diagonal sums by FFT against the direct loops: 1e-10 relative to the largest entry.
        const int length = 9_000, window = 4_500;
        var random = new Random(3);
        var series = TestSeries.Generate(length, _ => TestSeries.Gaussian(random));
        var u = TestSeries.Generate(window, _ => TestSeries.Gaussian(random));
        var columns = length - window + 1;
        var expected = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            expected[j] = VectorOps.Dot(u, series.AsSpan(j, window));
        }

        var projected = TrajectoryMatrix.ProjectOnto(series, window, u);
        Assert.True(TestSeries.MaxRelativeError(projected, expected) < 1e-10);

        var sums = new double[length];
        for (var i = 0; i < window; i++)
        {
            VectorOps.AddScaled(sums.AsSpan(i, columns), projected, u[i]);
        }
        var averaged = new double[length];
        TrajectoryMatrix.AddDiagonalAverage(u, projected, averaged);
        for (var t = 0; t < length; t++)
        {
            sums[t] /= TrajectoryMatrix.AntiDiagonalLength(t, window, length);
        }
        Assert.True(TestSeries.MaxRelativeError(averaged, sums) < 1e-10);
    }

    [Fact]
    public void SumOfSines_WithLongWindow_IsReconstructedToRounding()
    {
        // Three sines (rank 6) at L = 4,000 > 3,000, so the basis is matrix-free and the reconstruction is the sum of
        // its cached FFT elementary components. Expected: the known signal, 1e-9 relative to its largest value
        // (Lanczos residuals 1e-8 relative to lambda_1 leave ~1e-12 in the projection), for the whole fit and for
        // the sum of the elementary components the forecast's tail is built from.
        const int length = 9_000, window = 4_000, rank = 6;
        static double Signal(int t) => 3 * Math.Sin(2 * Math.PI * t / 50.0) + 2 * Math.Cos(2 * Math.PI * t / 17.0) + Math.Sin(2 * Math.PI * t / 333.0 + 1);
        var series = TestSeries.Generate(length, Signal);

        var basis = SsaBasis.Decompose(series, window, rank, CancellationToken.None);
        var reconstructed = Reconstruction.ReconstructLeading(series, basis, rank);

        Assert.NotNull(basis.LongWindow);
        Assert.True(TestSeries.MaxRelativeError(reconstructed, series) < 1e-9, $"error {TestSeries.MaxRelativeError(reconstructed, series)}");
        var summed = new double[length];
        for (var k = 0; k < rank; k++)
        {
            VectorOps.AddScaled(summed, basis.LongWindow!.Elementary(k), 1.0);
        }
        Assert.True(TestSeries.MaxRelativeError(summed, series) < 1e-9);
    }

    [Fact]
    public void LongWindowElementaryComponents_EqualDirectHankelisation()
    {
        // Each cached elementary reconstruction against X^T u by direct dot products and diagonal averaging by
        // direct loops (no FFT); 1e-10 relative to the largest entry (FFT rounding ~1e-15 log P times the norms).
        const int length = 7_000, window = 3_500, count = 3;
        var random = new Random(11);
        var series = TestSeries.Generate(length, t => Math.Sin(t * 0.03) + 0.2 * TestSeries.Gaussian(random));
        var basis = SsaBasis.Decompose(series, window, count, CancellationToken.None);
        var columns = length - window + 1;
        for (var k = 0; k < count; k++)
        {
            var u = basis.Vector(k);
            var v = new double[columns];
            for (var j = 0; j < columns; j++)
            {
                v[j] = VectorOps.Dot(u, series.AsSpan(j, window));
            }
            var expected = new double[length];
            for (var i = 0; i < window; i++)
            {
                VectorOps.AddScaled(expected.AsSpan(i, columns), v, u[i]);
            }
            for (var t = 0; t < length; t++)
            {
                expected[t] /= TrajectoryMatrix.AntiDiagonalLength(t, Math.Min(window, columns), length);
            }

            Assert.True(TestSeries.MaxRelativeError(basis.LongWindow!.Elementary(k), expected) < 1e-10, $"component {k}");
        }
    }

    [Fact]
    public void SumOfSines_WithHalfLengthWindow_IsForecastExactly()
    {
        // Two sines have rank 4: the recurrent forecast continues them exactly whatever L; tolerance 1e-6
        // relative to the amplitude (Lanczos eigenvectors at 1e-8 relative residual, horizon 50).
        const int length = 20_000;
        static double Signal(int t) => Math.Sin(2 * Math.PI * t / 37.0) + 0.5 * Math.Sin(2 * Math.PI * t / 101.0);
        var series = TestSeries.Generate(length, Signal);
        var expected = Enumerable.Range(length, 50).Select(Signal).ToArray();

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 50, WindowLength = length / 2, Rank = 4 });

        Assert.True(TestSeries.MaxRelativeError(result.Values, expected) < 1e-6, $"error {TestSeries.MaxRelativeError(result.Values, expected)}");
    }

    [Fact]
    public void LongWindowWithoutRank_UsesNoiseFloorRankAndAnalyticIntervals_AndSaysSo()
    {
        // A caller-given window above 3,000 with automatic rank and bootstrap intervals: no per-origin or per-replicate
        // re-decomposition. Two sines (rank 4) far above the noise floor give rank 4; the note explains the fallback.
        const int length = 8_000;
        var random = new Random(2);
        var series = TestSeries.Generate(length, t => 5 * Math.Sin(2 * Math.PI * t / 40.0) + 3 * Math.Sin(2 * Math.PI * t / 9.0) + 0.1 * TestSeries.Gaussian(random));

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 20, WindowLength = 4_000, IntervalMethod = IntervalMethodChoice.Bootstrap });

        Assert.Equal(4_000, result.Model.WindowLength);
        Assert.Equal(4, result.Model.Rank);
        Assert.Equal(IntervalMethodChoice.Analytic, result.Model.IntervalMethod);
        Assert.Contains(result.Model.Notes, note => note.Contains("no rolling-origin validation", StringComparison.Ordinal) && note.Contains("bootstrap", StringComparison.Ordinal));
    }

    [Fact]
    public void Forecast_WindowOfHalfAHundredThousand_ReturnsFiniteValues()
    {
        // Rank given and analytic intervals: one decomposition, no validation origins.
        const int length = 100_000;
        var random = new Random(5);
        var series = TestSeries.Generate(length, t => 10 + Math.Sin(t * 0.01) + 0.3 * TestSeries.Gaussian(random));

        var result = SsaForecaster.Forecast(series, new SsaForecastOptions { Horizon = 30, WindowLength = 50_000, Rank = 10 });

        Assert.Equal(30, result.Values.Length);
        Assert.All(result.Values, v => Assert.True(double.IsFinite(v)));
        Assert.All(result.Intervals, band => Assert.All(band.Lower.Concat(band.Upper), v => Assert.True(double.IsFinite(v))));
    }
}
