using System.Numerics;
using System.Runtime.CompilerServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Complex Schur form A = Q T Q^H of a small real or complex square matrix: Q unitary, T upper triangular
/// with the eigenvalues on its diagonal (Golub and Van Loan, section 7.5). Householder reduction to upper
/// Hessenberg form, then the single-shift QR iteration with Wilkinson shifts and deflation on negligible
/// sub-diagonal entries. Meant for the r x r shift matrices of SSA signal subspaces (r of order 10-50).
/// </summary>
internal sealed class ComplexSchur
{
    private const int MaxIterations = 60;

    private ComplexSchur(Complex[,] t, Complex[,] q)
    {
        T = t;
        Q = q;
    }

    /// <summary>The upper triangular factor; its diagonal holds the eigenvalues.</summary>
    public Complex[,] T { get; }

    /// <summary>The unitary factor.</summary>
    public Complex[,] Q { get; }

    public int Size => T.GetLength(0);

    public static ComplexSchur Decompose(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = new Planes(n);
        var q = new Planes(n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a.Real[i * n + j] = matrix[i, j];
            }
            q.Real[i * n + i] = 1.0;
        }
        ReduceToHessenberg(a, q, n);
        IterateQr(a, q, n);
        return new ComplexSchur(a.ToArray(transposed: false), q.ToArray(transposed: true));
    }

    /// <summary>Q T Q^H with a new diagonal of T: the matrix with those eigenvalues and the same Schur vectors.</summary>
    public Complex[,] Recompose(ReadOnlySpan<Complex> diagonal)
    {
        var n = Size;
        var t = (Complex[,])T.Clone();
        for (var i = 0; i < n; i++)
        {
            t[i, i] = diagonal[i];
        }
        var qt = new Complex[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = Complex.Zero;
                for (var k = 0; k <= j; k++)
                {
                    sum += Q[i, k] * t[k, j];
                }
                qt[i, j] = sum;
            }
        }
        var result = new Complex[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = Complex.Zero;
                for (var k = 0; k < n; k++)
                {
                    sum += qt[i, k] * Complex.Conjugate(Q[j, k]);
                }
                result[i, j] = sum;
            }
        }
        return result;
    }

    /// <summary>
    /// Householder reduction of the real input to upper Hessenberg form. The reflectors of a real matrix are real
    /// (the phase e^{i arg x_0} of a real x_0 is +-1), and every complex product and sum of the complex algorithm then
    /// has imaginary part +0, so the real parts below are bit for bit that algorithm (speed, perf: a quarter of the
    /// multiplications, and the row updates on <see cref="Vector{T}"/> lanes; the imaginary planes stay 0).
    /// </summary>
    private static void ReduceToHessenberg(Planes a, Planes q, int n)
    {
        var matrix = a.Real;
        var v = new double[n];
        var dots = new double[n];
        for (var k = 0; k < n - 2; k++)
        {
            var norm = 0.0;
            for (var i = k + 1; i < n; i++)
            {
                var entry = Math.Abs(matrix[i * n + k]);
                norm += entry * entry;
            }
            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                continue;
            }
            // v = x + sign(x_0) ||x|| e_1; H = I - 2 v v^T / (v^T v) maps x to a multiple of e_1.
            var x0 = matrix[(k + 1) * n + k];
            var phase = x0 < 0 ? -1.0 : 1.0;
            for (var i = k + 1; i < n; i++)
            {
                v[i] = matrix[i * n + k];
            }
            v[k + 1] += phase * norm;
            var vNorm2 = 0.0;
            for (var i = k + 1; i < n; i++)
            {
                vNorm2 += v[i] * v[i];
            }
            ApplyReflector(matrix, q.Real, v, dots, k + 1, n, 2.0 / vNorm2);
        }
    }

    /// <summary>
    /// A &lt;- H A H, Q &lt;- Q H for H = I - beta v v^T acting on indices start..n-1 (Q stored transposed). Every dot
    /// product sums its terms in ascending order, as the scalar loops did; the updates y - s x are y + (-s) x exactly.
    /// </summary>
    private static void ApplyReflector(double[] a, double[] q, double[] v, double[] dots, int start, int n, double beta)
    {
        // dot_j = sum_i v_i a[i, j] for every column j at once, row by row.
        Array.Clear(dots);
        for (var i = start; i < n; i++)
        {
            VectorOps.AddScaled(dots, a.AsSpan(i * n, n), v[i]);
        }
        for (var j = 0; j < n; j++)
        {
            dots[j] *= beta;
        }
        for (var i = start; i < n; i++)
        {
            VectorOps.AddScaled(a.AsSpan(i * n, n), dots, -v[i]);
        }
        var tail = v.AsSpan(start, n - start);
        for (var i = 0; i < n; i++)
        {
            var row = a.AsSpan(i * n + start, n - start);
            var dot = 0.0;
            for (var j = 0; j < row.Length; j++)
            {
                dot += row[j] * tail[j];
            }
            VectorOps.AddScaled(row, tail, -(dot * beta));
        }
        // Q (transposed): dotQ_i = sum_j Q[i, j] v_j, rows j of the transposed storage in ascending order.
        Array.Clear(dots);
        for (var j = start; j < n; j++)
        {
            VectorOps.AddScaled(dots, q.AsSpan(j * n, n), v[j]);
        }
        for (var i = 0; i < n; i++)
        {
            dots[i] *= beta;
        }
        for (var j = start; j < n; j++)
        {
            VectorOps.AddScaled(q.AsSpan(j * n, n), dots, -v[j]);
        }
    }

    /// <summary>Shifted QR sweeps by Givens rotations on the active Hessenberg block [low, high].</summary>
    private static void IterateQr(Planes a, Planes q, int n)
    {
        var norm = 0.0;
        for (var i = 0; i < n * n; i++)
        {
            norm = Math.Max(norm, Complex.Abs(a.Get(i)));
        }
        var tolerance = 2.220446049250313e-16 * Math.Max(norm, double.Epsilon);
        var high = n - 1;
        var iterations = 0;
        var cosines = new double[n];
        var sines = new Complex[n];
        var minusConjugates = new Complex[n];
        while (high > 0)
        {
            // Find the start of the unreduced block ending at 'high'.
            var low = high;
            while (low > 0 && !Negligible(a, low, n, tolerance))
            {
                low--;
            }
            if (low == high)
            {
                a.Set(high * n + high - 1, Complex.Zero);
                high--;
                iterations = 0;
                continue;
            }
            if (++iterations > MaxIterations * n)
            {
                throw new InvalidOperationException("The complex QR iteration did not converge.");
            }
            var shift = WilkinsonShift(a.Get((high - 1) * n + high - 1), a.Get((high - 1) * n + high), a.Get(high * n + high - 1), a.Get(high * n + high));
            if (iterations % 11 == 10)
            {
                // Exceptional shift breaks rare cycles.
                shift = a.Get(high * n + high) + Complex.Abs(a.Get(high * n + high - 1)) * new Complex(0.75, 0.4);
            }
            for (var i = low; i <= high; i++)
            {
                a.Set(i * n + i, a.Get(i * n + i) - shift);
            }
            for (var k = low; k < high; k++)
            {
                var (c, s) = Givens(a.Get(k * n + k), a.Get((k + 1) * n + k));
                cosines[k] = c;
                sines[k] = s;
                // Rows k, k+1 <- G^H rows: [c, conj(s); -s, c].
                RotatePair(a, k * n + k, (k + 1) * n + k, n - k, c, Complex.Conjugate(s), -s);
            }
            for (var k = low; k < high; k++)
            {
                minusConjugates[k] = -Complex.Conjugate(sines[k]);
                // Q is stored transposed, so its columns k, k+1 are contiguous rows.
                RotatePair(q, k * n, (k + 1) * n, n, cosines[k], sines[k], minusConjugates[k]);
            }
            // Columns k, k+1 <- columns G: [c, -conj(s); s, c] applied from the right, for rows i <= min(k + 2, high).
            // Row by row, each row meets the rotations k = max(low, i - 2).. in the same order as column by column
            // would, and the entry a rotation leaves in column k + 1 is carried to the next one.
            // The Complex products written out ((a + bi)(c + di) = (ac - bd) + (bc + ad)i, c (x + yi) = cx + cyi),
            // term for term as Complex computes them: the same bits without a call per product (speed, perf). Each row's
            // carried entry is a chain of dependent products, so rows go two at a time (row i + 1 starts at most one
            // rotation after row i) and the two chains overlap.
            var real = a.Real;
            var imaginary = a.Imaginary;
            var pair = 0;
            for (; pair + 1 <= high; pair += 2)
            {
                var k = Math.Max(low, pair - 2);
                var first = pair * n;
                var second = first + n;
                var xr = real[first + k];
                var xi = imaginary[first + k];
                if (k < Math.Max(low, pair - 1))
                {
                    RotateColumns(real, imaginary, first, k, cosines[k], sines[k], minusConjugates[k], ref xr, ref xi);
                    k++;
                }
                var zr = real[second + k];
                var zi = imaginary[second + k];
                for (; k < high; k++)
                {
                    RotateColumns(real, imaginary, first, k, cosines[k], sines[k], minusConjugates[k], ref xr, ref xi);
                    RotateColumns(real, imaginary, second, k, cosines[k], sines[k], minusConjugates[k], ref zr, ref zi);
                }
                (real[first + high], imaginary[first + high]) = (xr, xi);
                (real[second + high], imaginary[second + high]) = (zr, zi);
            }
            if (pair <= high)
            {
                var k = Math.Max(low, pair - 2);
                var row = pair * n;
                var xr = real[row + k];
                var xi = imaginary[row + k];
                for (; k < high; k++)
                {
                    RotateColumns(real, imaginary, row, k, cosines[k], sines[k], minusConjugates[k], ref xr, ref xi);
                }
                (real[row + high], imaginary[row + high]) = (xr, xi);
            }
            for (var i = low; i <= high; i++)
            {
                a.Set(i * n + i, a.Get(i * n + i) + shift);
            }
        }
    }

    /// <summary>
    /// One column rotation of a row: entry k becomes c x + s y and the carried x becomes m x + c y (y = entry k + 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RotateColumns(double[] real, double[] imaginary, int row, int k, double c, Complex s, Complex m, ref double xr, ref double xi)
    {
        var yr = real[row + k + 1];
        var yi = imaginary[row + k + 1];
        real[row + k] = (c * xr) + ((s.Real * yr) - (s.Imaginary * yi));
        imaginary[row + k] = (c * xi) + ((s.Imaginary * yr) + (s.Real * yi));
        (xr, xi) = (((m.Real * xr) - (m.Imaginary * xi)) + (c * yr), ((m.Imaginary * xr) + (m.Real * xi)) + (c * yi));
    }

    /// <summary>
    /// Whether the sub-diagonal entry a[i, i-1] is negligible beside its diagonal neighbours (or absolutely).
    /// Speed (perf): |z| lies between max(|Re z|, |Im z|) and |Re z| + |Im z|, which settle most entries of an
    /// unconverged block without three square roots; the rest get the exact test, so deflation is unchanged.
    /// </summary>
    private static bool Negligible(Planes a, int i, int n, double tolerance)
    {
        var below = i * n + i - 1;
        var diagonal = i * n + i;
        var previous = (i - 1) * n + i - 1;
        var atLeast = Math.Max(Math.Abs(a.Real[below]), Math.Abs(a.Imaginary[below]));
        var diagonalsAtMost = Math.Abs(a.Real[diagonal]) + Math.Abs(a.Imaginary[diagonal]) + Math.Abs(a.Real[previous]) + Math.Abs(a.Imaginary[previous]);
        if (atLeast > 1.01 * tolerance * (diagonalsAtMost + 1e-300) && atLeast > 1.01 * tolerance)
        {
            return false;
        }
        var size = Complex.Abs(a.Get(below));
        return !(size > tolerance * (Complex.Abs(a.Get(diagonal)) + Complex.Abs(a.Get(previous)) + 1e-300) && size > tolerance);
    }

    /// <summary>
    /// (x, y) &lt;- (c x + p y, m x + c y) elementwise over two runs of <paramref name="length"/> entries starting at
    /// <paramref name="first"/> and <paramref name="second"/>, with the products and sums of <see cref="Complex"/>
    /// ((a + bi)(c + di) = (ac - bd) + (bc + ad)i) done lane by lane: the same rounding as the scalar code.
    /// </summary>
    private static void RotatePair(Planes m, int first, int second, int length, double c, Complex p, Complex minus)
    {
        var xr = m.Real.AsSpan(first, length);
        var xi = m.Imaginary.AsSpan(first, length);
        var yr = m.Real.AsSpan(second, length);
        var yi = m.Imaginary.AsSpan(second, length);
        var j = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var pr = new Vector<double>(p.Real);
            var pi = new Vector<double>(p.Imaginary);
            var mr = new Vector<double>(minus.Real);
            var mi = new Vector<double>(minus.Imaginary);
            for (; j <= length - Vector<double>.Count; j += Vector<double>.Count)
            {
                var ar = new Vector<double>(xr[j..]);
                var ai = new Vector<double>(xi[j..]);
                var br = new Vector<double>(yr[j..]);
                var bi = new Vector<double>(yi[j..]);
                (vc * ar + (pr * br - pi * bi)).CopyTo(xr[j..]);
                (vc * ai + (pi * br + pr * bi)).CopyTo(xi[j..]);
                ((mr * ar - mi * ai) + vc * br).CopyTo(yr[j..]);
                ((mi * ar + mr * ai) + vc * bi).CopyTo(yi[j..]);
            }
        }
        for (; j < length; j++)
        {
            var x = new Complex(xr[j], xi[j]);
            var y = new Complex(yr[j], yi[j]);
            var newX = c * x + p * y;
            var newY = minus * x + c * y;
            xr[j] = newX.Real;
            xi[j] = newX.Imaginary;
            yr[j] = newY.Real;
            yi[j] = newY.Imaginary;
        }
    }

    /// <summary>c real, s complex with [c, conj(s); -s, c] [x; y] = [r; 0].</summary>
    internal static (double C, Complex S) Givens(Complex x, Complex y)
    {
        // Speed (perf): with every square in range, the direct forms (no scaled hypot, one division for both parts of
        // s) give the same rotation to rounding; this was ~8% of an automatic forecast.
        double xr = x.Real, xi = x.Imaginary, yr = y.Real, yi = y.Imaginary;
        var xx = xr * xr + xi * xi;
        var yy = yr * yr + yi * yi;
        if (xx is > SafeSquareLow and < SafeSquareHigh && yy is > SafeSquareLow and < SafeSquareHigh)
        {
            var xAbs = Math.Sqrt(xx);
            var radius = Math.Sqrt(xx + yy);
            var scale = 1.0 / (xAbs * radius);
            // conj(x / |x|) y / r = conj(x) y / (|x| r).
            return (xAbs / radius, new Complex((xr * yr + xi * yi) * scale, (xr * yi - xi * yr) * scale));
        }
        var ax = Complex.Abs(x);
        var ay = Complex.Abs(y);
        if (ay == 0)
        {
            return (1.0, Complex.Zero);
        }
        if (ax == 0)
        {
            return (0.0, y / ay);
        }
        // Scaled by the larger modulus: the plain sum of squares overflows beyond ~1e154 and underflows below ~1e-154.
        var larger = Math.Max(ax, ay);
        var r = larger * Math.Sqrt((ax / larger) * (ax / larger) + (ay / larger) * (ay / larger));
        var phase = x / ax;
        return (ax / r, Complex.Conjugate(phase) * (y / r));
    }

    /// <summary>Squares between these neither overflow nor lose precision to underflow (nor are zero).</summary>
    private const double SafeSquareLow = 1e-280;

    private const double SafeSquareHigh = 1e280;

    /// <summary>The eigenvalue of [[a, b], [c, d]] closer to d.</summary>
    private static Complex WilkinsonShift(Complex a, Complex b, Complex c, Complex d)
    {
        var half = (a - d) / 2.0;
        var root = Complex.Sqrt(half * half + b * c);
        var candidate1 = d + half - root;
        var candidate2 = d + half + root;
        return Complex.Abs(candidate1 - d) < Complex.Abs(candidate2 - d) ? candidate1 : candidate2;
    }

    /// <summary>
    /// An n x n complex working matrix as two flat planes (real, imaginary) of n^2 doubles. Speed (perf): the
    /// rotations of two rows then run on <see cref="Vector{T}"/> lanes; every scalar step still goes through
    /// <see cref="Complex"/>, so the arithmetic, and the result, is that of the plain Complex code.
    /// </summary>
    private readonly struct Planes
    {
        private readonly int _size;

        public Planes(int size)
        {
            _size = size;
            Real = new double[size * size];
            Imaginary = new double[size * size];
        }

        public double[] Real { get; }

        public double[] Imaginary { get; }

        public Complex Get(int index) => new(Real[index], Imaginary[index]);

        public void Set(int index, Complex value)
        {
            Real[index] = value.Real;
            Imaginary[index] = value.Imaginary;
        }

        /// <summary>The matrix as Complex[,]; <paramref name="transposed"/> when the planes hold its transpose.</summary>
        public Complex[,] ToArray(bool transposed)
        {
            var result = new Complex[_size, _size];
            for (var i = 0; i < _size; i++)
            {
                for (var j = 0; j < _size; j++)
                {
                    result[i, j] = transposed ? Get(j * _size + i) : Get(i * _size + j);
                }
            }
            return result;
        }
    }
}
