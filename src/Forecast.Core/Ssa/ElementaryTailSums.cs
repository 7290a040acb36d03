using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Ssa;

/// <summary>
/// The last L values of every elementary reconstruction at a forecast origin o, kept as running anti-diagonal sums
/// so that successive origins of a validation add only their new columns.
/// <para>
/// With coordinates v_i[j] = &lt;U_i, X_j&gt; of the columns j &lt;= C = o - L, the hankelisation of component i at
/// t in [o - L, o) is the mean of u_i[t - j] v_i[j] over the columns j in [max(0, t - L + 1), C]. Column j adds
/// v_i[j] u_i to the entries t = j .. j + L - 1 (an axpy), so the sum of entry t collects its columns in ascending
/// order whether they arrive at one origin or across several: moving from o to o + s costs s L multiply-adds per
/// component instead of L^2 / 2 (speed, perf), and gives the same bits as a fresh computation at o + s.
/// </para>
/// </summary>
internal sealed class ElementaryTailSums(int windowLength, int components)
{
    // _sums[i][t - _start] for t in [_start, _start + L): columns below _nextColumn are in.
    private readonly double[][] _sums = new double[components][];
    // The number of columns in each entry's sum at the current origin (as doubles, the divisors of the means).
    private readonly double[] _counts = new double[windowLength];
    private int _start = -1;
    private int _nextColumn;
    private int _addFrom;
    // u_i with Margin zeros before and after it (see Add).
    private readonly double[] _paddedVector = new double[windowLength + 2 * Margin];

    /// <summary>Entries per register block, and the zeros on each side of the padded vector.</summary>
    private const int Margin = 32;

    /// <summary>
    /// Moves to <paramref name="origin"/>. <paramref name="continues"/>: the series agrees with the one the sums
    /// came from, so an origin at or after the previous one keeps them. Returns the first column whose coordinates
    /// <see cref="Add"/> must be given (through o - L).
    /// </summary>
    public int MoveTo(int origin, bool continues)
    {
        var start = origin - windowLength;
        var firstColumn = Math.Max(0, origin - 2 * windowLength + 1);
        var shift = start - _start;
        var keep = continues && _start >= 0 && shift >= 0;
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] ??= new double[windowLength];
            if (!keep || shift >= windowLength)
            {
                Array.Clear(_sums[i]);
            }
            else if (shift > 0)
            {
                // Entries before the new tail are never read again.
                _sums[i].AsSpan(shift).CopyTo(_sums[i]);
                _sums[i].AsSpan(windowLength - shift).Clear();
            }
        }
        // Columns below the new first column add only to entries before the new tail.
        _addFrom = keep ? Math.Max(_nextColumn, firstColumn) : firstColumn;
        _nextColumn = start + 1;
        _start = start;
        for (var s = 0; s < windowLength; s++)
        {
            _counts[s] = Math.Min(windowLength - 1, start + s - firstColumn) - s + 1;
        }
        return _addFrom;
    }

    /// <summary>
    /// Adds the columns from <see cref="MoveTo"/>'s answer through o - L, given their coordinates with vector u_i.
    /// Speed (perf): entry t takes v_i[j] u_i[t - j] for its columns j in ascending order, as the column-by-column axpys
    /// (<see cref="AddByColumns"/>) give it, but 32 entries at a time stay in registers over all columns instead of
    /// being loaded and stored once per column. u_i is read from a copy with <see cref="Margin"/> zeros on each side, so
    /// an entry outside a column's reach adds v_i[j] * 0 = +-0, which leaves its sum as it was (a sum that starts at +0
    /// never becomes -0): the same bits.
    /// </summary>
    public void Add(int component, ReadOnlySpan<double> u, ReadOnlySpan<double> coordinates)
    {
        if (!Vector256.IsHardwareAccelerated || coordinates.IsEmpty)
        {
            AddByColumns(component, u, coordinates);
            return;
        }
        var padded = _paddedVector.AsSpan();
        padded.Clear();
        u[..windowLength].CopyTo(padded[Margin..]);
        var sums = _sums[component].AsSpan();
        var first = 0;
        for (; first + Margin <= windowLength; first += Margin)
        {
            AddToBlock(sums, padded, coordinates, first);
        }
        AddToRest(sums, padded, coordinates, first);
    }

    /// <summary>Entries first .. first + 31 over their columns, eight vectors of sums in registers.</summary>
    private void AddToBlock(Span<double> sums, ReadOnlySpan<double> padded, ReadOnlySpan<double> coordinates, int first)
    {
        var (low, high) = Columns(first, first + Margin - 1, coordinates.Length);
        ref var sum = ref MemoryMarshal.GetReference(sums);
        ref var vector = ref MemoryMarshal.GetReference(padded);
        var s0 = Vector256.LoadUnsafe(ref sum, (nuint)first);
        var s1 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 4));
        var s2 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 8));
        var s3 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 12));
        var s4 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 16));
        var s5 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 20));
        var s6 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 24));
        var s7 = Vector256.LoadUnsafe(ref sum, (nuint)(first + 28));
        for (var k = low; k <= high; k++)
        {
            var coordinate = Vector256.Create(coordinates[k]);
            // u[t - j] for t = _start + first + lane, j = _addFrom + k.
            var at = (nuint)(Margin + _start + first - _addFrom - k);
            s0 += coordinate * Vector256.LoadUnsafe(ref vector, at);
            s1 += coordinate * Vector256.LoadUnsafe(ref vector, at + 4);
            s2 += coordinate * Vector256.LoadUnsafe(ref vector, at + 8);
            s3 += coordinate * Vector256.LoadUnsafe(ref vector, at + 12);
            s4 += coordinate * Vector256.LoadUnsafe(ref vector, at + 16);
            s5 += coordinate * Vector256.LoadUnsafe(ref vector, at + 20);
            s6 += coordinate * Vector256.LoadUnsafe(ref vector, at + 24);
            s7 += coordinate * Vector256.LoadUnsafe(ref vector, at + 28);
        }
        s0.StoreUnsafe(ref sum, (nuint)first);
        s1.StoreUnsafe(ref sum, (nuint)(first + 4));
        s2.StoreUnsafe(ref sum, (nuint)(first + 8));
        s3.StoreUnsafe(ref sum, (nuint)(first + 12));
        s4.StoreUnsafe(ref sum, (nuint)(first + 16));
        s5.StoreUnsafe(ref sum, (nuint)(first + 20));
        s6.StoreUnsafe(ref sum, (nuint)(first + 24));
        s7.StoreUnsafe(ref sum, (nuint)(first + 28));
    }

    /// <summary>The entries from <paramref name="first"/> on (fewer than 32), one at a time, each over its columns in order.</summary>
    private void AddToRest(Span<double> sums, ReadOnlySpan<double> padded, ReadOnlySpan<double> coordinates, int first)
    {
        for (var s = first; s < windowLength; s++)
        {
            var (low, high) = Columns(s, s, coordinates.Length);
            var total = sums[s];
            for (var k = low; k <= high; k++)
            {
                total += coordinates[k] * padded[Margin + _start + s - _addFrom - k];
            }
            sums[s] = total;
        }
    }

    /// <summary>
    /// The coordinates k whose column j = _addFrom + k reaches some entry in [first, last] (relative to the tail):
    /// t - L &lt; j &lt;= t. Empty (low &gt; high) when none does.
    /// </summary>
    private (int Low, int High) Columns(int first, int last, int count) =>
        (Math.Max(0, _start + first - windowLength + 1 - _addFrom), Math.Min(count - 1, _start + last - _addFrom));

    /// <summary>The reference: one axpy of u_i into the sums per column, columns in ascending order.</summary>
    internal void AddByColumns(int component, ReadOnlySpan<double> u, ReadOnlySpan<double> coordinates)
    {
        var sums = _sums[component];
        for (var k = 0; k < coordinates.Length; k++)
        {
            var column = _addFrom + k;
            var low = Math.Max(column, _start);
            VectorOps.AddScaled(sums.AsSpan(low - _start, column + windowLength - low), u[(low - column)..], coordinates[k]);
        }
    }

    /// <summary>
    /// Adds the last L values of component i's reconstruction at the origin (each sum over its number of columns) to
    /// <paramref name="target"/>. Lane-wise <see cref="Vector{T}"/> quotients and sums round as the scalar ones do.
    /// </summary>
    public void AddTail(int component, Span<double> target)
    {
        var sums = _sums[component];
        var s = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; s + Vector<double>.Count <= windowLength; s += Vector<double>.Count)
            {
                (new Vector<double>(target[s..]) + new Vector<double>(sums, s) / new Vector<double>(_counts, s)).CopyTo(target[s..]);
            }
        }
        for (; s < windowLength; s++)
        {
            target[s] += sums[s] / _counts[s];
        }
    }
}
