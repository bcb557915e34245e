namespace CmaActors.Emulator.Protocol.Load;

/// <summary>
/// Runner → load injector: stop injecting and hand out nothing more; requests already given to instances finish. The
/// load's clock stops too, so that a quiescence check costs no phase time and no request latency.
/// </summary>
public sealed record PauseLoad
{
    /// <summary>The one instance.</summary>
    public static readonly PauseLoad Instance = new();
}
