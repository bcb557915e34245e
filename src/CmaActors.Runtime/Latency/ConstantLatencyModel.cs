namespace CmaActors.Runtime;

/// <summary>
/// A latency model with the same latency for every pair of actors.
/// </summary>
public sealed class ConstantLatencyModel : ILatencyModel
{
    /// <summary>Messages arrive at the virtual time they are sent.</summary>
    public static readonly ConstantLatencyModel Zero = new(0);

    /// <summary>Creates a model that adds <paramref name="latencyNs"/> to every send.</summary>
    public ConstantLatencyModel(long latencyNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latencyNs);
        Latency = latencyNs;
    }

    /// <summary>The latency of every send, in nanoseconds.</summary>
    public long Latency { get; }

    /// <inheritdoc />
    public long LatencyNs(ActorId from, ActorId to) => Latency;
}
