using Akka.Actor;
using CmaActors.Cluster.Jobs;

namespace CmaActors.Cluster.Nodes;

/// <summary>A worker node: a cluster node with the worker role and its worker actor, running units with <see cref="Slots"/> slots.</summary>
public sealed class WorkerNode : IDisposable
{
    private WorkerNode(ClusterNode node, int slots)
    {
        Node = node;
        Slots = slots;
    }

    /// <summary>The cluster node.</summary>
    public ClusterNode Node { get; }

    /// <summary>Units run at once.</summary>
    public int Slots { get; }

    /// <summary>Starts a worker node with <paramref name="slots"/> slots running <paramref name="kinds"/>; <paramref name="log"/> gets a line per unit.</summary>
    public static WorkerNode Start(NodeSettings settings, JobKinds kinds, int slots, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(kinds);
        if (slots < 1) throw new ArgumentException($"a worker needs at least one slot (got {slots})", nameof(slots));
        var node = ClusterNode.Start(settings with { Role = ClusterConfig.WorkerRole });
        node.System.ActorOf(WorkerActor.Props(kinds, slots, log), ClusterConfig.WorkerActorName);
        return new WorkerNode(node, slots);
    }

    /// <inheritdoc />
    public void Dispose() => Node.Dispose();
}
