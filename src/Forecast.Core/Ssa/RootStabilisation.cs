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

    // The stabilised shift matrix M by columns, real and imaginary parts apart ([k * r + i] = M[i, k]):
    // Continue reads it h * r^2 times and updates r rows at once with Vector<double> (speed, perf).
    private readonly double[] _columnsReal;
    private readonly double[] _columnsImaginary;
    // The same matrix by rows ([i * r + k] = M[i, k]): the readout rows w M are sums of rows of M.
    private readonly double[] _rowsReal;
    private readonly double[] _rowsImaginary;
    private readonly double[] _lastRow;
    private readonly int _rank;

    /// <summary>Readout rows kept per rank at most (doubles); longer horizons iterate the state instead.</summary>
    private const int MaximumReadoutLength = 1 << 18;

    // Readout rows Re(pi^T M^k), k = 1.._readoutSteps, row by row, and the complex row pi^T M^k they continue from.
    private double[] _readout = [];
    private int _readoutSteps;
    private double[] _rowReal = [];
    private double[] _rowImaginary = [];

    private RootStabilisation(Complex[,] stabilised, double[] lastRow, int rank, int pulledRoots)
    {
        _columnsReal = new double[rank * rank];
        _columnsImaginary = new double[rank * rank];
        _rowsReal = new double[rank * rank];
        _rowsImaginary = new double[rank * rank];
        for (var i = 0; i < rank; i++)
        {
            for (var k = 0; k < rank; k++)
            {
                _columnsReal[k * rank + i] = stabilised[i, k].Real;
                _columnsImaginary[k * rank + i] = stabilised[i, k].Imaginary;
                _rowsReal[i * rank + k] = stabilised[i, k].Real;
                _rowsImaginary[i * rank + k] = stabilised[i, k].Imaginary;
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
    /// <remarks>
    /// Forecast step k is pi^T M^k c with c = U_r^T (lagged vector) real, so it equals Re(pi^T M^k) . c: the readout
    /// rows Re(pi^T M^k) depend on the rank only. Speed (perf): they are built once (h r^2 complex multiply-adds)
    /// and shared by every origin of the validation, which then costs h r per origin instead of h r^2.
    /// </remarks>
    /// <param name="shareReadout">False when no other origin will follow (a forecast from the end of the series): then
    /// building readout rows would cost as much as the iteration itself, plus their memory.</param>
    public double[] Continue(SsaBasis basis, ReadOnlySpan<double> lastLaggedVector, int horizon, bool shareReadout = true)
    {
        var coordinates = new double[_rank];
        for (var i = 0; i < _rank; i++)
        {
            coordinates[i] = VectorOps.Dot(basis.Vector(i), lastLaggedVector);
        }
        if ((long)horizon * _rank > MaximumReadoutLength || (!shareReadout && horizon > _readoutSteps))
        {
            return Iterate(coordinates, horizon);
        }
        ExtendReadout(horizon);
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            forecast[h] = VectorOps.Dot(_readout.AsSpan(h * _rank, _rank), coordinates);
        }
        return forecast;
    }

    /// <summary>Readout rows Re(w_k), w_1 = pi^T M, w_{k+1} = w_k M, for k up to <paramref name="horizon"/>.</summary>
    private void ExtendReadout(int horizon)
    {
        if (horizon <= _readoutSteps)
        {
            return;
        }
        var rank = _rank;
        if (_readoutSteps == 0)
        {
            _rowReal = (double[])_lastRow.Clone();
            _rowImaginary = new double[rank];
        }
        Array.Resize(ref _readout, horizon * rank);
        var nextReal = new double[rank];
        var nextImaginary = new double[rank];
        for (var h = _readoutSteps; h < horizon; h++)
        {
            // w M = sum_i w_i (row i of M).
            Combine(_rowsReal, _rowsImaginary, _rowReal, _rowImaginary, nextReal, nextImaginary);
            (_rowReal, nextReal) = (nextReal, _rowReal);
            (_rowImaginary, nextImaginary) = (nextImaginary, _rowImaginary);
            _rowReal.CopyTo(_readout.AsSpan(h * rank, rank));
        }
        _readoutSteps = horizon;
    }

    /// <summary>The state iteration c_{k+1} = M c_k read out by pi: for horizons whose readout rows would not pay.</summary>
    private double[] Iterate(double[] coordinates, int horizon)
    {
        var stateReal = coordinates;
        var stateImaginary = new double[_rank];
        var nextReal = new double[_rank];
        var nextImaginary = new double[_rank];
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            // next = M state = sum_k state_k (column k of M).
            Combine(_columnsReal, _columnsImaginary, stateReal, stateImaginary, nextReal, nextImaginary);
            var value = 0.0;
            for (var i = 0; i < _rank; i++)
            {
                value += _lastRow[i] * nextReal[i];
            }
            (stateReal, nextReal) = (nextReal, stateReal);
            (stateImaginary, nextImaginary) = (nextImaginary, stateImaginary);
            forecast[h] = value;
        }
        return forecast;
    }

    /// <summary>
    /// sum = sum_k weight_k (vector k), vector k = planes[k r .. k r + r) (columns or rows of M): for every entry the
    /// terms arrive in the order k = 0, 1, .. and each is the textbook complex product (ac - bd, bc + ad), as Complex computes it.
    /// </summary>
    private static void Combine(
        double[] planesReal, double[] planesImaginary, double[] weightsReal, double[] weightsImaginary, double[] sumReal, double[] sumImaginary)
    {
        var rank = sumReal.Length;
        Array.Clear(sumReal);
        Array.Clear(sumImaginary);
        for (var k = 0; k < rank; k++)
        {
            AddColumnTimes(planesReal.AsSpan(k * rank, rank), planesImaginary.AsSpan(k * rank, rank), weightsReal[k], weightsImaginary[k], sumReal, sumImaginary);
        }
    }

    /// <summary>(sumRe, sumIm)[i] += (a + bi)(c + di) with (a, b) = entry i of a column (or row) of M: vectorised over i.</summary>
    private static void AddColumnTimes(
        ReadOnlySpan<double> columnReal, ReadOnlySpan<double> columnImaginary, double c, double d, Span<double> sumReal, Span<double> sumImaginary)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && columnReal.Length >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var vd = new Vector<double>(d);
            for (; i <= columnReal.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var a = new Vector<double>(columnReal[i..]);
                var b = new Vector<double>(columnImaginary[i..]);
                (new Vector<double>(sumReal[i..]) + (a * vc - b * vd)).CopyTo(sumReal[i..]);
                (new Vector<double>(sumImaginary[i..]) + (b * vc + a * vd)).CopyTo(sumImaginary[i..]);
            }
        }
        for (; i < columnReal.Length; i++)
        {
            var a = columnReal[i];
            var b = columnImaginary[i];
            sumReal[i] += (a * c) - (b * d);
            sumImaginary[i] += (b * c) + (a * d);
        }
    }
}
