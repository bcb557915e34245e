using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.PairedRuns;

/// <summary>
/// The work timed in each turn: schedules of a built-in scenario explored on one thread, as
/// <c>ExplorationBenchmarks</c> does. Each build's copy of this class runs in a load context of its own, so that it
/// runs that build's emulator; the comparer calls it by reflection.
/// </summary>
public static class ScheduleBatches
{
    private static ScenarioScheduleTarget? _target;
    private static ExplorationOptions? _options;

    /// <summary>Prepares the target and the strategy ("random" or "pct", PCT at depth 3 with its measured horizon).</summary>
    public static void Prepare(string scenario, string strategy)
    {
        _target = new ScenarioScheduleTarget(BuiltInScenarios.Load(scenario));
        var kind = strategy == "pct" ? ScheduleStrategyKind.Pct : ScheduleStrategyKind.Random;
        _options = new ExplorationOptions { Strategy = kind, Depth = 3 };
        if (kind == ScheduleStrategyKind.Pct)
            _options = _options with { Horizon = ScheduleExplorer.MeasureHorizon(_target, 0) };
    }

    /// <summary>Explores the schedules of seeds <paramref name="firstSeed"/> .. + <paramref name="count"/> − 1 (the
    /// built-in scenarios run without bugs, so none stops the batch early); returns the deliveries.</summary>
    public static long Run(int firstSeed, int count) =>
        ScheduleExplorer.Explore(_target!, _options! with { SeedStart = firstSeed, Schedules = count }).Steps;
}
