using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Forecast.Core;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Options;
using XxHash128 = System.IO.Hashing.XxHash128;
using XxHash3 = System.IO.Hashing.XxHash3;

namespace Forecast.Server.Caching;

/// <summary>
/// Key of a cached response: <c>{prefix}{engine version}:{request type}:{hash}</c>, where the hash covers
/// the request's protobuf encoding with <c>cache_control</c> cleared (how to cache is not what to compute).
/// Protobuf's C# encoding is deterministic for messages without maps, which ours are; the engine version
/// in the key means a new engine never serves an old engine's answer.
/// </summary>
/// <remarks>
/// Hash choice, the trade-off: a request of 10,000 points encodes to ~80 KB, and the key is computed on
/// every call, hits included. SHA-256 runs at ~1.5-2 GB/s even with SHA-NI (~40-50 µs for 80 KB), which
/// would dominate an in-process hit; XXH3-128 runs at ~20 GB/s (~4 µs). XXH3 is not cryptographic: 128
/// bits make accidental collisions negligible (~2^-64 among 2^32 entries), but someone who knows the seed
/// could craft two requests with one key and poison the cache. So the seed is derived from a per-deployment
/// secret (Caching:KeySecret) that clients never see, and deployments whose threat model needs a
/// cryptographic guarantee set Caching:KeyHash=Sha256 (HMAC-SHA-256 keyed with the same secret).
/// </remarks>
public sealed class CacheKeyBuilder
{
    private readonly string _prefix;
    private readonly CacheKeyHash _hash;
    private readonly long _seed;
    private readonly byte[] _secret;

    public CacheKeyBuilder(IOptions<CachingOptions> options)
        : this(options.Value, EngineVersion.Current)
    {
    }

    /// <summary>Also used by tests to play a different engine version.</summary>
    internal CacheKeyBuilder(CachingOptions options, string engineVersion)
    {
        _prefix = $"{options.KeyPrefix}{engineVersion}:";
        _hash = options.KeyHash;
        _secret = Encoding.UTF8.GetBytes(options.KeySecret);
        _seed = unchecked((long)XxHash3.HashToUInt64(_secret));
    }

    /// <summary>
    /// The key of <paramref name="request"/>. Its cache_control is cleared while it is encoded and restored
    /// afterwards, so the request must not be used by another thread meanwhile (a call owns its request).
    /// </summary>
    public string For<TRequest>(TRequest request)
        where TRequest : IMessage<TRequest>
    {
        var cacheControl = CacheControlField<TRequest>.Get(request);
        var saved = cacheControl?.Accessor.GetValue(request);
        cacheControl?.Accessor.Clear(request);
        var size = request.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var encoded = buffer.AsSpan(0, size);
            request.WriteTo(encoded);
            return _prefix + request.Descriptor.Name + ":" + Hash(encoded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (cacheControl is not null)
            {
                cacheControl.Accessor.SetValue(request, saved);
            }
        }
    }

    /// <summary>The hash of already encoded bytes, as lowercase hex (exposed for the benchmark).</summary>
    public string Hash(ReadOnlySpan<byte> encoded)
    {
        if (_hash == CacheKeyHash.Sha256)
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_secret, encoded, mac);
            return Convert.ToHexStringLower(mac);
        }
        Span<byte> digest = stackalloc byte[16];
        XxHash128.Hash(encoded, digest, _seed);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The cache_control field of a request type, looked up once per type.</summary>
    private static class CacheControlField<TRequest>
        where TRequest : IMessage<TRequest>
    {
        private static FieldDescriptor? _field;
        private static volatile bool _resolved;

        public static FieldDescriptor? Get(TRequest request)
        {
            if (!_resolved)
            {
                _field = request.Descriptor.FindFieldByName("cache_control");
                _resolved = true;
            }
            return _field;
        }
    }
}
