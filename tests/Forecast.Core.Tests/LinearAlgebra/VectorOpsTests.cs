using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The blocked kernels promise the very sums of <see cref="VectorOps.Dot"/> (same terms, same order), so they
/// are compared for exact equality, at lengths around the vector width where the scalar tails differ.
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

    [Theory]
    [InlineData(1, 9)]
    [InlineData(7, 37)]
    [InlineData(41, 365)]
    public void RectangularRowsAndSubtractCombination_MatchPlainLoops(int rows, int n)
    {
        // Gram-Schmidt's two sweeps: h = Q w row by row (bit for bit as Dot), then w - Q^T h, here against a plain
        // loop: the tiled update adds four rows' terms before subtracting, so it differs by rounding only
        // (tolerance: rows rounding errors of the largest term, 1e-15 each).
        var random = new Random(rows * 1000 + n);
        var matrix = Enumerable.Range(0, rows * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var h = new double[rows];

        VectorOps.MultiplyRows(matrix, rows, n, w, h);
        for (var j = 0; j < rows; j++)
        {
            Assert.Equal(VectorOps.Dot(matrix.AsSpan(j * n, n), w), h[j]);
        }

        var expected = (double[])w.Clone();
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < n; i++)
            {
                expected[i] -= h[j] * matrix[j * n + i];
            }
        }
        VectorOps.SubtractCombination(w, matrix, h);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], w[i], rows * 1e-15);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(365)]
    public void SafeNorm_IsTheNormInRange_AndScalesPastTheOverflowOfItsSquares(int n)
    {
        var random = new Random(n);
        var values = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var norm = VectorOps.Norm(values);

        Assert.Equal(norm, VectorOps.SafeNorm(values));
        // 1e200 squared overflows; the scaled sum must still give 1e200 ||v|| (to a few roundings: 1e-14 relative).
        var huge = values.Select(v => v * 1e200).ToArray();
        Assert.True(double.IsInfinity(VectorOps.Norm(huge)));
        Assert.Equal(1e200 * norm, VectorOps.SafeNorm(huge), 1e-14 * 1e200 * norm);
        Assert.Equal(0.0, VectorOps.SafeNorm(new double[n]));
    }
}
