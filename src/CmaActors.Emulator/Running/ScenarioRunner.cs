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

        using var session = SimulationSession.Create(scenario);
        session.Start();
        var end = (long)(session.Scenario.DurationSeconds * 1e9);
        var checkEvery = (long)(session.Scenario.Invariants.CheckEverySeconds * 1e9);
        var nextCheck = checkEvery > 0 ? checkEvery : long.MaxValue;
        var nextSlice = Math.Min(end, options.ProgressSliceNs);
        while (true)
        {
            var stop = Math.Min(nextSlice, nextCheck);
            if (!session.RunUntil(stop))
                break;
            if (stop == nextCheck && stop < end)
            {
                if (!session.CheckAll())
                    break;
                nextCheck += checkEvery;
            }

            if (stop != nextSlice)
                continue;
            session.SampleAreas();
            options.Progress?.Invoke(nextSlice, end);
            if (nextSlice >= end)
            {
                session.CheckAll();
                break;
            }

            nextSlice = Math.Min(end, nextSlice + options.ProgressSliceNs);
        }

        return session.Outcome();
    }
}
