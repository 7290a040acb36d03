using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The Gram-Schmidt pass against an orthonormal basis (QR of a random matrix by two passes of the plain loops): what
/// it removes must be w's projection, and what is left orthogonal to every row. Tolerances: 1e-13 of ||w|| (a few
/// hundred roundings of terms no larger than ||w||).
/// </summary>
public sealed class BasisProjectionTests
{
    [Theory]
    [InlineData(9, 3)]
    [InlineData(365, 1)]
    [InlineData(365, 4)]
    [InlineData(365, 7)]
    [InlineData(365, 40)]
    [InlineData(1_000, 13)]
    public void ProjectOut_LeavesTheOrthogonalRemainder(int n, int rows)
    {
        var random = new Random(n + rows);
        var basis = Orthonormal(rows, n, random);
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = (double[])w.Clone();
        for (var j = 0; j < rows; j++)
        {
            var row = basis.AsSpan(j * n, n);
            var c = Plain(row, w);
            for (var i = 0; i < n; i++)
            {
                expected[i] -= c * row[i];
            }
        }
        var scale = Math.Sqrt(Plain(w, w));
        var coefficients = new double[rows];

        BasisProjection.ProjectOut(basis, n, n, w, coefficients);

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], w[i], 1e-13 * scale);
        }
        for (var j = 0; j < rows; j++)
        {
            Assert.True(Math.Abs(Plain(basis.AsSpan(j * n, n), w)) < 1e-13 * scale, $"row {j} not removed");
        }
    }

    [Theory]
    [InlineData(365, 6, 365)]
    [InlineData(17, 5, 17)]
    [InlineData(365, 6, 368)]
    [InlineData(17, 5, 24)]
    public void CoefficientsAndRemove_FromAnyFirstRow_MatchPlainLoops(int n, int rows, int stride)
    {
        var random = new Random(n + stride);
        // Rows a stride apart; the padding between them holds values that must not count.
        var basis = Enumerable.Range(0, (rows + 3) * stride).Select(_ => random.NextDouble() - 0.5).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var coefficients = new double[rows];

        BasisProjection.Coefficients(basis, stride, 3, n, w, coefficients);

        var scale = n * 0.25;
        for (var j = 0; j < rows; j++)
        {
            Assert.Equal(Plain(basis.AsSpan((3 + j) * stride, n), w), coefficients[j], 1e-13 * scale);
        }
        var expected = (double[])w.Clone();
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < n; i++)
            {
                expected[i] -= coefficients[j] * basis[(3 + j) * stride + i];
            }
        }
        BasisProjection.Remove(basis, stride, 3, n, w, coefficients);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], w[i], 1e-13 * scale);
        }
    }

    /// <summary>
    /// The fused sweep (a group's removal with the next group's coefficients) must give exactly what the separate calls
    /// give group by group: tolerance 0, at lengths with and without a 16-wide remainder, an 8-wide chunk or a scalar tail.
    /// </summary>
    [Theory]
    [InlineData(16, 8, 16)]
    [InlineData(17, 9, 24)]
    [InlineData(23, 12, 24)]
    [InlineData(31, 11, 32)]
    [InlineData(365, 40, 368)]
    [InlineData(365, 13, 365)]
    [InlineData(1_000, 21, 1_000)]
    public void ProjectOut_EqualsTheGroupByGroupCallsToTheBit(int n, int rows, int stride)
    {
        var random = new Random(n * 31 + rows);
        var basis = Enumerable.Range(0, rows * stride).Select(_ => random.NextDouble() - 0.5).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = (double[])w.Clone();
        var expectedCoefficients = new double[rows];
        for (var j = 0; j < rows; j += 4)
        {
            var group = expectedCoefficients.AsSpan(j, Math.Min(4, rows - j));
            BasisProjection.Coefficients(basis, stride, j, n, expected, group);
            BasisProjection.Remove(basis, stride, j, n, expected, group);
        }
        var coefficients = new double[rows];

        BasisProjection.ProjectOut(basis, stride, n, w, coefficients);

        Assert.Equal(expectedCoefficients, coefficients);
        Assert.Equal(expected, w);
    }

    private static double Plain(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] Orthonormal(int rows, int n, Random random)
    {
        var basis = new double[rows * n];
        for (var j = 0; j < rows; j++)
        {
            var v = basis.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                v[i] = random.NextDouble() - 0.5;
            }
            for (var pass = 0; pass < 2; pass++)
            {
                for (var k = 0; k < j; k++)
                {
                    var q = basis.AsSpan(k * n, n);
                    var c = Plain(q, v);
                    for (var i = 0; i < n; i++)
                    {
                        v[i] -= c * q[i];
                    }
                }
            }
            var norm = Math.Sqrt(Plain(v, v));
            for (var i = 0; i < n; i++)
            {
                v[i] /= norm;
            }
        }
        return basis;
    }
}
