using System.Security.Cryptography;
using Forecast.Core;
using Google.Protobuf;

namespace Forecast.Server.Caching;

/// <summary>
/// Key of a cached response: prefix, engine version, request type and the SHA-256 of the request's
/// protobuf encoding with its cache_control cleared (how to cache is not what to compute).
/// Protobuf's C# encoding is deterministic for messages without maps, which ours are.
/// </summary>
public static class CacheKey
{
    public static string For<TRequest>(TRequest request, string prefix)
        where TRequest : IMessage<TRequest>
    {
        var normalised = request;
        var cacheControl = request.Descriptor.FindFieldByName("cache_control");
        if (cacheControl is not null)
        {
            normalised = request.Clone();
            cacheControl.Accessor.Clear(normalised);
        }
        var hash = SHA256.HashData(normalised.ToByteArray());
        return $"{prefix}{EngineVersion.Current}:{request.Descriptor.Name}:{Convert.ToHexStringLower(hash)}";
    }
}
