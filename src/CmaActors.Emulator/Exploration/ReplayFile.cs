using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Exploration;

/// <summary>
/// Everything needed to run one explored schedule again: the scenario, the seed, the strategy and its parameters, the
/// bugs switched on, for a minimised schedule its forced decisions, and the violation it must reproduce. Written by
/// <c>cma-actors explore</c> and <c>minimise</c>, read by <c>replay</c>; JSON in the scenario files' conventions.
/// </summary>
public sealed record ReplayFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The scenario (its <c>bugs</c> are given by <see cref="Bugs"/>).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The schedule's seed (also the scenario's seed).</summary>
    public int Seed { get; init; }

    /// <summary>random, pct or guided.</summary>
    public ScheduleStrategyKind Strategy { get; init; }

    /// <summary>PCT depth.</summary>
    public int Depth { get; init; }

    /// <summary>PCT horizon in units.</summary>
    public long Horizon { get; init; }

    /// <summary>The historical bugs switched on, by name.</summary>
    public IReadOnlyList<string> Bugs { get; init; } = [];

    /// <summary>Guided: the forced decisions of the minimised schedule.</summary>
    public IReadOnlyList<ScheduleChoice>? Forced { get; init; }

    /// <summary>The violation the schedule reproduces.</summary>
    public required ExpectedViolation Expected { get; init; }

    /// <summary>The schedule to run.</summary>
    public ScheduleSpec Schedule => new(Strategy, Seed, Depth, Horizon, Forced);

    /// <summary>The scenario with the file's bugs switched on.</summary>
    public Scenario ScenarioWithBugs => Scenario with { Bugs = Bugs };

    /// <summary>The replay file of <paramref name="schedule"/> on <paramref name="scenario"/>, which failed with <paramref name="failure"/>.</summary>
    public static ReplayFile For(Scenario scenario, ScheduleSpec schedule, ScheduleFailure failure) => new()
    {
        Scenario = scenario with { Bugs = [] },
        Seed = schedule.Seed,
        Strategy = schedule.Strategy,
        Depth = schedule.Depth,
        Horizon = schedule.Horizon,
        Bugs = scenario.Bugs,
        Forced = schedule.Forced,
        Expected = new ExpectedViolation(failure.Rule, failure.Step, failure.Subject, failure.Detail),
    };

    /// <summary>True when <paramref name="failure"/> is the expected violation: same rule, step and page frame.</summary>
    public bool IsReproducedBy(ScheduleFailure? failure) =>
        failure is not null && failure.Rule == Expected.Rule && failure.Step == Expected.Step && failure.Subject == Expected.Pfn;
}
