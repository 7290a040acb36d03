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

        // A second lease while the first is out must be other memory (the pool's).
        using var second = AlignedScratch.Rent(1000);
        Assert.True(MemoryMarshal.TryGetArray<double>(second.Memory, out var other));
        Assert.NotSame(segment.Array, other.Array);
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
