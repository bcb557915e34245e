using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;

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
    /// Runs the comparison; <paramref name="progress"/> gets (run name, now, end) as each run advances, every run uses
    /// <paramref name="options"/>'s diagnostics, and <paramref name="finished"/> gets (run name, outcome) after each run.
    /// </summary>
    public static ComparisonResult Run(Scenario scenario, int? seed = null, Action<string, long, long>? progress = null,
        RunOptions? options = null, Action<string, RunOutcome>? finished = null)
    {
        options ??= new RunOptions();
        var seeded = seed is { } s ? scenario with { Seed = s } : scenario;
        RunResult? baseline = null;
        if (seeded.Workloads.Any(w => w is BackgroundSpec))
        {
            var alone = seeded with { Workloads = seeded.Workloads.Where(w => w is not CmaDeviceSpec).ToList() };
            baseline = RunOne(alone.WithAreaPolicy(AreaPolicy.Cma), "baseline", progress, options, finished);
        }

        var runs = new SortedDictionary<string, RunResult>(StringComparer.Ordinal);
        var summaries = new List<PolicySummary>();
        foreach (var policy in Policies)
        {
            var name = policy.ToString().ToLowerInvariant();
            var result = RunOne(seeded.WithAreaPolicy(policy), name, progress, options, finished);
            runs.Add(name, result);
            summaries.Add(Summarise(name, result, baseline));
        }

        return new ComparisonResult { Scenario = seeded.Name, Seed = seeded.Seed, Policies = summaries, Baseline = baseline, Runs = runs };
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
