namespace CmaActors.Cluster.Nodes;

/// <summary>How to start a cluster node.</summary>
public sealed record NodeSettings
{
    /// <summary>The host other nodes reach this node at.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port (0: any free port; a seed node needs a fixed one).</summary>
    public int Port { get; init; }

    /// <summary>The address to listen on, when it differs from <see cref="Host"/> (0.0.0.0 in a container).</summary>
    public string? BindHost { get; init; }

    /// <summary>Seed nodes to join; a node that lists itself first starts the cluster.</summary>
    public IReadOnlyList<NodeAddress> Seeds { get; init; } = [];

    /// <summary>The node's role: <see cref="ClusterConfig.WorkerRole"/> or <see cref="ClusterConfig.CoordinatorRole"/>.</summary>
    public string Role { get; init; } = ClusterConfig.WorkerRole;

    /// <summary>
    /// How long a node may stay silent before the others mark it unreachable (Akka's
    /// <c>failure-detector.acceptable-heartbeat-pause</c>). 6 s rather than Akka's 3 s: a worker keeps every core busy
    /// with simulations, and a node taken for dead only costs its unit being run twice.
    /// </summary>
    public TimeSpan HeartbeatPause { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long the membership must be stable before the split-brain resolver downs the unreachable side; null: 20 s.</summary>
    public TimeSpan? StableAfter { get; init; }

    /// <summary>
    /// True (the default): terminating the actor system leaves the cluster first. False: it just stops, and the
    /// others find the node unreachable, as when its process dies.
    /// </summary>
    public bool LeaveOnTerminate { get; init; } = true;

    /// <summary>Akka's log level (ERROR, WARNING, INFO, DEBUG).</summary>
    public string LogLevel { get; init; } = "WARNING";

    /// <summary>This node's HOST:PORT.</summary>
    public NodeAddress Address => new(Host, Port);
}
