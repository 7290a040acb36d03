using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Forecast.Server.Security;

/// <summary>
/// The configured key hashes. A presented key is hashed and compared in constant time with every stored
/// hash, so neither the keys nor how much of one matched can be learned from the configuration or timing.
/// </summary>
public sealed class ApiKeyStore(IOptions<SecurityOptions> options)
{
    private readonly (string Name, byte[] Hash)[] _keys = options.Value.ApiKeyHashes
        .Select(entry => (entry.Key, Convert.FromHexString(entry.Value.Trim())))
        .ToArray();

    /// <summary>The name of the client whose key this is, or null.</summary>
    public string? Identify(string presentedKey)
    {
        var presented = Hash(presentedKey);
        string? match = null;
        foreach (var (name, hash) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                match = name;
            }
        }
        return match;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The form stored in configuration: lower-case hex of the SHA-256 of the key's UTF-8 bytes.</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    public static bool IsWellFormedHash(string? hex) =>
        hex is not null && hex.Trim().Length == 64 && hex.Trim().All(char.IsAsciiHexDigit);
}
