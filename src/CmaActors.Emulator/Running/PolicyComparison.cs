using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>
/// Runs one scenario under each area policy (cma, gcma, reservation) with the same seed, plus — when it has a
/// background load — the background alone as the baseline for what the allocations cost it.
/// </summary>
public static class PolicyComparison
{
    /// <summary>The policies compared, in order.</summary>
    public static IReadOnlyList<AreaPolicy> Policies { get; } = [AreaPolicy.Cma, AreaPolicy.Gcma, AreaPolicy.Reservation];

    /// <summary>
    /// Runs the comparison on <paramref name="workers"/> threads (each run is a simulation of its own, with its own actor
    /// system); <paramref name="progress"/> gets (run name, now, end) as each run advances, every run uses
    /// <paramref name="options"/>'s diagnostics, and <paramref name="finished"/> gets (run name, outcome) after each run.
    /// With several workers both are called from the workers' threads, at the same time for different runs. The result
    /// does not depend on the number of workers.
    /// </summary>
    public static ComparisonResult Run(Scenario scenario, int? seed = null, Action<string, long, long>? progress = null,
        RunOptions? options = null, Action<string, RunOutcome>? finished = null, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        options ??= new RunOptions();
        var seeded = seed is { } s ? scenario with { Seed = s } : scenario;
        var runs = new List<(string Name, Scenario Scenario)>();
        var hasBaseline = seeded.Workloads.Any(w => w is BackgroundSpec);
        if (hasBaseline)
        {
            var alone = seeded with { Workloads = seeded.Workloads.Where(w => w is not CmaDeviceSpec).ToList() };
            runs.Add(("baseline", alone.WithAreaPolicy(AreaPolicy.Cma)));
        }

        foreach (var policy in Policies)
            runs.Add((policy.ToString().ToLowerInvariant(), seeded.WithAreaPolicy(policy)));

        var results = new RunResult[runs.Count];
        var next = -1;
        WorkerThreads.Run(Math.Min(workers, runs.Count), "compare-worker", _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < runs.Count; i = Interlocked.Increment(ref next))
                results[i] = RunOne(runs[i].Scenario, runs[i].Name, progress, options, finished);
        });

        var baseline = hasBaseline ? results[0] : null;
        var byName = new SortedDictionary<string, RunResult>(StringComparer.Ordinal);
        var summaries = new List<PolicySummary>();
        for (var i = hasBaseline ? 1 : 0; i < runs.Count; i++)
        {
            byName.Add(runs[i].Name, results[i]);
            summaries.Add(Summarise(runs[i].Name, results[i], baseline));
        }

        return new ComparisonResult { Scenario = seeded.Name, Seed = seeded.Seed, Policies = summaries, Baseline = baseline, Runs = byName };
    }

    private static RunResult RunOne(Scenario scenario, string name, Action<string, long, long>? progress, RunOptions options,
        Action<string, RunOutcome>? finished)
    {
        var outcome = ScenarioRunner.Run(scenario,
            options with { Seed = null, Progress = progress is null ? null : (now, end) => progress(name, now, end) });
        finished?.Invoke(name, outcome);
        return outcome.Result;
    }

    private static PolicySummary Summarise(string policy, RunResult r, RunResult? baseline)
    {
        var calls = r.Cma.Areas.Sum(a => a.LatencyBySize.Sum(s => s.Count));
        var failures = r.Cma.Areas.Sum(a => a.LatencyBySize.Sum(s => s.Failures));
        var throughput = r.Background?.AccessesPerSecond;
        double? cost = throughput is { } t && baseline?.Background?.AccessesPerSecond is { } b && t > 0
            ? Math.Round((b / t - 1) * 100, 2)
            : null;
        var utilisation = r.Cma.Areas.Count == 0 ? 0 : Math.Round(r.Cma.Areas.Average(a => a.Utilisation) * 100, 2);
        return new PolicySummary(policy, calls, failures, throughput, cost, utilisation, Math.Round(r.Device.Utilisation * 100, 2),
            r.Violation is null);
    }
}
