using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// Scratch doubles starting on a 64-byte (cache-line) boundary, for kernels whose vector loads would otherwise
/// straddle cache lines. Speed (perf): the lag-covariance product at L = 365 loads rows at every 8-byte offset, and
/// the half of its 32-byte loads that crossed a line made it 13% slower (6.8 against 5.9 us per product).
/// <para>
/// Each thread keeps up to <see cref="Slots"/> pinned buffers (pinned arrays never move, so the offset to the boundary
/// stays valid) of up to <see cref="KeptDoubles"/> each, so nested users (a Lanczos basis and the operator product it
/// calls) each get aligned memory; a larger request, or one made while all the thread's buffers are lent, gets pooled
/// memory with the same layout but no alignment promise.
/// </para>
/// </summary>
internal static class AlignedScratch
{
    /// <summary>2 MB per buffer at most (an L = 365 lag-covariance with padded rows is 1.07 MB).</summary>
    public const int KeptDoubles = 1 << 18;

    /// <summary>Buffers a thread may have lent at once.</summary>
    public const int Slots = 4;

    private const int AlignmentDoubles = 8;

    [ThreadStatic]
    private static double[]?[]? _buffers;

    /// <summary>Bit i set while slot i is lent.</summary>
    [ThreadStatic]
    private static int _lent;

    /// <summary>At least <paramref name="length"/> doubles (contents unspecified); dispose the lease to give them back.</summary>
    public static Lease Rent(int length)
    {
        var slot = length <= KeptDoubles ? System.Numerics.BitOperations.TrailingZeroCount(~_lent) : Slots;
        if (slot < Slots)
        {
            var buffers = _buffers ??= new double[]?[Slots];
            if (buffers[slot] is not { } kept || kept.Length < length + AlignmentDoubles)
            {
                // Grown in powers of two, so a thread that only ever needs small matrices keeps a small buffer.
                var size = (int)Math.Min(KeptDoubles, BitOperations.RoundUpToPowerOf2((uint)length));
                buffers[slot] = GC.AllocateUninitializedArray<double>(size + AlignmentDoubles, pinned: true);
            }
            var buffer = buffers[slot]!;
            var address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
            var offset = (int)((64 - address % 64) % 64 / sizeof(double));
            _lent |= 1 << slot;
            return new Lease(buffer.AsMemory(offset, length), pooled: null, slot);
        }
        return RentPooled(length);
    }

    /// <summary>Pooled doubles in the same kind of lease, without alignment (small matrices gain nothing from it).</summary>
    public static Lease RentPooled(int length)
    {
        var pooled = ArrayPool<double>.Shared.Rent(length);
        return new Lease(pooled.AsMemory(0, length), pooled, slot: -1);
    }

    /// <summary>
    /// The smallest multiple of a cache line's doubles at least <paramref name="length"/>: a row stride that keeps every
    /// row aligned.
    /// </summary>
    public static int PaddedStride(int length) => (length + AlignmentDoubles - 1) / AlignmentDoubles * AlignmentDoubles;

    public readonly struct Lease(Memory<double> memory, double[]? pooled, int slot) : IDisposable
    {
        public Memory<double> Memory { get; } = memory;

        public void Dispose()
        {
            if (pooled is null)
            {
                _lent &= ~(1 << slot);
            }
            else
            {
                ArrayPool<double>.Shared.Return(pooled);
            }
        }
    }
}
