using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Running;

/// <summary>
/// Runs a scenario to its duration in the mode it names, through one <see cref="ScenarioRun"/> either way: in
/// simulation in virtual time (a run is a pure function of (scenario, seed, strategy)), in parallel mode in wall time on
/// Akka.NET's dispatcher; both with progress reports, timed invariant walks and every invariant once more at the end.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/> (with <paramref name="options"/>' overrides) and returns its result.</summary>
    public static RunOutcome Run(Scenario scenario, RunOptions? options = null)
    {
        using var run = ScenarioRun.Create(scenario, options);
        run.Start();
        run.RunToEnd();
        return run.Outcome();
    }
}
