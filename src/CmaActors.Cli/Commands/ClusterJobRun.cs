using System.Globalization;
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
    /// <paramref name="what"/> describes the progress bar ("exploring race-drain"); <paramref name="quiet"/> leaves out
    /// the bar and the lost-node lines; <paramref name="onLine"/> gets each new line as it arrives, on the coordinator's
    /// thread, one at a time.
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

    /// <summary>
    /// "cluster: 3 nodes ran 1,204 seeds in 24 units (127.0.0.1:4053 402, ...); 1 node lost, 1 unit handed out again",
    /// <paramref name="items"/> naming what a job seed is ("seeds", "runs").
    /// </summary>
    internal static string Describe(JobOutcome outcome, string items = "seeds")
    {
        var nodes = string.Join(", ", outcome.SeedsByNode.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{HostPort(kv.Key)} {kv.Value:N0}")));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"cluster: {outcome.SeedsByNode.Count} nodes ran {outcome.SeedsByNode.Values.Sum():N0} {items} in {outcome.Units} units ({nodes})");
        if (outcome.NodesLost.Count > 0 || outcome.UnitsReassigned > 0)
            text += $"; {outcome.NodesLost.Count} node(s) lost, {outcome.UnitsReassigned} unit(s) handed out again";
        return text;
    }

    private static string HostPort(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? address : address[(at + 1)..];
    }
}
