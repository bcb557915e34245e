using System.Collections.Concurrent;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Sweeps;

/// <summary>
/// Runs the (design, seed) runs of a sweep. <see cref="RunOne"/> is the unit of work: a pure function of (effective
/// scenario, design, seed) to one JSON line, so runs may be done by any number of workers, in any order, on any
/// machine. <see cref="Run"/> does the runs not already done with N simulations at once in this process (each
/// simulation is single-threaded and has its own actor system).
/// </summary>
public static class SweepRunner
{
    /// <summary>What a sweep run records: lock statistics, no trace, /proc snapshots at start and end only, one pageblock map.</summary>
    public static DiagnosticsOptions Diagnostics { get; } = new() { SnapshotEveryNs = 0, MaxPageblockMaps = 1 };

    /// <summary>
    /// Runs the scenario <paramref name="scenarioJson"/> (one design's effective scenario, as in
    /// <see cref="SweepDesign.ScenarioJson"/>) with <paramref name="seed"/> and returns its line (no newline).
    /// </summary>
    /// <exception cref="ScenarioException">The scenario is not valid.</exception>
    public static string RunOne(string scenarioJson, int design, int seed) => Line(scenarioJson, design, seed).ToJson();

    /// <summary>As <see cref="RunOne"/>, the line as a record.</summary>
    public static SweepRunLine Line(string scenarioJson, int design, int seed)
    {
        var scenario = ScenarioLoader.Parse(scenarioJson, $"design {design}") with { Seed = seed };
        var outcome = ScenarioRunner.Run(scenario, new RunOptions { Diagnostics = Diagnostics });
        return LineOf(outcome.Result, design, ScenarioIdentity.Hash(scenario));
    }

    /// <summary>The line of a finished run.</summary>
    public static SweepRunLine LineOf(RunResult result, int design, string scenarioHash) => new()
    {
        Design = design,
        Seed = result.Seed,
        ScenarioHash = scenarioHash,
        VirtualSeconds = Math.Round(result.VirtualTimeNs / 1e9, 9),
        Deliveries = result.Deliveries,
        Violation = result.Violation is { } v ? $"{v.Rule} at step {v.Step}" : null,
        Values = SweepMetrics.Of(result),
        Cdfs = result.Cma.Areas
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .SelectMany(a => a.LatencyBySize.Where(s => s.Cdf.Count > 0).Select(s => new SweepCdf(a.Name, s.Pages, s.Count - s.Failures, s.Cdf)))
            .ToList(),
    };

    /// <summary>The (design, seed) runs of <paramref name="plan"/> that <paramref name="done"/> does not hold yet, in plan order.</summary>
    public static IReadOnlyList<(SweepDesign Design, int Seed)> Pending(SweepPlan plan, IEnumerable<SweepRunLine> done)
    {
        var have = done.Select(l => (l.ScenarioHash, l.Seed)).ToHashSet();
        return plan.Designs.SelectMany(d => plan.Seeds.Select(s => (Design: d, Seed: s)))
            .Where(x => !have.Contains((x.Design.ScenarioHash, x.Seed)))
            .ToList();
    }

    /// <summary>
    /// Runs <paramref name="pending"/> on <paramref name="workers"/> threads, each taking the next run when it is
    /// free; <paramref name="finished"/> is called with each line as it is done (from the worker's thread, one call at
    /// a time). The first exception stops the workers and is rethrown.
    /// </summary>
    public static void Run(IReadOnlyList<(SweepDesign Design, int Seed)> pending, int workers, Action<SweepRunLine> finished)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var queue = new ConcurrentQueue<(SweepDesign Design, int Seed)>(pending);
        var gate = new Lock();
        var failed = false;
        WorkerThreads.Run(Math.Min(workers, Math.Max(1, pending.Count)), "sweep-worker", _ =>
        {
            while (!Volatile.Read(ref failed) && queue.TryDequeue(out var job))
            {
                try
                {
                    var line = Line(job.Design.ScenarioJson, job.Design.Index, job.Seed);
                    lock (gate)
                        finished(line);
                }
                catch
                {
                    Volatile.Write(ref failed, true);
                    throw;
                }
            }
        });
    }
}
