using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Dense symmetric eigendecomposition A = V diag(lambda) V^T, eigenvalues in descending order.
/// <para>
/// Two classical steps (Golub and Van Loan, Matrix Computations, sections 8.3.1 and 8.3.5):
/// (1) Householder reflections H_k = I - beta_k v_k v_k^T reduce A to a tridiagonal T = Q^T A Q,
/// Q = H_0 H_1 ... H_{n-3}; (2) the implicit QL iteration with a Wilkinson-type shift diagonalises T by
/// Givens rotations, T = S diag(lambda) S^T; the eigenvectors of A are the columns of Q S.
/// </para>
/// <para>
/// Deflation is tested against the norm of the whole tridiagonal (|e_i| &lt;= eps * max_j(|d_j| + |e_j|)),
/// not against neighbouring diagonal entries only: with repeated or zero eigenvalues a relative test
/// against |d_i| + |d_i+1| (which may be 0) never fires and the iteration would not terminate.
/// </para>
/// Cost O(n^3); <see cref="LanczosEigen"/> is the choice when only a few leading pairs of a large matrix are needed.
/// </summary>
public static class SymmetricEigen
{
    private const int MaxIterationsPerEigenvalue = 60;

    /// <summary>
    /// Decomposes the symmetric <paramref name="n"/> x <paramref name="n"/> row-major <paramref name="matrix"/>
    /// (only read; it must be symmetric). Returns eigenvalues (descending) and the eigenvectors as
    /// rows: vector k occupies <c>vectors[k*n .. k*n+n)</c>. <paramref name="vectorCount"/> leading vectors are formed.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int n, int vectorCount = -1)
    {
        if (matrix.Length < n * n)
        {
            throw new ArgumentException($"matrix must hold n*n = {n * n} entries; it held {matrix.Length}.", nameof(matrix));
        }
        if (vectorCount < 0 || vectorCount > n)
        {
            vectorCount = n;
        }
        var work = matrix[..(n * n)].ToArray();
        var diagonal = new double[n];
        var offDiagonal = new double[n];
        var reflectorScales = new double[n];
        Tridiagonalise(work, n, diagonal, offDiagonal, reflectorScales);

        // Rows of 'rotated' are the eigenvectors of T (identity to start with).
        var rotated = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            rotated[i * n + i] = 1.0;
        }
        DiagonaliseTridiagonal(diagonal, offDiagonal, rotated, n);

        // Order descending, then map the wanted eigenvectors of T back through Q.
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => diagonal[b].CompareTo(diagonal[a]));
        var values = new double[n];
        var vectors = new double[vectorCount * n];
        for (var k = 0; k < n; k++)
        {
            values[k] = diagonal[order[k]];
        }
        for (var k = 0; k < vectorCount; k++)
        {
            var target = vectors.AsSpan(k * n, n);
            rotated.AsSpan(order[k] * n, n).CopyTo(target);
            ApplyReflectors(work, n, reflectorScales, target);
        }
        return (values, vectors);
    }

    /// <summary>
    /// The eigenvalues alone (descending), bit for bit those of <see cref="Decompose"/>: the QL iteration's arithmetic
    /// on the tridiagonal does not depend on the eigenvectors it rotates along, so they are left out (speed, perf:
    /// O(n^2) instead of O(n^3) after the reduction).
    /// </summary>
    public static double[] Values(ReadOnlySpan<double> matrix, int n)
    {
        if (matrix.Length < n * n)
        {
            throw new ArgumentException($"matrix must hold n*n = {n * n} entries; it held {matrix.Length}.", nameof(matrix));
        }
        var work = matrix[..(n * n)].ToArray();
        var diagonal = new double[n];
        var offDiagonal = new double[n];
        Tridiagonalise(work, n, diagonal, offDiagonal, new double[n]);
        DiagonaliseTridiagonal(diagonal, offDiagonal, null, n);
        Array.Sort(diagonal);
        Array.Reverse(diagonal);
        return diagonal;
    }

    /// <summary>
    /// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix given by its diagonal and
    /// off-diagonal (<paramref name="offDiagonal"/>[i] couples i and i+1). Eigenvectors as rows, descending order.
    /// </summary>
    public static (double[] Values, double[] Vectors) DecomposeTridiagonal(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal, int vectorCount)
    {
        var n = diagonal.Length;
        var d = diagonal.ToArray();
        var e = new double[n];
        offDiagonal[..Math.Min(n - 1, offDiagonal.Length)].CopyTo(e);
        // Pooled: a Lanczos run solves its 40 x 40 (up to 80 x 80) tridiagonal once per check, 13-51 KB each.
        var rotated = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        rotated.AsSpan(0, n * n).Clear();
        for (var i = 0; i < n; i++)
        {
            rotated[i * n + i] = 1.0;
        }
        DiagonaliseTridiagonal(d, e, rotated, n);
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => d[b].CompareTo(d[a]));
        vectorCount = Math.Clamp(vectorCount, 0, n);
        var values = new double[n];
        var vectors = new double[vectorCount * n];
        for (var k = 0; k < n; k++)
        {
            values[k] = d[order[k]];
        }
        for (var k = 0; k < vectorCount; k++)
        {
            rotated.AsSpan(order[k] * n, n).CopyTo(vectors.AsSpan(k * n, n));
        }
        System.Buffers.ArrayPool<double>.Shared.Return(rotated);
        return (values, vectors);
    }

    /// <summary>
    /// Householder reduction. After it, <paramref name="diagonal"/> and <paramref name="offDiagonal"/> hold T and
    /// row k of <paramref name="a"/> (columns k+1..n-1) holds the reflector v_k with scale beta_k.
    /// </summary>
    private static void Tridiagonalise(double[] a, int n, double[] diagonal, double[] offDiagonal, double[] reflectorScales)
    {
        var p = new double[n];
        for (var k = 0; k < n - 2; k++)
        {
            // x = A[k+1.., k]; read from row k (symmetry) so it is contiguous.
            var x = a.AsSpan(k * n + k + 1, n - k - 1);
            var norm = 0.0;
            foreach (var value in x)
            {
                norm += value * value;
            }
            norm = Math.Sqrt(norm);
            diagonal[k] = a[k * n + k];
            if (norm == 0.0)
            {
                offDiagonal[k] = 0.0;
                reflectorScales[k] = 0.0;
                continue;
            }
            // v = x - alpha e_1 with alpha = -sign(x_0) ||x|| avoids cancellation; beta = 2 / v^T v.
            var alpha = x[0] >= 0 ? -norm : norm;
            x[0] -= alpha;
            var beta = 1.0 / (norm * Math.Abs(x[0]));
            offDiagonal[k] = alpha;
            reflectorScales[k] = beta;

            // A22 <- H A22 H = A22 - v w^T - w v^T, with p = beta A22 v, w = p - (beta/2)(p^T v) v.
            var size = n - k - 1;
            var start = k + 1;
            var pTv = 0.0;
            for (var i = 0; i < size; i++)
            {
                var row = a.AsSpan((start + i) * n + start, size);
                var sum = 0.0;
                for (var j = 0; j < size; j++)
                {
                    sum += row[j] * x[j];
                }
                p[i] = beta * sum;
                pTv += p[i] * x[i];
            }
            var half = 0.5 * beta * pTv;
            for (var i = 0; i < size; i++)
            {
                p[i] -= half * x[i];
            }
            for (var i = 0; i < size; i++)
            {
                var row = a.AsSpan((start + i) * n + start, size);
                var vi = x[i];
                var wi = p[i];
                for (var j = 0; j < size; j++)
                {
                    row[j] -= vi * p[j] + wi * x[j];
                }
            }
        }
        if (n >= 2)
        {
            diagonal[n - 2] = a[(n - 2) * n + n - 2];
            offDiagonal[n - 2] = a[(n - 1) * n + n - 2];
            reflectorScales[n - 2] = 0.0;
        }
        if (n >= 1)
        {
            diagonal[n - 1] = a[(n - 1) * n + n - 1];
            offDiagonal[n - 1] = 0.0;
            reflectorScales[n - 1] = 0.0;
        }
    }

    /// <summary>y &lt;- Q y = H_0 (H_1 (... H_{n-3} y)).</summary>
    private static void ApplyReflectors(double[] a, int n, double[] reflectorScales, Span<double> y)
    {
        for (var k = n - 3; k >= 0; k--)
        {
            var beta = reflectorScales[k];
            if (beta == 0.0)
            {
                continue;
            }
            var v = a.AsSpan(k * n + k + 1, n - k - 1);
            var tail = y[(k + 1)..];
            var dot = 0.0;
            for (var i = 0; i < v.Length; i++)
            {
                dot += v[i] * tail[i];
            }
            dot *= beta;
            for (var i = 0; i < v.Length; i++)
            {
                tail[i] -= dot * v[i];
            }
        }
    }

    /// <summary>
    /// Implicit QL with shifts on (d, e). Each sweep works on the unreduced block [l, m]: the shift is the
    /// eigenvalue of the leading 2x2 block closest to d_l, and the bulge is chased upwards from m by
    /// Givens rotations, which are also applied to the rows of <paramref name="vectors"/> (when given).
    /// </summary>
    private static void DiagonaliseTridiagonal(double[] d, double[] e, double[]? vectors, int n)
    {
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(d[i]) + Math.Abs(e[i]));
        }
        var tolerance = double.Epsilon + 2.220446049250313e-16 * scale;
        for (var l = 0; l < n; l++)
        {
            for (var iteration = 0; ; iteration++)
            {
                var m = l;
                while (m < n - 1 && Math.Abs(e[m]) > tolerance)
                {
                    m++;
                }
                if (m == l)
                {
                    break;
                }
                if (iteration == MaxIterationsPerEigenvalue)
                {
                    throw new InvalidOperationException("The QL iteration did not converge.");
                }
                var g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                var r = Hypot(g, 1.0);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                double s = 1.0, c = 1.0, shiftAccumulated = 0.0;
                var underflow = false;
                for (var i = m - 1; i >= l; i--)
                {
                    var f = s * e[i];
                    var b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0.0)
                    {
                        // The rotation is undefined: the matrix split here; restart on the smaller block.
                        d[i + 1] -= shiftAccumulated;
                        e[m] = 0.0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - shiftAccumulated;
                    r = (d[i] - g) * s + 2.0 * c * b;
                    shiftAccumulated = s * r;
                    d[i + 1] = g + shiftAccumulated;
                    g = c * r - b;
                    if (vectors is not null)
                    {
                        RotateRows(vectors, n, i, i + 1, c, s);
                    }
                }
                if (underflow)
                {
                    continue;
                }
                d[l] -= shiftAccumulated;
                e[l] = g;
                e[m] = 0.0;
            }
        }
    }

    /// <summary>(row_i, row_j) &lt;- (c row_i - s row_j, s row_i + c row_j).</summary>
    /// <remarks>Speed (perf): lane-wise <see cref="Vector{T}"/> products and sums round exactly as the scalar loop does.</remarks>
    private static void RotateRows(double[] vectors, int n, int i, int j, double c, double s)
    {
        var rowI = vectors.AsSpan(i * n, n);
        var rowJ = vectors.AsSpan(j * n, n);
        var k = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            // Elementwise, so any width gives the same bits; eight lanes halve the instructions beside the QL chain.
            ref var a0 = ref MemoryMarshal.GetReference(rowI);
            ref var b0 = ref MemoryMarshal.GetReference(rowJ);
            var vc = Vector512.Create(c);
            var vs = Vector512.Create(s);
            for (; k + Vector512<double>.Count <= n; k += Vector512<double>.Count)
            {
                var a = Vector512.LoadUnsafe(ref a0, (nuint)k);
                var b = Vector512.LoadUnsafe(ref b0, (nuint)k);
                (vc * a - vs * b).StoreUnsafe(ref a0, (nuint)k);
                (vs * a + vc * b).StoreUnsafe(ref b0, (nuint)k);
            }
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vi = MemoryMarshal.Cast<double, Vector<double>>(rowI);
            var vj = MemoryMarshal.Cast<double, Vector<double>>(rowJ);
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (var v = 0; v < vi.Length; v++)
            {
                var a = vi[v];
                var b = vj[v];
                vi[v] = vc * a - vs * b;
                vj[v] = vs * a + vc * b;
            }
            k = vi.Length * Vector<double>.Count;
        }
        for (; k < n; k++)
        {
            var a = rowI[k];
            var b = rowJ[k];
            rowI[k] = c * a - s * b;
            rowJ[k] = s * a + c * b;
        }
    }

    /// <summary>
    /// sqrt(a^2 + b^2) without overflow or underflow. Speed (perf): the QL sweep is one chain of dependent scalar
    /// operations, so the direct form (no division) is taken whenever the sum of squares is safely in range.
    /// </summary>
    private static double Hypot(double a, double b)
    {
        var squares = a * a + b * b;
        if (squares is > 1e-290 and < 1e290)
        {
            return Math.Sqrt(squares);
        }
        a = Math.Abs(a);
        b = Math.Abs(b);
        if (a < b)
        {
            (a, b) = (b, a);
        }
        if (a == 0.0)
        {
            return 0.0;
        }
        var ratio = b / a;
        return a * Math.Sqrt(1.0 + ratio * ratio);
    }
}
