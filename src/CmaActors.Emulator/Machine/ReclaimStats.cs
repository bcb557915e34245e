namespace CmaActors.Emulator.Machine;

/// <summary>What kswapd did.</summary>
public sealed class ReclaimStats
{
    /// <summary>Times kswapd was woken.</summary>
    public long Wakeups;

    /// <summary>Shrink rounds over all processes.</summary>
    public long Rounds;

    /// <summary>Pages the processes freed for it.</summary>
    public long PagesReclaimed;
}
