using System.Runtime.InteropServices;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>The scratch promises a cache-line boundary for the thread's buffer, and falls back to the pool safely.</summary>
public sealed class AlignedScratchTests
{
    [Fact]
    public void Rent_StartsOnACacheLine_AndALeaseInUseIsNotLentTwice()
    {
        using var first = AlignedScratch.Rent(365 * 368);
        Assert.True(MemoryMarshal.TryGetArray<double>(first.Memory, out var segment));
        var address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array!, segment.Offset);
        Assert.Equal(0, address % 64);
        Assert.Equal(365 * 368, first.Memory.Length);

        // A second lease while the first is out must be other memory, aligned too (nested users: a Lanczos basis and
        // the operator product it calls).
        using var second = AlignedScratch.Rent(1000);
        Assert.True(MemoryMarshal.TryGetArray<double>(second.Memory, out var other));
        Assert.NotSame(segment.Array, other.Array);
        Assert.Equal(0, (long)Marshal.UnsafeAddrOfPinnedArrayElement(other.Array!, other.Offset) % 64);
    }

    [Fact]
    public void Rent_WithEverySlotLent_ComesFromThePool_AndAReturnedSlotIsLentAgain()
    {
        var leases = Enumerable.Range(0, AlignedScratch.Slots).Select(_ => AlignedScratch.Rent(64)).ToList();
        var arrays = leases.Select(l => MemoryMarshal.TryGetArray<double>(l.Memory, out var s) ? s.Array! : null).ToList();
        Assert.Equal(AlignedScratch.Slots, arrays.Distinct().Count());
        using (var extra = AlignedScratch.Rent(64))
        {
            Assert.True(MemoryMarshal.TryGetArray<double>(extra.Memory, out var pooled));
            Assert.DoesNotContain(pooled.Array, arrays);
        }
        leases[1].Dispose();
        using (var again = AlignedScratch.Rent(64))
        {
            Assert.True(MemoryMarshal.TryGetArray<double>(again.Memory, out var reused));
            Assert.Same(arrays[1], reused.Array);
        }
        foreach (var (lease, index) in leases.Select((l, i) => (l, i)).Where(p => p.i != 1))
        {
            lease.Dispose();
        }
    }

    [Fact]
    public void Rent_BeyondTheKeptSize_ComesFromThePool()
    {
        using var large = AlignedScratch.Rent(AlignedScratch.KeptDoubles + 1);
        Assert.Equal(AlignedScratch.KeptDoubles + 1, large.Memory.Length);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(365, 368)]
    public void PaddedStride_IsTheNextMultipleOfACacheLine(int length, int expected) =>
        Assert.Equal(expected, AlignedScratch.PaddedStride(length));
}
