using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// The block device (one FIFO queue shared by every reader and writer) and where swap goes. The default models an
/// SD card: 10 MB/s sequential, ~1.5 ms for a random 4 KiB write.
/// </summary>
public sealed record StorageSpec
{
    /// <summary>Device name in reports.</summary>
    public string Name { get; init; } = "mmcblk0";

    /// <summary>Sequential transfer rate, MB/s.</summary>
    [Limits(0, 1_000_000, MinExclusive = true)]
    public double SequentialMBps { get; init; } = 10;

    /// <summary>Fixed cost of one write request (a random 4 KiB write costs this plus its transfer), ms.</summary>
    [Limits(0, 60_000)]
    public double WriteRequestMs { get; init; } = 1.1;

    /// <summary>Fixed cost of one read request, ms.</summary>
    [Limits(0, 60_000)]
    public double ReadRequestMs { get; init; } = 0.3;

    /// <summary>Where swapped-out anonymous pages go.</summary>
    public SwapBackend Swap { get; init; } = SwapBackend.Disk;

    /// <summary>zram: CPU time to compress or decompress one page, ns.</summary>
    [Limits(0, Bounds.MaxStepNs)]
    public long ZramPageNs { get; init; } = 15_000;
}
