using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.PairedRuns;

/// <summary>
/// The work timed in each turn: schedules of a built-in scenario explored on one thread, as
/// <c>ExplorationBenchmarks</c> does, or whole timed runs of it, as <c>ScenarioRunBenchmarks</c> does. Each build's
/// copy of this class runs in a load context of its own, so that it runs that build's emulator; the comparer calls it
/// by reflection.
/// </summary>
public static class Turns
{
    private static ScenarioScheduleTarget? _target;
    private static ExplorationOptions? _options;
    private static Scenario? _run;

    /// <summary>
    /// Prepares the work: "random" or "pct" explore schedules (PCT at depth 3 with its measured horizon); "run" and
    /// "run-unchecked" run the scenario whole with seed 7, with and without the per-delivery checks.
    /// </summary>
    public static void Prepare(string scenario, string work)
    {
        var builtIn = BuiltInScenarios.Load(scenario);
        if (work is "run" or "run-unchecked")
        {
            _run = builtIn with { Invariants = builtIn.Invariants with { EveryDelivery = work == "run" } };
            return;
        }

        _target = new ScenarioScheduleTarget(builtIn);
        var kind = work == "pct" ? ScheduleStrategyKind.Pct : ScheduleStrategyKind.Random;
        _options = new ExplorationOptions { Strategy = kind, Depth = 3 };
        if (kind == ScheduleStrategyKind.Pct)
            _options = _options with { Horizon = ScheduleExplorer.MeasureHorizon(_target, 0) };
    }

    /// <summary>
    /// Explores the schedules of seeds <paramref name="firstSeed"/> .. + <paramref name="count"/> − 1 (the built-in
    /// scenarios run without bugs, so none stops the batch early), or runs the scenario <paramref name="count"/> times;
    /// returns the deliveries.
    /// </summary>
    public static long Run(int firstSeed, int count)
    {
        if (_run is null)
            return ScheduleExplorer.Explore(_target!, _options! with { SeedStart = firstSeed, Schedules = count }).Steps;
        long deliveries = 0;
        for (var i = 0; i < count; i++)
            deliveries += ScenarioRunner.Run(_run, new RunOptions { Seed = 7 }).Result.Deliveries;
        return deliveries;
    }
}
