using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Running;

/// <summary>
/// Runs a scenario in simulation from start to its duration in virtual time, with progress reports, then walks
/// every invariant once more. A run is a pure function of (scenario, seed, strategy).
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/> and returns its result.</summary>
    public static RunOutcome Run(Scenario scenario, RunOptions? options = null)
    {
        using var run = ScenarioRun.Create(scenario, options);
        run.Start();
        run.RunToEnd();
        return run.Outcome();
    }
}
