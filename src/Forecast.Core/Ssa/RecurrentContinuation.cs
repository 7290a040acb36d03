using System.Numerics;
using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The recurrent continuation x_{d+h} = sum_{j&lt;d} a_j x_{h+j} (d = the LRR order) in place, every value bit for bit
/// <see cref="VectorOps.Dot"/>(a, x[h .. h+d)).
/// <para>
/// Speed (perf): Dot sums the whole vectors of its terms in two accumulators and the last d mod w terms (w the
/// vector width) one by one. The d steps of one output are independent of the outputs still to come except through
/// its last terms, so when d mod w &gt;= 3 the whole-vector sums of four successive outputs only read known values:
/// they are formed together, sharing every load of a (eight independent sums instead of two waiting on add latency),
/// and each output then adds its scalar terms once the outputs before it are known.
/// </para>
/// </summary>
internal static class RecurrentContinuation
{
    /// <summary>Fills buffer[d .. d + horizon) from buffer[0 .. d) with the coefficients a (length d).</summary>
    public static void Continue(ReadOnlySpan<double> coefficients, Span<double> buffer, int horizon)
    {
        var order = coefficients.Length;
        var width = Vector<double>.Count;
        var vectors = order / width;
        var whole = vectors * width;
        var h = 0;
        if (Vector.IsHardwareAccelerated && order >= 2 * width && order - whole >= 3)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(coefficients[..whole]);
            ref var start = ref MemoryMarshal.GetReference(buffer);
            for (; h + 4 <= horizon; h += 4)
            {
                Vector<double> a0 = Vector<double>.Zero, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                var k = 0;
                for (; k + 1 < vectors; k += 2)
                {
                    var x0 = va[k];
                    var x1 = va[k + 1];
                    var at = (nuint)(h + k * width);
                    var next = at + (nuint)width;
                    a0 += x0 * Vector.LoadUnsafe(ref start, at);
                    b0 += x1 * Vector.LoadUnsafe(ref start, next);
                    a1 += x0 * Vector.LoadUnsafe(ref start, at + 1);
                    b1 += x1 * Vector.LoadUnsafe(ref start, next + 1);
                    a2 += x0 * Vector.LoadUnsafe(ref start, at + 2);
                    b2 += x1 * Vector.LoadUnsafe(ref start, next + 2);
                    a3 += x0 * Vector.LoadUnsafe(ref start, at + 3);
                    b3 += x1 * Vector.LoadUnsafe(ref start, next + 3);
                }
                if (k < vectors)
                {
                    var at = (nuint)(h + k * width);
                    a0 += va[k] * Vector.LoadUnsafe(ref start, at);
                    a1 += va[k] * Vector.LoadUnsafe(ref start, at + 1);
                    a2 += va[k] * Vector.LoadUnsafe(ref start, at + 2);
                    a3 += va[k] * Vector.LoadUnsafe(ref start, at + 3);
                }
                buffer[order + h] = AddScalarTerms(Vector.Sum(a0 + b0), coefficients, buffer.Slice(h, order), whole);
                buffer[order + h + 1] = AddScalarTerms(Vector.Sum(a1 + b1), coefficients, buffer.Slice(h + 1, order), whole);
                buffer[order + h + 2] = AddScalarTerms(Vector.Sum(a2 + b2), coefficients, buffer.Slice(h + 2, order), whole);
                buffer[order + h + 3] = AddScalarTerms(Vector.Sum(a3 + b3), coefficients, buffer.Slice(h + 3, order), whole);
            }
        }
        for (; h < horizon; h++)
        {
            buffer[order + h] = VectorOps.Dot(coefficients, buffer.Slice(h, order));
        }
    }

    private static double AddScalarTerms(double sum, ReadOnlySpan<double> coefficients, ReadOnlySpan<double> window, int from)
    {
        for (var i = from; i < coefficients.Length; i++)
        {
            sum += coefficients[i] * window[i];
        }
        return sum;
    }
}
