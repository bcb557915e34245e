namespace CmaActors.Emulator.Scenarios;

/// <summary>Where swapped-out anonymous pages go.</summary>
public enum SwapBackend
{
    /// <summary>A swap partition on the block device: a device write per swap-out, a read per swap-in.</summary>
    Disk,

    /// <summary>zram: compression on the CPU, no device I/O.</summary>
    Zram,
}
