using System.Net;
using System.Net.Sockets;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Nodes;

namespace CmaActors.Cluster.Tests;

/// <summary>
/// Three worker nodes and a coordinator node on 127.0.0.1, each its own actor system in this process. A node dropped
/// with <see cref="KillAsync"/> stops without leaving the cluster, as a killed process does; the others find it
/// unreachable by their failure detectors.
/// </summary>
internal sealed class LocalCluster : IDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    private LocalCluster(IReadOnlyList<WorkerNode> workers, ClusterNode coordinator)
    {
        Workers = workers;
        Coordinator = coordinator;
    }

    public IReadOnlyList<WorkerNode> Workers { get; }

    public ClusterNode Coordinator { get; }

    public static async Task<LocalCluster> StartAsync(int workers = 3)
    {
        var seed = new NodeAddress("127.0.0.1", FreePort());
        NodeSettings Settings(int port) => new()
        {
            Host = "127.0.0.1",
            Port = port,
            Seeds = [seed],
            // Generous on a loaded two-core machine: a busy node must not be taken for a dead one.
            HeartbeatPause = TimeSpan.FromSeconds(6),
            StableAfter = TimeSpan.FromSeconds(4),
            LeaveOnTerminate = false,
            LogLevel = "ERROR",
        };

        var nodes = new List<WorkerNode> { WorkerNode.Start(Settings(seed.Port), JobKinds.Default(), slots: 1) };
        for (var i = 1; i < workers; i++)
            nodes.Add(WorkerNode.Start(Settings(0), JobKinds.Default(), slots: 1));
        var coordinator = ClusterNode.Start(Settings(0) with { Role = ClusterConfig.CoordinatorRole });
        var cluster = new LocalCluster(nodes, coordinator);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.Node.WaitUpAsync(JoinTimeout)).Append(coordinator.WaitUpAsync(JoinTimeout)));
        }
        catch
        {
            cluster.Dispose();
            throw;
        }

        return cluster;
    }

    public WorkerNode WorkerAt(Akka.Actor.Address address) => Workers.Single(w => w.Node.Address.Equals(address));

    public static async Task KillAsync(WorkerNode worker) => await worker.Node.TerminateAsync();

    public void Dispose()
    {
        Task.WaitAll(Workers.Select(w => w.Node.TerminateAsync()).Append(Coordinator.TerminateAsync()).ToArray(), TimeSpan.FromSeconds(30));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
