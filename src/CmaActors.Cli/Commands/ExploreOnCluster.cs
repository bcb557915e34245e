using CmaActors.Cluster.Kinds;
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
        if (ClusterJobRun.Run(output, request, job, $"exploring {scenario.Name}", quiet) is not { } outcome)
            return ExitCodes.Failure;
        output.Out.WriteLine(ClusterJobRun.Describe(outcome));
        var result = ExploreJobKind.Result(job, outcome.Lines, outcome.Elapsed);
        return ExploreCommand.Report(output, scenario, result, outFile, minimise);
    }
}
