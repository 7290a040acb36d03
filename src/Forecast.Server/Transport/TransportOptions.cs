namespace Forecast.Server.Transport;

/// <summary>How Kestrel buffers bytes on their way to and from sockets (section "Transport", env <c>Transport__...</c>).</summary>
public sealed class TransportOptions
{
    public const string SectionName = "Transport";

    public const int DefaultBlockBytes = 64 * 1024;
    public const int MinimumBlockBytes = 4 * 1024;
    public const int MaximumBlockBytes = 1024 * 1024;

    /// <summary>
    /// Size of the blocks Kestrel's pipes are built from. 64 KiB holds a 1,000-point forecast with its trend (~56 KB) in
    /// one block. 0 = Kestrel's own pool of 4 KiB blocks. Allowed: 0 or 4,096 .. 1,048,576.
    /// </summary>
    public int BlockBytes { get; set; } = DefaultBlockBytes;

    public bool IsValid => BlockBytes == 0 || BlockBytes is >= MinimumBlockBytes and <= MaximumBlockBytes;
}
