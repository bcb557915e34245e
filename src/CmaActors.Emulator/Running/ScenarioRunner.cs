using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Running;

/// <summary>
/// Runs a scenario to its duration in the mode it names. In simulation: from start to the duration in virtual time,
/// with progress reports and timed invariant walks, then every invariant once more; a run is a pure function of
/// (scenario, seed, strategy). Parallel mode is <see cref="ParallelRunner"/>'s.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/> (with <paramref name="options"/>' overrides) and returns its result.</summary>
    public static RunOutcome Run(Scenario scenario, RunOptions? options = null)
    {
        options ??= new RunOptions();
        scenario = options.Apply(scenario);
        if (scenario.Mode == RunMode.Parallel)
            return ParallelRunner.Run(scenario, options);

        using var run = ScenarioRun.Create(scenario, options);
        run.Start();
        run.RunToEnd();
        return run.Outcome();
    }
}
