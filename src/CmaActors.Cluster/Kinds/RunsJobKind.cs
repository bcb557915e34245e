using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CmaActors.Cluster.Jobs;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cluster.Kinds;

/// <summary>
/// <c>runs</c>: one seed is one whole simulation run of a scenario with that seed. Its line gives the run's main
/// figures and the SHA-256 of its results.json, so two runs of the same seed can be told equal or not at a glance.
/// </summary>
public sealed class RunsJobKind : IJobKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "runs";

    /// <inheritdoc />
    public string Name => KindName;

    /// <summary>The job of running <paramref name="scenario"/> with seeds <paramref name="first"/> to first + count - 1.</summary>
    public static ClusterJob Job(Scenario scenario, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ClusterJob(KindName, JsonSerializer.Serialize(scenario, ScenarioJson.Options), first, count);
    }

    /// <inheritdoc />
    public IJobRunner Open(string spec)
    {
        var scenario = ScenarioLoader.Parse(spec, "the runs job's scenario");
        if (scenario.Mode != RunMode.Simulation)
            throw new JobSpecException("the runs job's scenario: mode must be simulation (a parallel run is not determined by its seed)");
        return new Runner(scenario);
    }

    private sealed class Runner(Scenario scenario) : IJobRunner
    {
        public JobLine Run(int seed)
        {
            var result = ScenarioRunner.Run(scenario, new RunOptions { Seed = seed }).Result;
            var sizes = result.Cma.Areas.SelectMany(a => a.LatencyBySize).ToList();
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ResultsJson.Serialize(result))));
            var line = new RunLine(seed, result.Deliveries, result.VirtualTimeNs, sizes.Sum(s => s.Count), sizes.Sum(s => s.Failures),
                result.Violation?.Rule, hash);
            return new JobLine(seed, JobJson.Serialize(line), false);
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>One run of a <c>runs</c> job.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Deliveries">Messages handled.</param>
/// <param name="VirtualTimeNs">Virtual time reached, ns.</param>
/// <param name="CmaAllocs">cma_alloc() calls answered.</param>
/// <param name="CmaFailures">Of which failed.</param>
/// <param name="Violation">The invariant broken, or null.</param>
/// <param name="ResultsSha256">SHA-256 of the run's results.json.</param>
public sealed record RunLine(int Seed, long Deliveries, long VirtualTimeNs, long CmaAllocs, long CmaFailures, string? Violation, string ResultsSha256);
