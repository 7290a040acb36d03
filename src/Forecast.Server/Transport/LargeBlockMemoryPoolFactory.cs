using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Forecast.Server.Transport;

/// <summary>Gives Kestrel <see cref="LargeBlockMemoryPool"/>s: Kestrel asks the registered <see cref="IMemoryPoolFactory{T}"/> for its pools.</summary>
public sealed class LargeBlockMemoryPoolFactory(int blockBytes) : IMemoryPoolFactory<byte>
{
    private int _created;

    public int BlockBytes => blockBytes;

    /// <summary>Pools handed out so far (Kestrel takes one per transport and listener).</summary>
    public int CreatedPools => Volatile.Read(ref _created);

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        Interlocked.Increment(ref _created);
        return new LargeBlockMemoryPool(blockBytes);
    }
}
