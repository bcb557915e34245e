using CmaActors.Cluster.Jobs;

namespace CmaActors.Cluster.Nodes;

/// <summary>How to run a job on the cluster.</summary>
public sealed record CoordinatorOptions
{
    /// <summary>Seeds per work unit; 0 picks <see cref="ClusterJob.DefaultUnitSize"/> for 8 slots.</summary>
    public int UnitSize { get; init; }

    /// <summary>Fail when no worker node is up after this long.</summary>
    public TimeSpan NoWorkerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called on the coordinator's thread with each event (keep it short).</summary>
    public Action<JobEvent>? Events { get; init; }
}

/// <summary>Runs jobs across the worker nodes of a cluster from a node of it.</summary>
public static class ClusterCoordinator
{
    /// <summary>
    /// Runs <paramref name="job"/> on the worker nodes that <paramref name="node"/>'s cluster has (or gets), and returns
    /// the merged lines: the lines <see cref="LocalJobRunner.Run"/> gives for the same job.
    /// </summary>
    /// <exception cref="ClusterJobException">No worker came, a unit failed, or two nodes disagreed on a seed.</exception>
    public static async Task<JobOutcome> RunAsync(ClusterNode node, ClusterJob job, CoordinatorOptions? options = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        options ??= new CoordinatorOptions();
        var unitSize = options.UnitSize > 0 ? options.UnitSize : job.DefaultUnitSize(8);
        var done = new TaskCompletionSource<JobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var jobId = Guid.NewGuid().ToString("N")[..12];
        var coordinator = node.System.ActorOf(CoordinatorActor.Props(jobId, job, unitSize, done, options.Events, options.NoWorkerTimeout), $"job-{jobId}");
        await using (cancel.Register(() => node.System.Stop(coordinator)))
            return await done.Task.ConfigureAwait(false);
    }
}
