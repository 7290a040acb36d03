using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf;
using Microsoft.Extensions.Caching.Hybrid;

namespace Forecast.Server.Caching;

/// <summary>
/// A cached response as the in-process cache holds it: the parsed message itself, so an L1 hit costs a
/// dictionary lookup and no parsing. Marked immutable so HybridCache keeps the instance instead of bytes;
/// nobody may mutate a response after it left the cache (handlers only read it or embed it).
/// </summary>
[ImmutableObject(true)]
public sealed class CachedResponse<TResponse>(TResponse message, bool fromDistributedCache)
    where TResponse : IMessage<TResponse>
{
    public TResponse Message { get; } = message;

    /// <summary>True when this instance was read from Redis (L2), false when it was computed here.</summary>
    public bool FromDistributedCache { get; } = fromDistributedCache;
}

/// <summary>The Redis value of a <see cref="CachedResponse{TResponse}"/>: the response's protobuf bytes.</summary>
internal sealed class CachedResponseSerializer<TResponse>(MessageParser<TResponse> parser) : IHybridCacheSerializer<CachedResponse<TResponse>>
    where TResponse : IMessage<TResponse>
{
    public CachedResponse<TResponse> Deserialize(ReadOnlySequence<byte> source) => new(parser.ParseFrom(source), fromDistributedCache: true);

    public void Serialize(CachedResponse<TResponse> value, IBufferWriter<byte> target) => value.Message.WriteTo(target);
}

/// <summary>Makes a <see cref="CachedResponseSerializer{TResponse}"/> for any generated response type.</summary>
internal sealed class CachedResponseSerializerFactory : IHybridCacheSerializerFactory
{
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Generated protobuf messages keep their static Parser.")]
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = null;
        var type = typeof(T);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(CachedResponse<>))
        {
            return false;
        }
        var message = type.GetGenericArguments()[0];
        var parser = message.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        if (parser is null)
        {
            return false;
        }
        var serializerType = typeof(CachedResponseSerializer<>).MakeGenericType(message);
        serializer = (IHybridCacheSerializer<T>)Activator.CreateInstance(serializerType, parser)!;
        return true;
    }
}
