using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>The upper-triangle product must equal the plain row-by-row product of the full symmetric matrix.</summary>
public sealed class SymmetricProductTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(41)]
    [InlineData(365)]
    public void Multiply_RandomSymmetricMatrix_EqualsFullProduct(int n)
    {
        var random = new Random(n);
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                matrix[i * n + j] = matrix[j * n + i] = random.NextDouble() - 0.5;
            }
        }
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = Enumerable.Repeat(double.NaN, n).ToArray();
        SymmetricProduct.Multiply(matrix, n, x, y);
        for (var i = 0; i < n; i++)
        {
            var expected = 0.0;
            var magnitude = 0.0;
            for (var j = 0; j < n; j++)
            {
                expected += matrix[i * n + j] * x[j];
                magnitude += Math.Abs(matrix[i * n + j] * x[j]);
            }
            // Only the order of the additions differs: n rounding errors of the terms' magnitude at most.
            Assert.Equal(expected, y[i], n * 1e-16 * magnitude + 1e-300);
        }
    }

    [Fact]
    public void Multiply_LowerTriangleIgnored()
    {
        // The lower triangle is never read: garbage there must not change the product.
        const int n = 9;
        var random = new Random(5);
        var matrix = new double[n * n];
        var clean = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                clean[i * n + j] = clean[j * n + i] = matrix[i * n + j] = random.NextDouble();
            }
            for (var j = 0; j < i; j++)
            {
                matrix[i * n + j] = 1e6;
            }
        }
        var x = Enumerable.Range(1, n).Select(v => (double)v).ToArray();
        var y = new double[n];
        var expected = new double[n];
        SymmetricProduct.Multiply(matrix, n, x, y);
        SymmetricProduct.Multiply(clean, n, x, expected);
        Assert.Equal(expected, y);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(365)]
    public void Multiply_PaddedRows_GiveTheSameBitsAsPackedRows(int n)
    {
        // The same entries at another stride (the padding holds garbage): the same sums in the same order.
        var random = new Random(n);
        var stride = AlignedScratch.PaddedStride(n) + 8;
        var packed = new double[n * n];
        var padded = Enumerable.Repeat(1e300, n * stride).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                packed[i * n + j] = packed[j * n + i] = padded[i * stride + j] = random.NextDouble() - 0.5;
            }
        }
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var expected = new double[n];
        var actual = new double[n];

        SymmetricProduct.Multiply(packed, n, x, expected);
        SymmetricProduct.Multiply(padded, n, stride, x, actual);

        Assert.Equal(expected, actual);
    }
}
