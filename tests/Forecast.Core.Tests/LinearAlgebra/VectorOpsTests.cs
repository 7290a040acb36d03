using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The blocked kernels promise the very sums of <see cref="VectorOps.Dot"/> (same terms, same order), so they
/// are compared for exact equality, at lengths around the vector width where the scalar tails differ; the symmetric
/// product sums in another order and is compared to rounding.
/// </summary>
public sealed class VectorOpsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(37)]
    [InlineData(365)]
    public void MultiplyRows_EqualsRowDots(int n)
    {
        var random = new Random(n);
        var matrix = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = new double[n];

        VectorOps.MultiplyRows(matrix, n, x, y);

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(VectorOps.Dot(matrix.AsSpan(i * n, n), x), y[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(365)]
    public void MultiplySymmetric_EqualsFullProductToRounding(int n)
    {
        // Another summation order than the full product, so equal to rounding: 1e-13 relative to sum_j |S_ij| |x_j|.
        // The strict lower triangle holds NaN: only the upper triangle may be read.
        var random = new Random(n);
        var full = new double[n * n];
        var upper = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                full[i * n + j] = full[j * n + i] = random.NextDouble() - 0.5;
                upper[i * n + j] = full[i * n + j];
                if (j > i)
                {
                    upper[j * n + i] = double.NaN;
                }
            }
        }
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = new double[n];
        VectorOps.MultiplyRows(full, n, x, expected);
        var y = Enumerable.Repeat(double.NaN, n).ToArray();

        VectorOps.MultiplySymmetric(upper, n, x, y);

        for (var i = 0; i < n; i++)
        {
            var bound = 0.0;
            for (var j = 0; j < n; j++)
            {
                bound += Math.Abs(full[i * n + j] * x[j]);
            }
            Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-13 * bound, $"row {i}: {y[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(8, 4)]
    [InlineData(15, 9)]
    [InlineData(636, 32)]
    [InlineData(1_001, 7)]
    public void SlidingDots_EqualsShiftedDots(int length, int shifts)
    {
        var random = new Random(length + shifts);
        var b = Enumerable.Range(0, length + shifts - 1).Select(_ => random.NextDouble() * 100).ToArray();
        var a = b.AsSpan(0, length).ToArray();
        var result = new double[shifts];

        VectorOps.SlidingDots(a, b, result);

        for (var j = 0; j < shifts; j++)
        {
            Assert.Equal(VectorOps.Dot(a, b.AsSpan(j, length)), result[j]);
        }
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(16, 16)]
    [InlineData(37, 20)]
    [InlineData(4_096, 1_366)]
    public void LaggedDots_EqualsDotsAtEachLag(int length, int lags)
    {
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => random.NextDouble() - 0.3).ToArray();
        var result = new double[lags];

        VectorOps.LaggedDots(x, result);

        for (var k = 0; k < lags; k++)
        {
            Assert.Equal(VectorOps.Dot(x.AsSpan(0, length - k), x.AsSpan(k)), result[k]);
        }
    }
}
