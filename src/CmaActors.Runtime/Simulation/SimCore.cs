namespace CmaActors.Runtime;

/// <summary>One core of the simulation: when its last handler ended, who spins on it, and the actors placed on it.</summary>
internal sealed class SimCore(int index)
{
    public int Index { get; } = index;

    /// <summary>Virtual time at which the last handler run on this core ended.</summary>
    public long FreeAtNs;

    /// <summary>The actor that keeps the core while it waits spinning, if any.</summary>
    public ActorSlot? Holder;

    /// <summary>Actors placed on this core, in placement order.</summary>
    public List<ActorSlot> Members { get; } = [];
}
