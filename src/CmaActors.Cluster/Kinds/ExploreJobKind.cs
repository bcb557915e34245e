using System.Text.Json;
using CmaActors.Cluster.Jobs;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Cluster.Kinds;

/// <summary>
/// <c>explore</c>: one seed is one explored schedule of a scenario (strategy, depth and horizon from the spec), as
/// <see cref="ScheduleExplorer"/> runs it; a schedule that breaks an invariant stops the job. The merged lines are the
/// schedules a one-process exploration runs, up to and including the first failing one.
/// </summary>
public sealed class ExploreJobKind : IJobKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "explore";

    /// <inheritdoc />
    public string Name => KindName;

    /// <summary>
    /// The job of exploring <paramref name="options"/> on <paramref name="scenario"/>. A PCT horizon of 0 is measured here,
    /// as <see cref="ScheduleExplorer.Explore"/> measures it (the non-preemptive schedule of the first seed), so every
    /// node uses the same one.
    /// </summary>
    public static ClusterJob Job(Scenario scenario, ExplorationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Strategy == ScheduleStrategyKind.Pct && options.Horizon == 0)
        {
            using var target = new ScenarioScheduleTarget(scenario);
            options = options with { Horizon = ScheduleExplorer.MeasureHorizon(target, options.SeedStart) };
        }

        var spec = new ExploreSpec(JsonSerializer.SerializeToElement(scenario, ScenarioJson.Options), options.Strategy, options.Depth, options.Horizon);
        return new ClusterJob(KindName, JobJson.Serialize(spec), options.SeedStart, options.Schedules);
    }

    /// <summary>
    /// The exploration result that the merged <paramref name="lines"/> of <paramref name="job"/> stand for: what
    /// <see cref="ScheduleExplorer.Explore"/> returns for the same options, but for the wall-clock time.
    /// </summary>
    public static ExplorationResult Result(ClusterJob job, IReadOnlyList<JobLine> lines, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(lines);
        var spec = JobJson.Deserialize<ExploreSpec>(job.Spec, "the exploration job");
        var options = new ExplorationOptions
        {
            Strategy = spec.Strategy, Depth = spec.Depth, Horizon = spec.Horizon, SeedStart = job.First, Schedules = job.Count,
        };
        var parsed = lines.Select(l => JobJson.Deserialize<ExploreLine>(l.Json, $"the line of seed {l.Seed}")).ToList();
        var steps = parsed.Sum(l => l.Steps);
        var last = parsed.Count > 0 ? parsed[^1] : null;
        return last?.Failure is { } failure
            ? new ExplorationResult(options, parsed.Count, options.SpecFor(last.Seed), new ScheduleOutcome(last.Steps, last.Units, failure), steps, elapsed)
            : new ExplorationResult(options, parsed.Count, null, null, steps, elapsed);
    }

    /// <inheritdoc />
    public IJobRunner Open(string spec)
    {
        var parsed = JobJson.Deserialize<ExploreSpec>(spec, "the exploration job");
        var scenario = ScenarioLoader.Parse(parsed.Scenario.GetRawText(), "the exploration job's scenario");
        var options = new ExplorationOptions { Strategy = parsed.Strategy, Depth = parsed.Depth, Horizon = parsed.Horizon, Schedules = 1 };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new JobSpecException($"the exploration job: {e.Message}");
        }

        return new Runner(new ScenarioScheduleTarget(scenario), options);
    }

    private sealed class Runner(ScenarioScheduleTarget target, ExplorationOptions options) : IJobRunner
    {
        public JobLine Run(int seed)
        {
            var outcome = target.Run(options.SpecFor(seed).CreateStrategy());
            var line = new ExploreLine(seed, outcome.Steps, outcome.Units, outcome.Failure);
            return new JobLine(seed, JobJson.Serialize(line), outcome.Failed);
        }

        public void Dispose() => target.Dispose();
    }
}

/// <summary>An exploration job's spec: the scenario (with its bugs) and the strategy.</summary>
/// <param name="Scenario">The scenario, in the scenario files' JSON.</param>
/// <param name="Strategy">random or pct.</param>
/// <param name="Depth">PCT depth.</param>
/// <param name="Horizon">PCT horizon in units (measured, never 0 for pct).</param>
public sealed record ExploreSpec(JsonElement Scenario, ScheduleStrategyKind Strategy, int Depth, long Horizon);

/// <summary>One explored schedule: its seed, deliveries and units run, and the failure that stopped it.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Steps">Deliveries run.</param>
/// <param name="Units">Units of work run.</param>
/// <param name="Failure">The violation, or null.</param>
public sealed record ExploreLine(int Seed, long Steps, long Units, ScheduleFailure? Failure);
