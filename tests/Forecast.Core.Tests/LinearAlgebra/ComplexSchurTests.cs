using System.Numerics;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>A = Q T Q^H with Q unitary and T upper triangular, checked entry-wise to 1e-12 relative to max |a_ij|.</summary>
public sealed class ComplexSchurTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(30)]
    public void Decompose_RandomMatrix_ReproducesItAndIsTriangular(int n)
    {
        var random = new Random(n);
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = random.NextDouble() - 0.5;
            }
        }

        var schur = ComplexSchur.Decompose(a);

        var diagonal = Enumerable.Range(0, n).Select(i => schur.T[i, i]).ToArray();
        var recomposed = schur.Recompose(diagonal);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.True(Complex.Abs(recomposed[i, j] - a[i, j]) < 1e-12, $"entry {i},{j}");
                if (i > j)
                {
                    Assert.True(Complex.Abs(schur.T[i, j]) < 1e-12, $"T[{i},{j}] below the diagonal");
                }
            }
        }
    }

    [Fact]
    public void Decompose_RotationScaling_HasKnownEigenvalues()
    {
        // [[a, -b], [b, a]] has eigenvalues a +- ib; the 1x1 blocks 2 and 0.5 are eigenvalues themselves.
        var a = new double[,] { { 0.9, -0.3, 0, 0 }, { 0.3, 0.9, 0, 0 }, { 0, 0, 2, 1 }, { 0, 0, 0, 0.5 } };

        var schur = ComplexSchur.Decompose(a);

        var found = Enumerable.Range(0, 4).Select(i => schur.T[i, i]).ToList();
        foreach (var expected in new[] { new Complex(0.9, 0.3), new Complex(0.9, -0.3), new Complex(2, 0), new Complex(0.5, 0) })
        {
            Assert.Contains(found, z => Complex.Abs(z - expected) < 1e-12);
        }
    }

    [Theory]
    [InlineData(0.3, -1.2, 2.5, 0.7)]
    [InlineData(1e200, 3e199, -2e200, 1e200)]
    [InlineData(1e-200, -4e-201, 3e-200, 2e-200)]
    [InlineData(0.0, 0.0, 1.5, -2.0)]
    [InlineData(1.5, -2.0, 0.0, 0.0)]
    [InlineData(1e-200, 0.0, 3.0, 1.0)]
    public void Givens_ZeroesTheSecondEntry_WithAUnitaryRotation(double xr, double xi, double yr, double yi)
    {
        // The direct route (squares in range) and the careful one (overflow, underflow, zeros) must both give
        // [c, conj(s); -s, c] [x; y] = [r; 0] with c^2 + |s|^2 = 1. Tolerance 1e-14 relative to |x| + |y|.
        var x = new Complex(xr, xi);
        var y = new Complex(yr, yi);

        var (c, s) = ComplexSchur.Givens(x, y);

        var scale = Complex.Abs(x) + Complex.Abs(y);
        Assert.Equal(1.0, c * c + s.Magnitude * s.Magnitude, 1e-14);
        var zeroed = -s * x + c * y;
        Assert.True(Complex.Abs(zeroed) <= 1e-14 * scale, $"second entry {zeroed}");
        var kept = c * x + Complex.Conjugate(s) * y;
        double ax = Complex.Abs(x) / scale, ay = Complex.Abs(y) / scale;
        Assert.Equal(Math.Sqrt(ax * ax + ay * ay), Complex.Abs(kept) / scale, 1e-14);
    }
}
