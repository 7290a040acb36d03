using Forecast.Contracts.V1;
using Forecast.Core;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Caching;

public sealed class CacheKeyBuilderTests
{
    private static CacheKeyBuilder Keys(string secret = "s", CacheKeyHash hash = CacheKeyHash.XxHash128, string engine = EngineVersion.Current) =>
        new(new CachingOptions { KeyPrefix = "p:", KeySecret = secret, KeyHash = hash }, engine);

    [Fact]
    public void For_Request_PrefixEngineVersionTypeAnd128BitHex()
    {
        var key = Keys().For(CacheReplica.Request(1));

        Assert.Matches($"^p:{EngineVersion.Current.Replace(".", "\\.", StringComparison.Ordinal)}:ForecastRequest:[0-9a-f]{{32}}$", key);
    }

    [Fact]
    public void For_CacheControlDiffers_SameKeyAndControlRestored()
    {
        var refresh = CacheReplica.Request(1, control: CacheControl.Refresh);

        var key = Keys().For(refresh);

        Assert.Equal(Keys().For(CacheReplica.Request(1, control: CacheControl.Unspecified)), key);
        Assert.Equal(CacheControl.Refresh, refresh.CacheControl);
    }

    [Fact]
    public void For_OneValueDiffers_DifferentKey()
    {
        var other = CacheReplica.Request(1);
        other.Series.Values[50] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(other.Series.Values[50]) + 1); // 1 ulp

        Assert.NotEqual(Keys().For(CacheReplica.Request(1)), Keys().For(other));
    }

    [Fact]
    public void For_SecretOrEngineOrHashDiffers_DifferentKey()
    {
        var request = CacheReplica.Request(1);
        var baseline = Keys().For(request);

        Assert.NotEqual(baseline, Keys(secret: "other").For(request));
        Assert.NotEqual(baseline, Keys(engine: "0.0.1").For(request));
        Assert.Matches("^p:.*:ForecastRequest:[0-9a-f]{64}$", Keys(hash: CacheKeyHash.Sha256).For(request));
    }

    [Fact]
    public void Hash_KnownInput_MatchesTheReferenceAlgorithms()
    {
        var bytes = "abc"u8.ToArray();
        var seed = unchecked((long)System.IO.Hashing.XxHash3.HashToUInt64("s"u8));

        // References: System.IO.Hashing's XXH3-128 with the seed derived from the secret, and .NET's HMAC-SHA-256.
        Assert.Equal(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes, seed)), Keys().Hash(bytes));
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("s"u8, bytes)),
            Keys(hash: CacheKeyHash.Sha256).Hash(bytes));
    }
}
