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
            for (; h + 4 <= horizon; h += 4)
            {
                // Reads buffer[h .. h + whole + 2], all known: whole + 2 < order.
                var (s0, s1, s2, s3) = VectorOps.FourShiftedVectorSums(va, buffer, h);
                buffer[order + h] = VectorOps.FinishDot(s0, coefficients, buffer.Slice(h, order), whole);
                buffer[order + h + 1] = VectorOps.FinishDot(s1, coefficients, buffer.Slice(h + 1, order), whole);
                buffer[order + h + 2] = VectorOps.FinishDot(s2, coefficients, buffer.Slice(h + 2, order), whole);
                buffer[order + h + 3] = VectorOps.FinishDot(s3, coefficients, buffer.Slice(h + 3, order), whole);
            }
        }
        for (; h < horizon; h++)
        {
            buffer[order + h] = VectorOps.Dot(coefficients, buffer.Slice(h, order));
        }
    }
}
