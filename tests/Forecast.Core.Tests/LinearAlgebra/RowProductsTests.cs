using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// Every product of the blocked kernel against the plain sum over the row (odd row and vector counts, lengths that are
/// not whole vectors, vectors a stride apart). Tolerance 1e-13 of n * max|a| * max|x| (n roundings of terms no larger).
/// Skipped where the machine has no AVX-512 (the kernel refuses to run there and callers take the one-vector path).
/// </summary>
public sealed class RowProductsTests
{
    [Theory]
    [InlineData(54, 365, 10, 365)]
    [InlineData(1, 8, 1, 8)]
    [InlineData(3, 17, 5, 20)]
    [InlineData(7, 64, 3, 70)]
    public void Multiply_MatchesPlainSums(int rows, int n, int count, int stride)
    {
        if (!RowProducts.Applies(n))
        {
            return;
        }
        var random = new Random(rows * n + count);
        var matrix = Enumerable.Range(0, rows * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var vectors = Enumerable.Range(0, (count - 1) * stride + n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var products = new double[rows * count];

        RowProducts.Multiply(matrix, rows, n, vectors, count, stride, products);

        for (var v = 0; v < count; v++)
        {
            for (var r = 0; r < rows; r++)
            {
                var expected = 0.0;
                for (var i = 0; i < n; i++)
                {
                    expected += matrix[r * n + i] * vectors[v * stride + i];
                }
                Assert.Equal(expected, products[v * rows + r], 1e-13 * n * 0.25);
            }
        }
    }
}
