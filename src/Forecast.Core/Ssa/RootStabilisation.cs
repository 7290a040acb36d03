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
/// coordinates of the last reconstructed lagged vector and reads the last coordinate pi^T c_{k+1}. With
/// A' = Q T' Q^H that is (pi^T Q) T'^k (Q^H c): the iteration runs in the Schur coordinates, where T' is triangular
/// (r^2 / 2 complex multiply-adds per step instead of r^2, and A' is never formed).
/// Roots within 1 + <see cref="Tolerance"/> are left alone, so polynomial trends (roots exactly 1) stay exact.
/// </summary>
internal sealed class RootStabilisation
{
    /// <summary>Growth per step that is still accepted as "on the unit circle".</summary>
    public const double Tolerance = 1e-6;

    // The stabilised triangular factor T' (upper), real and imaginary parts apart, by columns ([k * r + i] = T'[i, k]) for
    // the state iteration s -> T' s and by rows with a padded stride p ([i * p + k] = T'[i, k]) for the readout rows y -> y T'.
    private readonly double[] _columnsReal;
    private readonly double[] _columnsImaginary;
    private readonly double[] _rowsReal;
    private readonly double[] _rowsImaginary;
    private readonly int _rowStride;
    // The Schur vectors Q by rows ([i * r + k] = Q[i, k]), and the readout p = pi^T Q in Schur coordinates.
    private readonly double[] _schurReal;
    private readonly double[] _schurImaginary;
    private readonly double[] _readoutStartReal;
    private readonly double[] _readoutStartImaginary;
    private readonly int _rank;

    /// <summary>Readout doubles kept per rank at most; longer horizons iterate the state instead.</summary>
    private const int MaximumReadoutLength = 1 << 18;

    // Readout rows y_k = pi^T Q T'^k, k = 1.._readoutSteps, row k as [Re y_k, Im y_k] (2r doubles): a forecast step is
    // then one dot product of length 2r with [Re d, -Im d].
    private double[] _readout = [];
    private int _readoutSteps;

    private RootStabilisation(ComplexSchur schur, ReadOnlySpan<Complex> diagonal, double[] lastRow, int rank, int pulledRoots)
    {
        _columnsReal = new double[rank * rank];
        _columnsImaginary = new double[rank * rank];
        _rowStride = TriangularRowProduct.PaddedStride(rank);
        _rowsReal = new double[rank * _rowStride];
        _rowsImaginary = new double[rank * _rowStride];
        _schurReal = new double[rank * rank];
        _schurImaginary = new double[rank * rank];
        _readoutStartReal = new double[rank];
        _readoutStartImaginary = new double[rank];
        for (var i = 0; i < rank; i++)
        {
            for (var k = 0; k < rank; k++)
            {
                var t = k == i ? diagonal[i] : k > i ? schur.T[i, k] : Complex.Zero;
                _columnsReal[k * rank + i] = t.Real;
                _columnsImaginary[k * rank + i] = t.Imaginary;
                _rowsReal[i * _rowStride + k] = t.Real;
                _rowsImaginary[i * _rowStride + k] = t.Imaginary;
                _schurReal[i * rank + k] = schur.Q[i, k].Real;
                _schurImaginary[i * rank + k] = schur.Q[i, k].Imaginary;
                // p_k = sum_i pi_i Q[i, k] (pi real).
                _readoutStartReal[k] += lastRow[i] * schur.Q[i, k].Real;
                _readoutStartImaginary[k] += lastRow[i] * schur.Q[i, k].Imaginary;
            }
        }
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
        return pulled == 0 ? null : new RootStabilisation(schur, diagonal, pi, rank, pulled);
    }

    /// <summary>Continues from the last reconstructed lagged vector (length L) for <paramref name="horizon"/> steps.</summary>
    /// <remarks>
    /// Forecast step k is pi^T A'^k c = y_k . d with c = U_r^T (lagged vector), d = Q^H c and the readout rows
    /// y_k = pi^T Q T'^k, which depend on the rank only. Speed (perf): they are built once (h r^2 / 2 complex
    /// multiply-adds) and shared by every origin of the validation, which then costs h r per origin.
    /// </remarks>
    /// <param name="shareReadout">False when no other origin will follow (a forecast from the end of the series): then
    /// building readout rows would cost as much as the iteration itself, plus their memory.</param>
    public double[] Continue(SsaBasis basis, ReadOnlySpan<double> lastLaggedVector, int horizon, bool shareReadout = true)
    {
        var rank = _rank;
        Span<double> coordinates = rank <= 64 ? stackalloc double[rank] : new double[rank];
        for (var i = 0; i < rank; i++)
        {
            coordinates[i] = VectorOps.Dot(basis.Vector(i), lastLaggedVector);
        }
        // d = Q^H c: d_k = sum_i conj(Q[i, k]) c_i, kept as [Re d, Im d].
        var state = new double[2 * rank];
        for (var i = 0; i < rank; i++)
        {
            VectorOps.AddScaled(state.AsSpan(0, rank), _schurReal.AsSpan(i * rank, rank), coordinates[i]);
            VectorOps.AddScaled(state.AsSpan(rank), _schurImaginary.AsSpan(i * rank, rank), -coordinates[i]);
        }
        if (2L * horizon * rank > MaximumReadoutLength || (!shareReadout && horizon > _readoutSteps))
        {
            return Iterate(state, horizon);
        }
        ExtendReadout(horizon);
        // Re(y_k . d) = Re y_k . Re d - Im y_k . Im d.
        for (var i = rank; i < 2 * rank; i++)
        {
            state[i] = -state[i];
        }
        // One product of the readout rows with the state: four rows at a time share the loads (same bits as row dots).
        var forecast = new double[horizon];
        VectorOps.MultiplyRows(_readout, horizon, 2 * rank, state, forecast);
        return forecast;
    }

    /// <summary>Readout rows y_1 = p T', y_{k+1} = y_k T' (p = pi^T Q), for k up to <paramref name="horizon"/>.</summary>
    private void ExtendReadout(int horizon)
    {
        if (horizon <= _readoutSteps)
        {
            return;
        }
        var rank = _rank;
        Array.Resize(ref _readout, 2 * horizon * rank);
        for (var h = _readoutSteps; h < horizon; h++)
        {
            ReadOnlySpan<double> previousReal = h == 0 ? _readoutStartReal : _readout.AsSpan(2 * (h - 1) * rank, rank);
            ReadOnlySpan<double> previousImaginary = h == 0 ? _readoutStartImaginary : _readout.AsSpan((2 * h - 1) * rank, rank);
            TriangularRowProduct.Multiply(previousReal, previousImaginary, _rowsReal, _rowsImaginary, rank, _rowStride,
                _readout.AsSpan(2 * h * rank, rank), _readout.AsSpan((2 * h + 1) * rank, rank));
        }
        _readoutSteps = horizon;
    }

    /// <summary>The state iteration s_{k+1} = T' s_k read out by p: for horizons whose readout rows would not pay.</summary>
    private double[] Iterate(double[] initial, int horizon)
    {
        var rank = _rank;
        var stateReal = initial[..rank];
        var stateImaginary = initial[rank..];
        var nextReal = new double[rank];
        var nextImaginary = new double[rank];
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            // T' s = sum_k s_k (column k of T'), column k nonzero down to row k.
            Array.Clear(nextReal);
            Array.Clear(nextImaginary);
            for (var k = 0; k < rank; k++)
            {
                VectorOps.AddScaledComplex(_columnsReal.AsSpan(k * rank, k + 1), _columnsImaginary.AsSpan(k * rank, k + 1), stateReal[k], stateImaginary[k], nextReal, nextImaginary);
            }
            (stateReal, nextReal) = (nextReal, stateReal);
            (stateImaginary, nextImaginary) = (nextImaginary, stateImaginary);
            forecast[h] = VectorOps.Dot(_readoutStartReal, stateReal) - VectorOps.Dot(_readoutStartImaginary, stateImaginary);
        }
        return forecast;
    }
}
