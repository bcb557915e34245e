using CmaActors.Cli.Output;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Nodes;

namespace CmaActors.Cli.Commands;

/// <summary>
/// Runs a job across the cluster for a command given <c>--cluster</c>: joins as the coordinator node, shows progress,
/// reports lost nodes on standard error, leaves the cluster, and returns the merged lines (or prints why not).
/// </summary>
public static class ClusterJobRun
{
    /// <summary>How long to wait for a first worker node.</summary>
    public static readonly TimeSpan NoWorkerTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs <paramref name="job"/>; null when it could not (the error is printed: exit with <see cref="ExitCodes.Failure"/>).
    /// <paramref name="onLine"/> gets each new line as it arrives, on the coordinator's thread.
    /// </summary>
    public static JobOutcome? Run(CliOutput output, ClusterRequest request, ClusterJob job, string what, bool quiet, Action<LineReceived>? onLine = null)
    {
        ClusterNode node;
        try
        {
            node = ClusterNode.Start(request.Node);
        }
        catch (ClusterNodeException e)
        {
            output.Error($"--node: {e.Message}");
            return null;
        }

        using (node)
        {
            try
            {
                var console = ConsoleFactory.For(output.Out);
                return ExploreCommand.WithProgress(console, quiet, $"{what} on the cluster at {request.Node.Seeds[0]}", job.Count, progress =>
                    ClusterCoordinator.RunAsync(node, job, new CoordinatorOptions
                    {
                        UnitSize = request.UnitSize,
                        NoWorkerTimeout = NoWorkerTimeout,
                        Events = e =>
                        {
                            switch (e)
                            {
                                case LineReceived line:
                                    onLine?.Invoke(line);
                                    progress(line.Received);
                                    break;
                                case NodeLost lost when !quiet:
                                    output.Err.WriteLine($"node {lost.Node} {lost.How}" +
                                                         (lost.Units.Count > 0 ? $": unit {string.Join(", ", lost.Units)} handed out again" : ""));
                                    break;
                            }
                        },
                    }).GetAwaiter().GetResult());
            }
            catch (ClusterJobException e)
            {
                output.Error($"--cluster {request.Node.Seeds[0]}: {e.Message}");
                return null;
            }
            finally
            {
                node.LeaveAsync().Wait(TimeSpan.FromSeconds(15));
            }
        }
    }
}
