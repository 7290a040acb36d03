using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// The truncated Lanczos solver against matrices with a known spectrum (A = Q diag Q^T, Q random orthogonal),
/// and against the dense solver on the same matrix. Tolerances: eigenvalues 1e-9 relative to lambda_1 for the
/// converged leading half; Ritz vectors orthonormal to 1e-12.
/// </summary>
public sealed class LanczosEigenTests
{
    [Fact]
    public void Decompose_DecayingSpectrum_MatchesKnownLeadingEigenvalues()
    {
        const int n = 150;
        var spectrum = Enumerable.Range(0, n).Select(k => 100.0 / ((k + 1.0) * (k + 1.0))).ToArray();
        var a = FromSpectrum(spectrum, new Random(11));

        var (values, vectors) = LanczosEigen.Decompose((x, y) => Multiply(a, n, x, y), n, 10, CancellationToken.None);

        for (var k = 0; k < 5; k++)
        {
            Assert.True(Math.Abs(values[k] - spectrum[k]) < 1e-9 * spectrum[0], $"eigenvalue {k}: {values[k]} vs {spectrum[k]}");
            var av = new double[n];
            Multiply(a, n, vectors.AsSpan(k * n, n).ToArray(), av);
            for (var i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(av[i] - values[k] * vectors[k * n + i]) < 1e-7 * spectrum[0], $"residual of pair {k}");
            }
        }
        AssertOrthonormal(vectors, n, 10);
    }

    [Fact]
    public void Decompose_EigenvaluesNearTheTopOfTheDoubleRange_ScaleWithTheMatrix()
    {
        // A series near 1e150 has lag covariances near 1e302: ||A q|| then overflows a plain sum of squares, and the
        // recurrence must still find the spectrum. Expected: 1e300 times the known one (the same tolerance as above).
        const int n = 120;
        const double scale = 1e300;
        var spectrum = Enumerable.Range(0, n).Select(k => 100.0 / ((k + 1.0) * (k + 1.0))).ToArray();
        var a = FromSpectrum(spectrum, new Random(5)).Select(v => v * scale).ToArray();

        var (values, vectors) = LanczosEigen.Decompose((x, y) => Multiply(a, n, x, y), n, 8, CancellationToken.None);

        for (var k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(values[k] / scale - spectrum[k]) < 1e-9 * spectrum[0], $"eigenvalue {k}: {values[k]} vs {spectrum[k] * scale}");
        }
        AssertOrthonormal(vectors, n, 8);
    }

    [Fact]
    public void Decompose_ExactLowRank_FindsTheRankAndOrthogonalComplement()
    {
        // Rank 4: the Krylov space becomes invariant after 4 steps and must be restarted for the zero eigenvalues.
        const int n = 60;
        var spectrum = new double[n];
        spectrum[0] = 9;
        spectrum[1] = 4;
        spectrum[2] = 4;
        spectrum[3] = 1;
        var a = FromSpectrum(spectrum, new Random(5));

        var (values, vectors) = LanczosEigen.Decompose((x, y) => Multiply(a, n, x, y), n, 7, CancellationToken.None);

        double[] expected = [9, 4, 4, 1, 0, 0, 0];
        for (var k = 0; k < 7; k++)
        {
            Assert.True(Math.Abs(values[k] - expected[k]) < 1e-10, $"eigenvalue {k}: {values[k]}");
        }
        AssertOrthonormal(vectors, n, 7);
    }

    [Fact]
    public void Decompose_AgreesWithDenseSolver()
    {
        const int n = 80;
        var random = new Random(3);
        // A Gram matrix X X^T like SSA's lag-covariance.
        var x = Enumerable.Range(0, n * 200).Select(_ => random.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i * n + j] = VectorOps.Dot(x.AsSpan(i * 200, 200), x.AsSpan(j * 200, 200));
            }
        }

        var (dense, _) = SymmetricEigen.Decompose(a, n);
        var (lanczos, _) = LanczosEigen.Decompose((v, y) => Multiply(a, n, v, y), n, 6, CancellationToken.None);

        for (var k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(dense[k] - lanczos[k]) < 1e-9 * dense[0], $"eigenvalue {k}: dense {dense[k]} vs Lanczos {lanczos[k]}");
        }
    }

    [Fact]
    public void Decompose_CancelledToken_Throws()
    {
        const int n = 50;
        var a = FromSpectrum(Enumerable.Range(1, n).Select(k => 1.0 / k).ToArray(), new Random(1));
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => LanczosEigen.Decompose((x, y) => Multiply(a, n, x, y), n, 5, source.Token));
    }

    internal static double[] FromSpectrum(double[] spectrum, Random random)
    {
        var n = spectrum.Length;
        var q = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (var pass = 0; pass < 2; pass++)
            {
                for (var m = 0; m < k; m++)
                {
                    var column = q.AsSpan(m * n, n);
                    VectorOps.AddScaled(v, column, -VectorOps.Dot(column, v));
                }
            }
            var norm = VectorOps.Norm(v);
            for (var i = 0; i < n; i++)
            {
                q[k * n + i] = v[i] / norm;
            }
        }
        var a = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            if (spectrum[k] == 0)
            {
                continue;
            }
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    a[i * n + j] += spectrum[k] * q[k * n + i] * q[k * n + j];
                }
            }
        }
        return a;
    }

    private static void Multiply(double[] a, int n, double[] x, double[] y)
    {
        for (var i = 0; i < n; i++)
        {
            y[i] = VectorOps.Dot(a.AsSpan(i * n, n), x);
        }
    }

    private static void AssertOrthonormal(double[] vectors, int n, int count)
    {
        for (var k = 0; k < count; k++)
        {
            for (var m = 0; m <= k; m++)
            {
                var dot = VectorOps.Dot(vectors.AsSpan(k * n, n), vectors.AsSpan(m * n, n));
                Assert.True(Math.Abs(dot - (k == m ? 1 : 0)) < 1e-12, $"orthonormality {k},{m}: {dot}");
            }
        }
    }
}
