using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// Invariants of A = V diag(lambda) V^T checked directly (residual ||A v - lambda v|| and orthonormality, both to
/// 1e-12 relative to ||A||), plus matrices built from known spectra, including repeated and zero eigenvalues
/// that break naive deflation tests.
/// </summary>
public sealed class SymmetricEigenTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(60)]
    public void Decompose_RandomSymmetric_SatisfiesEigenEquationAndOrthonormality(int n)
    {
        var random = new Random(n);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                a[i * n + j] = a[j * n + i] = random.NextDouble() * 2 - 1;
            }
        }

        var (values, vectors) = SymmetricEigen.Decompose(a, n);

        AssertDecomposition(a, n, values, vectors);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(40)]
    public void Values_EqualTheValuesOfDecompose_BitForBit(int n)
    {
        // A rank-deficient Gram matrix (many exact zeros in theory, rounding-level values in practice) and a random one.
        var random = new Random(n);
        var factor = new double[n * (n / 2 + 1)];
        for (var i = 0; i < factor.Length; i++)
        {
            factor[i] = random.NextDouble() - 0.5;
        }
        var columns = n / 2 + 1;
        var gram = new double[n * n];
        var plain = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < columns; k++)
                {
                    sum += factor[i * columns + k] * factor[j * columns + k];
                }
                gram[i * n + j] = gram[j * n + i] = sum;
                plain[i * n + j] = plain[j * n + i] = random.NextDouble() * 2 - 1;
            }
        }

        foreach (var a in new[] { gram, plain })
        {
            Assert.Equal(SymmetricEigen.Decompose(a, n).Values, SymmetricEigen.Values(a, n));
        }
    }

    [Fact]
    public void Decompose_RepeatedAndZeroEigenvalues_RecoversTheSpectrum()
    {
        // Spectrum chosen by hand; Q is a random orthogonal matrix, so A = Q diag Q^T has exactly this spectrum.
        double[] spectrum = [5, 5, 5, 2, 0, 0, 0, -1, -1, 1e-14];
        var n = spectrum.Length;
        var q = RandomOrthogonal(n, new Random(7));
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                {
                    sum += q[i * n + k] * spectrum[k] * q[j * n + k];
                }
                a[i * n + j] = sum;
            }
        }

        var (values, vectors) = SymmetricEigen.Decompose(a, n);

        var expected = spectrum.OrderDescending().ToArray();
        for (var k = 0; k < n; k++)
        {
            Assert.True(Math.Abs(values[k] - expected[k]) < 1e-12 * 5, $"eigenvalue {k}: {values[k]} vs {expected[k]}");
        }
        AssertDecomposition(a, n, values, vectors);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Decompose_ScaledIdentityOrZero_ReturnsThatValueAndAnOrthonormalBasis(double value)
    {
        const int n = 12;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i * n + i] = value;
        }

        var (values, vectors) = SymmetricEigen.Decompose(a, n);

        Assert.All(values, v => Assert.Equal(value, v, 15));
        AssertDecomposition(a, n, values, vectors);
    }

    [Fact]
    public void DecomposeTridiagonal_Laplacian_MatchesClosedForm()
    {
        // The path-graph matrix tridiag(-1, 2, -1) of size n has eigenvalues 2 - 2 cos(k pi / (n + 1)), k = 1..n.
        const int n = 25;
        var diagonal = Enumerable.Repeat(2.0, n).ToArray();
        var off = Enumerable.Repeat(-1.0, n - 1).ToArray();

        var (values, _) = SymmetricEigen.DecomposeTridiagonal(diagonal, off, 0);

        var expected = Enumerable.Range(1, n).Select(k => 2 - 2 * Math.Cos(k * Math.PI / (n + 1))).OrderDescending().ToArray();
        for (var k = 0; k < n; k++)
        {
            Assert.True(Math.Abs(values[k] - expected[k]) < 1e-13, $"eigenvalue {k}: {values[k]} vs {expected[k]}");
        }
    }

    private static void AssertDecomposition(double[] a, int n, double[] values, double[] vectors)
    {
        var norm = Math.Max(1e-300, a.Max(Math.Abs) * n);
        for (var k = 1; k < n; k++)
        {
            Assert.True(values[k] <= values[k - 1], "eigenvalues must be in descending order");
        }
        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < n; i++)
            {
                var av = 0.0;
                for (var j = 0; j < n; j++)
                {
                    av += a[i * n + j] * vectors[k * n + j];
                }
                Assert.True(Math.Abs(av - values[k] * vectors[k * n + i]) <= Tolerance * norm, $"residual of pair {k} row {i}");
            }
            for (var m = 0; m <= k; m++)
            {
                var dot = 0.0;
                for (var i = 0; i < n; i++)
                {
                    dot += vectors[k * n + i] * vectors[m * n + i];
                }
                Assert.True(Math.Abs(dot - (k == m ? 1 : 0)) < Tolerance * n, $"orthonormality {k},{m}: {dot}");
            }
        }
    }

    /// <summary>Gram-Schmidt (twice) on random columns; column k is q[i*n + k].</summary>
    private static double[] RandomOrthogonal(int n, Random random)
    {
        var q = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (var pass = 0; pass < 2; pass++)
            {
                for (var m = 0; m < k; m++)
                {
                    var dot = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        dot += v[i] * q[i * n + m];
                    }
                    for (var i = 0; i < n; i++)
                    {
                        v[i] -= dot * q[i * n + m];
                    }
                }
            }
            var norm = Math.Sqrt(v.Sum(x => x * x));
            for (var i = 0; i < n; i++)
            {
                q[i * n + k] = v[i] / norm;
            }
        }
        return q;
    }
}
