using System.Numerics;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// Keeps forecasts from exploding. The signal roots of the LRR are the eigenvalues of the r x r shift matrix
/// of the subspace (the LS-ESPRIT matrix; Golyandina and Zhigljavsky, "SSA for Time Series", section 3.8):
/// <code>  A = (U'^T U')^-1 U'^T U^ ,   U' = U_r without its last row,  U^ = U_r without its first row </code>
/// so that the next lagged vector of a signal with coordinates c is U_r A c. A root with |z| &gt; 1 makes the
/// forecast grow geometrically without bound; such roots are pulled to the unit circle, z -&gt; z / |z|, in
/// the complex Schur form A = Q T Q^H (only the diagonal of T changes, so clustered or repeated roots, as
/// in polynomial trends, stay numerically safe). The forecast then iterates c_{k+1} = A' c_k from the
/// coordinates of the last reconstructed lagged vector and reads the last coordinate pi^T c_{k+1}.
/// Roots within 1 + <see cref="Tolerance"/> are left alone, so polynomial trends (roots exactly 1) stay exact.
/// </summary>
internal sealed class RootStabilisation
{
    /// <summary>Growth per step that is still accepted as "on the unit circle".</summary>
    public const double Tolerance = 1e-6;

    // Row-major copy of the stabilised shift matrix: Continue reads it h * r^2 times, and flat indexing
    // avoids the multidimensional-array accessors (speed, perf; same arithmetic in the same order).
    private readonly Complex[] _stabilised;
    private readonly double[] _lastRow;
    private readonly int _rank;

    private RootStabilisation(Complex[,] stabilised, double[] lastRow, int rank, int pulledRoots)
    {
        _stabilised = new Complex[rank * rank];
        for (var i = 0; i < rank; i++)
        {
            for (var k = 0; k < rank; k++)
            {
                _stabilised[i * rank + k] = stabilised[i, k];
            }
        }
        _lastRow = lastRow;
        _rank = rank;
        PulledRoots = pulledRoots;
    }

    public int PulledRoots { get; }

    /// <summary>M[i, k] = sum_l U_i[l] U_k[l+1] for the leading <paramref name="rank"/> vectors (the nested blocks serve every smaller rank).</summary>
    public static double[,] ShiftProducts(SsaBasis basis, int rank)
    {
        var order = basis.WindowLength - 1;
        var products = new double[rank, rank];
        for (var i = 0; i < rank; i++)
        {
            var ui = basis.Vector(i)[..order];
            for (var k = 0; k < rank; k++)
            {
                products[i, k] = VectorOps.Dot(ui, basis.Vector(k)[1..]);
            }
        }
        return products;
    }

    /// <summary>The stabilised shift operator of rank r, or null when no root lies outside the unit circle.</summary>
    public static RootStabilisation? ForRank(SsaBasis basis, double[,] shiftProducts, int rank)
    {
        var order = basis.WindowLength - 1;
        var pi = new double[rank];
        var verticality = 0.0;
        for (var i = 0; i < rank; i++)
        {
            pi[i] = basis.Vector(i)[order];
            verticality += pi[i] * pi[i];
        }
        if (verticality >= 1.0 - 1e-9)
        {
            return null;
        }
        // (U'^T U')^-1 = (I - pi pi^T)^-1 = I + pi pi^T / (1 - nu^2)   (Sherman-Morrison).
        var shift = new double[rank, rank];
        var scale = 1.0 / (1.0 - verticality);
        for (var k = 0; k < rank; k++)
        {
            var piDotColumn = 0.0;
            for (var i = 0; i < rank; i++)
            {
                piDotColumn += pi[i] * shiftProducts[i, k];
            }
            for (var i = 0; i < rank; i++)
            {
                shift[i, k] = shiftProducts[i, k] + pi[i] * piDotColumn * scale;
            }
        }
        var schur = ComplexSchur.Decompose(shift);
        var diagonal = new Complex[rank];
        var pulled = 0;
        for (var i = 0; i < rank; i++)
        {
            var root = schur.T[i, i];
            var modulus = Complex.Abs(root);
            if (modulus > 1.0 + Tolerance)
            {
                root /= modulus;
                pulled++;
            }
            diagonal[i] = root;
        }
        return pulled == 0 ? null : new RootStabilisation(schur.Recompose(diagonal), pi, rank, pulled);
    }

    /// <summary>Continues from the last reconstructed lagged vector (length L) for <paramref name="horizon"/> steps.</summary>
    public double[] Continue(SsaBasis basis, ReadOnlySpan<double> lastLaggedVector, int horizon)
    {
        var state = new Complex[_rank];
        for (var i = 0; i < _rank; i++)
        {
            state[i] = VectorOps.Dot(basis.Vector(i), lastLaggedVector);
        }
        var next = new Complex[_rank];
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var value = 0.0;
            for (var i = 0; i < _rank; i++)
            {
                var sum = Complex.Zero;
                var row = _stabilised.AsSpan(i * _rank, _rank);
                for (var k = 0; k < row.Length; k++)
                {
                    sum += row[k] * state[k];
                }
                next[i] = sum;
                value += _lastRow[i] * sum.Real;
            }
            (state, next) = (next, state);
            forecast[h] = value;
        }
        return forecast;
    }
}
