using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Forecast.Server.Transport;

/// <summary>
/// A pool of pinned byte blocks larger than Kestrel's own 4 KiB ones, for Kestrel's socket and HTTP/2 pipes.
/// Speed (perf): a cache hit with its trend is ~56 KB. In 4 KiB blocks its serialisation takes ~14 pipe segments
/// (each a locked GetSpan/Advance through the HTTP/2 output producer), the frame writer copies it segment by
/// segment, and requests arrive one 4 KiB read per system call. A pipe takes whole blocks, so one block holds it.
/// Idle blocks beyond <see cref="RetainedBlocks"/> go back to the garbage collector, so a burst does not stay resident.
/// </summary>
public sealed class LargeBlockMemoryPool(int blockBytes) : MemoryPool<byte>
{
    /// <summary>Blocks kept for reuse once returned (at 64 KiB: 16 MiB); more are left to the collector.</summary>
    public const int RetainedBlocks = 256;

    private readonly ConcurrentQueue<Block> _idle = new();

    public override int MaxBufferSize => blockBytes;

    /// <summary>Returned blocks waiting to be rented again.</summary>
    public int IdleBlockCount => _idle.Count;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > blockBytes)
        {
            // Never asked by the pipes (they go to the array pool above MaxBufferSize); served, not pooled.
            return new Block(this, minBufferSize, pooled: false);
        }
        return _idle.TryDequeue(out var block) ? block.Reuse() : new Block(this, blockBytes, pooled: true);
    }

    protected override void Dispose(bool disposing) => _idle.Clear();

    private void Return(Block block)
    {
        if (_idle.Count < RetainedBlocks)
        {
            _idle.Enqueue(block);
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool, int length, bool pooled) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        private int _rented = 1;

        public Memory<byte> Memory => MemoryMarshal.CreateFromPinnedArray(_array, 0, _array.Length);

        public Block Reuse()
        {
            _rented = 1;
            return this;
        }

        public void Dispose()
        {
            // Pipes dispose each segment once; the guard keeps a double dispose from pooling a block twice.
            if (Interlocked.Exchange(ref _rented, 0) == 1 && pooled)
            {
                pool.Return(this);
            }
        }
    }
}
