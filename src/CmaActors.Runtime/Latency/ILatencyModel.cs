namespace CmaActors.Runtime;

/// <summary>
/// Cost model for message transport: the virtual nanoseconds between a send and its arrival.
/// </summary>
public interface ILatencyModel
{
    /// <summary>Nanoseconds added between a send from <paramref name="from"/> and its arrival at <paramref name="to"/> (at least 0).</summary>
    long LatencyNs(ActorId from, ActorId to);
}
