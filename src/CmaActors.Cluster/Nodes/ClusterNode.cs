using Akka.Actor;
using AkkaCluster = Akka.Cluster.Cluster;

namespace CmaActors.Cluster.Nodes;

/// <summary>One node of the cluster: an actor system with Akka.Cluster, joining the seed nodes it was given.</summary>
public sealed class ClusterNode : IDisposable
{
    private ClusterNode(ActorSystem system, NodeSettings settings)
    {
        System = system;
        Settings = settings;
        Cluster = AkkaCluster.Get(system);
    }

    /// <summary>The node's actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The settings it was started with.</summary>
    public NodeSettings Settings { get; }

    /// <summary>Akka.Cluster on this node.</summary>
    public AkkaCluster Cluster { get; }

    /// <summary>The node's address in the cluster (with the port actually bound).</summary>
    public Address Address => Cluster.SelfAddress;

    /// <summary>"host:port" of <see cref="Address"/>.</summary>
    public string HostPort => $"{Address.Host}:{Address.Port}";

    /// <summary>Starts a node; it joins its seed nodes in the background.</summary>
    /// <exception cref="ClusterNodeException">The node could not start (port in use, bad host).</exception>
    public static ClusterNode Start(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(ClusterConfig.SystemName, ClusterConfig.For(settings));
        }
        catch (Exception e)
        {
            var inner = e;
            while (inner.InnerException is not null) inner = inner.InnerException;
            throw new ClusterNodeException($"cannot start a cluster node on {settings.BindHost ?? settings.Host}:{settings.Port}: {inner.Message}");
        }

        return new ClusterNode(system, settings);
    }

    /// <summary>Completes when this node is a member that is up (joined and seen by all), or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUpAsync(TimeSpan timeout, CancellationToken cancel = default)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(timeout, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var seeds = string.Join(", ", Settings.Seeds);
            throw new ClusterNodeException($"could not join the cluster at {seeds} within {timeout.TotalSeconds:0} s (is a node listening there?)");
        }
    }

    /// <summary>Leaves the cluster and stops the node (coordinated shutdown).</summary>
    public Task LeaveAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);

    /// <summary>
    /// Stops the actor system now. With <see cref="NodeSettings.LeaveOnTerminate"/> off this does not leave the
    /// cluster: the other nodes see the node vanish, as when its process is killed.
    /// </summary>
    public Task TerminateAsync() => System.Terminate();

    /// <inheritdoc />
    public void Dispose()
    {
        if (!System.WhenTerminated.IsCompleted)
            System.Terminate().Wait(TimeSpan.FromSeconds(30));
    }
}

/// <summary>A node that cannot start or join; the message says why.</summary>
public sealed class ClusterNodeException(string message) : Exception(message);
