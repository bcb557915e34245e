namespace CmaActors.Emulator.Machine;

/// <summary>What the block device did: requests, pages moved, time busy.</summary>
public sealed class BlockDeviceStats
{
    /// <summary>Read requests served.</summary>
    public long Reads;

    /// <summary>Write requests served.</summary>
    public long Writes;

    /// <summary>Pages read.</summary>
    public long PagesRead;

    /// <summary>Pages written.</summary>
    public long PagesWritten;

    /// <summary>Virtual time spent serving requests, ns.</summary>
    public long BusyNs;
}
