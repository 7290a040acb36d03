using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// y T for a complex row y and an upper triangular complex matrix T, real and imaginary parts apart, T by rows with a
/// stride padded to whole vectors (<see cref="PaddedStride"/>) and zeros below the diagonal and in the padding.
/// <para>
/// Every result is the same to the bit as the plain row-by-row sum (<see cref="MultiplyByRows"/>): result k starts at +0
/// and adds (a c - b d, b c + a d) for i = 0..k in order. Speed (perf): the vector route holds four results in registers
/// over all rows instead of loading and storing them once per row; in the diagonal block a lane left of the diagonal
/// adds +0, which leaves any sum as it was (a sum that starts at +0 never becomes -0), and no 0 * inf can enter it.
/// </para>
/// </summary>
internal static class TriangularRowProduct
{
    public static int PaddedStride(int rank) => (rank + 3) & ~3;

    /// <summary>result = row T for the leading <paramref name="rank"/> columns; the results are overwritten.</summary>
    public static void Multiply(ReadOnlySpan<double> rowReal, ReadOnlySpan<double> rowImaginary, ReadOnlySpan<double> matrixReal,
        ReadOnlySpan<double> matrixImaginary, int rank, int stride, Span<double> resultReal, Span<double> resultImaginary)
    {
        var needed = (rank - 1) * stride + PaddedStride(rank);
        if (rank > 0 && (stride < PaddedStride(rank) || matrixReal.Length < needed || matrixImaginary.Length < needed
            || rowReal.Length < rank || rowImaginary.Length < rank || resultReal.Length < rank || resultImaginary.Length < rank))
        {
            throw new ArgumentException("The matrix must hold rank rows of a stride padded to whole vectors, and the rows rank entries.", nameof(stride));
        }
        if (!Vector256.IsHardwareAccelerated)
        {
            MultiplyByRows(rowReal, rowImaginary, matrixReal, matrixImaginary, rank, stride, resultReal, resultImaginary);
            return;
        }
        ref var tReal = ref MemoryMarshal.GetReference(matrixReal);
        ref var tImaginary = ref MemoryMarshal.GetReference(matrixImaginary);
        var lanes = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        for (var first = 0; first < rank; first += 4)
        {
            var sumReal = Vector256<double>.Zero;
            var sumImaginary = Vector256<double>.Zero;
            // Rows above the block: every lane's term is one of its sum's terms.
            for (var i = 0; i < first; i++)
            {
                var c = Vector256.Create(rowReal[i]);
                var d = Vector256.Create(rowImaginary[i]);
                var a = Vector256.LoadUnsafe(ref tReal, (nuint)(i * stride + first));
                var b = Vector256.LoadUnsafe(ref tImaginary, (nuint)(i * stride + first));
                sumReal += (a * c) - (b * d);
                sumImaginary += (b * c) + (a * d);
            }
            // Rows within the block: only the lanes on or right of the diagonal take a term.
            var last = Math.Min(first + 4, rank);
            for (var i = first; i < last; i++)
            {
                var c = Vector256.Create(rowReal[i]);
                var d = Vector256.Create(rowImaginary[i]);
                var a = Vector256.LoadUnsafe(ref tReal, (nuint)(i * stride + first));
                var b = Vector256.LoadUnsafe(ref tImaginary, (nuint)(i * stride + first));
                var onOrRight = Vector256.GreaterThanOrEqual(lanes, Vector256.Create((double)(i - first)));
                sumReal += Vector256.ConditionalSelect(onOrRight, (a * c) - (b * d), Vector256<double>.Zero);
                sumImaginary += Vector256.ConditionalSelect(onOrRight, (b * c) + (a * d), Vector256<double>.Zero);
            }
            if (first + 4 <= rank)
            {
                sumReal.StoreUnsafe(ref MemoryMarshal.GetReference(resultReal), (nuint)first);
                sumImaginary.StoreUnsafe(ref MemoryMarshal.GetReference(resultImaginary), (nuint)first);
                continue;
            }
            for (var k = first; k < rank; k++)
            {
                resultReal[k] = sumReal.GetElement(k - first);
                resultImaginary[k] = sumImaginary.GetElement(k - first);
            }
        }
    }

    /// <summary>The reference: results cleared, then row i of T times y_i added to them for i = 0..rank-1.</summary>
    internal static void MultiplyByRows(ReadOnlySpan<double> rowReal, ReadOnlySpan<double> rowImaginary, ReadOnlySpan<double> matrixReal,
        ReadOnlySpan<double> matrixImaginary, int rank, int stride, Span<double> resultReal, Span<double> resultImaginary)
    {
        resultReal[..rank].Clear();
        resultImaginary[..rank].Clear();
        for (var i = 0; i < rank; i++)
        {
            VectorOps.AddScaledComplex(matrixReal.Slice(i * stride + i, rank - i), matrixImaginary.Slice(i * stride + i, rank - i), rowReal[i], rowImaginary[i],
                resultReal[i..rank], resultImaginary[i..rank]);
        }
    }
}
