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
        options ??= new RunOptions();
        using var session = SimulationSession.Create(scenario, options.Seed);
        session.Start();
        var end = (long)(session.Scenario.DurationSeconds * 1e9);
        for (var t = Math.Min(end, options.ProgressSliceNs); ; t = Math.Min(end, t + options.ProgressSliceNs))
        {
            if (!session.RunUntil(t))
                break;
            session.SampleAreas();
            options.Progress?.Invoke(t, end);
            if (t >= end)
            {
                session.CheckAll();
                break;
            }
        }

        return session.Outcome();
    }
}
