using System.Globalization;
using CmaActors.Cluster.Kinds;
using CmaActors.Cluster.Nodes;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>explore --cluster HOST:PORT</c>: the exploration as a job whose seed ranges the worker nodes pull; the merge is
/// the one-process exploration (same schedules run, same first violation), and the replay file is written here.
/// </summary>
public static class ExploreOnCluster
{
    /// <summary>Runs the exploration across the cluster and reports it as <c>explore</c> does.</summary>
    public static int Run(CliOutput output, Scenario scenario, ExplorationOptions options, ClusterRequest request, string outFile, bool minimise, bool quiet)
    {
        var job = ExploreJobKind.Job(scenario, options);
        if (ClusterJobRun.Run(output, request, job, scenario.Name, quiet) is not { } outcome)
            return ExitCodes.Failure;
        output.Out.WriteLine(Describe(outcome));
        var result = ExploreJobKind.Result(job, outcome.Lines, outcome.Elapsed);
        return ExploreCommand.Report(output, scenario, result, outFile, minimise);
    }

    /// <summary>"cluster: 3 nodes ran 1,204 seeds in 24 units (127.0.0.1:4053 402, ...); 1 node lost, 1 unit handed out again".</summary>
    internal static string Describe(JobOutcome outcome)
    {
        var nodes = string.Join(", ", outcome.SeedsByNode.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{HostPort(kv.Key)} {kv.Value:N0}")));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"cluster: {outcome.SeedsByNode.Count} nodes ran {outcome.SeedsByNode.Values.Sum():N0} seeds in {outcome.Units} units ({nodes})");
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
