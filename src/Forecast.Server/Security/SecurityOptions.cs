namespace Forecast.Server.Security;

/// <summary>
/// Authentication of callers (section "Security", env <c>Security__...</c>). Off unless keys are configured
/// or <see cref="RequireAuthentication"/> is set; then every Forecast service call needs a valid key in the
/// <c>x-api-key</c> header, while health and reflection stay open.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public const string ApiKeyHeader = "x-api-key";

    /// <summary>
    /// Client name -> SHA-256 of that client's key, as 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).
    /// Only hashes are stored, so a leaked configuration does not leak keys. The name identifies the client
    /// for rate limiting. Env: <c>Security__ApiKeyHashes__analytics=9f86d0...</c>.
    /// </summary>
    public Dictionary<string, string> ApiKeyHashes { get; set; } = [];

    /// <summary>Refuse to start without keys; set in deployments so a missing secret cannot open the service.</summary>
    public bool RequireAuthentication { get; set; }

    public bool IsEnabled => RequireAuthentication || ApiKeyHashes.Count > 0;
}
