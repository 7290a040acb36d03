using Forecast.Server.Transport;

namespace Forecast.Server.Tests.Transport;

public sealed class LargeBlockMemoryPoolTests
{
    private const int BlockBytes = 64 * 1024;

    [Fact]
    public void Rent_AnySizeUpToTheBlock_WholeBlock()
    {
        using var pool = new LargeBlockMemoryPool(BlockBytes);

        using var small = pool.Rent(1);
        using var unspecified = pool.Rent();
        using var exact = pool.Rent(BlockBytes);

        // A pipe uses all of a segment's memory, so every rent must be a whole block.
        Assert.Equal(BlockBytes, pool.MaxBufferSize);
        Assert.All(new[] { small, unspecified, exact }, owner => Assert.Equal(BlockBytes, owner.Memory.Length));
    }

    [Fact]
    public void Rent_AfterDispose_ReusesTheSameBlock()
    {
        using var pool = new LargeBlockMemoryPool(BlockBytes);
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();

        using var second = pool.Rent();

        Assert.Same(first, second);
        Assert.Equal(42, second.Memory.Span[0]);
        Assert.Equal(0, pool.IdleBlockCount);
    }

    [Fact]
    public void Dispose_Twice_PoolsTheBlockOnce()
    {
        using var pool = new LargeBlockMemoryPool(BlockBytes);
        var block = pool.Rent();

        block.Dispose();
        block.Dispose();

        // Pooled twice, two later renters would share one buffer.
        Assert.Equal(1, pool.IdleBlockCount);
        using var first = pool.Rent();
        using var second = pool.Rent();
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Rent_LargerThanABlock_ServedAndNeverPooled()
    {
        using var pool = new LargeBlockMemoryPool(BlockBytes);

        var large = pool.Rent(BlockBytes + 1);
        large.Dispose();

        Assert.True(large.Memory.Length >= BlockBytes + 1);
        Assert.Equal(0, pool.IdleBlockCount);
    }

    [Fact]
    public void Dispose_ManyBlocks_KeepsAtMostTheRetainedCount()
    {
        using var pool = new LargeBlockMemoryPool(4096);
        var blocks = Enumerable.Range(0, LargeBlockMemoryPool.RetainedBlocks + 10).Select(_ => pool.Rent()).ToList();

        blocks.ForEach(block => block.Dispose());

        Assert.Equal(LargeBlockMemoryPool.RetainedBlocks, pool.IdleBlockCount);
    }

    [Fact]
    public void Rent_FromManyThreads_NoBlockHandedOutTwice()
    {
        using var pool = new LargeBlockMemoryPool(4096);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<object, int>(ReferenceEqualityComparer.Instance);
        var overlaps = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var block = pool.Rent();
            if (!seen.TryAdd(block, 0))
            {
                Interlocked.Increment(ref overlaps);
            }
            seen.TryRemove(block, out var _);
            block.Dispose();
        });

        Assert.Equal(0, overlaps);
    }
}
