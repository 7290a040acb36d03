using System.Numerics;

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
        var a = new Square(n);
        var q = new Square(n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = matrix[i, j];
            }
            q[i, i] = Complex.One;
        }
        ReduceToHessenberg(a, q, n);
        IterateQr(a, q, n);
        return new ComplexSchur(a.ToArray(), q.ToArray());
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

    private static void ReduceToHessenberg(Square a, Square q, int n)
    {
        var v = new Complex[n];
        for (var k = 0; k < n - 2; k++)
        {
            var norm = 0.0;
            for (var i = k + 1; i < n; i++)
            {
                norm += Complex.Abs(a[i, k]) * Complex.Abs(a[i, k]);
            }
            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                continue;
            }
            // v = x + e^{i arg x_0} ||x|| e_1; H = I - 2 v v^H / (v^H v) maps x to a multiple of e_1.
            var x0 = a[k + 1, k];
            var phase = Complex.Abs(x0) > 0 ? x0 / Complex.Abs(x0) : Complex.One;
            for (var i = k + 1; i < n; i++)
            {
                v[i] = a[i, k];
            }
            v[k + 1] += phase * norm;
            var vNorm2 = 0.0;
            for (var i = k + 1; i < n; i++)
            {
                vNorm2 += v[i].Real * v[i].Real + v[i].Imaginary * v[i].Imaginary;
            }
            ApplyReflector(a, q, v, k + 1, n, 2.0 / vNorm2);
        }
    }

    /// <summary>A &lt;- H A H, Q &lt;- Q H for H = I - beta v v^H acting on indices start..n-1.</summary>
    private static void ApplyReflector(Square a, Square q, Complex[] v, int start, int n, double beta)
    {
        for (var j = 0; j < n; j++)
        {
            var dot = Complex.Zero;
            for (var i = start; i < n; i++)
            {
                dot += Complex.Conjugate(v[i]) * a[i, j];
            }
            dot *= beta;
            for (var i = start; i < n; i++)
            {
                a[i, j] -= v[i] * dot;
            }
        }
        for (var i = 0; i < n; i++)
        {
            var dot = Complex.Zero;
            for (var j = start; j < n; j++)
            {
                dot += a[i, j] * v[j];
            }
            dot *= beta;
            for (var j = start; j < n; j++)
            {
                a[i, j] -= dot * Complex.Conjugate(v[j]);
            }
            var dotQ = Complex.Zero;
            for (var j = start; j < n; j++)
            {
                dotQ += q[i, j] * v[j];
            }
            dotQ *= beta;
            for (var j = start; j < n; j++)
            {
                q[i, j] -= dotQ * Complex.Conjugate(v[j]);
            }
        }
    }

    /// <summary>Shifted QR sweeps by Givens rotations on the active Hessenberg block [low, high].</summary>
    private static void IterateQr(Square a, Square q, int n)
    {
        var norm = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                norm = Math.Max(norm, Complex.Abs(a[i, j]));
            }
        }
        var tolerance = 2.220446049250313e-16 * Math.Max(norm, double.Epsilon);
        var high = n - 1;
        var iterations = 0;
        var cosines = new double[n];
        var sines = new Complex[n];
        while (high > 0)
        {
            // Find the start of the unreduced block ending at 'high'.
            var low = high;
            while (low > 0 && Complex.Abs(a[low, low - 1]) > tolerance * (Complex.Abs(a[low, low]) + Complex.Abs(a[low - 1, low - 1]) + 1e-300) && Complex.Abs(a[low, low - 1]) > tolerance)
            {
                low--;
            }
            if (low == high)
            {
                a[high, high - 1] = Complex.Zero;
                high--;
                iterations = 0;
                continue;
            }
            if (++iterations > MaxIterations * n)
            {
                throw new InvalidOperationException("The complex QR iteration did not converge.");
            }
            var shift = WilkinsonShift(a[high - 1, high - 1], a[high - 1, high], a[high, high - 1], a[high, high]);
            if (iterations % 11 == 10)
            {
                // Exceptional shift breaks rare cycles.
                shift = a[high, high] + Complex.Abs(a[high, high - 1]) * new Complex(0.75, 0.4);
            }
            for (var i = low; i <= high; i++)
            {
                a[i, i] -= shift;
            }
            for (var k = low; k < high; k++)
            {
                var (c, s) = Givens(a[k, k], a[k + 1, k]);
                cosines[k] = c;
                sines[k] = s;
                // Rows k, k+1 <- G^H rows.
                for (var j = k; j < n; j++)
                {
                    var x = a[k, j];
                    var y = a[k + 1, j];
                    a[k, j] = c * x + Complex.Conjugate(s) * y;
                    a[k + 1, j] = -s * x + c * y;
                }
            }
            for (var k = low; k < high; k++)
            {
                var c = cosines[k];
                var s = sines[k];
                // Columns k, k+1 <- columns G.
                for (var i = 0; i <= Math.Min(k + 2, high); i++)
                {
                    RotateColumns(a, i, k, c, s);
                }
                for (var i = 0; i < n; i++)
                {
                    RotateColumns(q, i, k, c, s);
                }
            }
            for (var i = low; i <= high; i++)
            {
                a[i, i] += shift;
            }
        }
    }

    private static void RotateColumns(Square m, int row, int k, double c, Complex s)
    {
        var x = m[row, k];
        var y = m[row, k + 1];
        m[row, k] = c * x + s * y;
        m[row, k + 1] = -Complex.Conjugate(s) * x + c * y;
    }

    /// <summary>c real, s complex with [c, conj(s); -s, c] [x; y] = [r; 0].</summary>
    private static (double C, Complex S) Givens(Complex x, Complex y)
    {
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
        var r = Math.Sqrt(ax * ax + ay * ay);
        var phase = x / ax;
        return (ax / r, Complex.Conjugate(phase) * y / r);
    }

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
    /// Row-major n x n working matrix over a flat array. Speed (perf): element stores into a Complex[,] go
    /// through a runtime helper stub (~9% of the automatic forecast); a ref indexer keeps the same a[i, j]
    /// code and the same arithmetic, so results are bit-identical.
    /// </summary>
    private readonly struct Square
    {
        private readonly Complex[] _data;
        private readonly int _size;

        public Square(int size)
        {
            _size = size;
            _data = new Complex[size * size];
        }

        public ref Complex this[int i, int j] => ref _data[i * _size + j];

        public Complex[,] ToArray()
        {
            var result = new Complex[_size, _size];
            for (var i = 0; i < _size; i++)
            {
                for (var j = 0; j < _size; j++)
                {
                    result[i, j] = _data[i * _size + j];
                }
            }
            return result;
        }
    }
}
