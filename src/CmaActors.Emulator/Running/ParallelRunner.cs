using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Running;

/// <summary>
/// Runs a scenario in parallel mode for its duration in wall time: a report line every
/// <see cref="ParallelSpec.ReportEverySeconds"/>, an invariant check at quiescence every
/// <see cref="InvariantSpec.CheckEverySeconds"/> (when set), and at the end the load stops, the mailboxes drain and
/// every invariant is walked once more before the result is taken.
/// </summary>
public static class ParallelRunner
{
    /// <summary>Runs <paramref name="scenario"/> (overrides already applied) and returns its result.</summary>
    public static RunOutcome Run(Scenario scenario, RunOptions options)
    {
        using var session = ParallelSession.Create(scenario);
        session.Start();
        var end = (long)(scenario.DurationSeconds * 1e9);
        var reportEvery = (long)(scenario.Parallel.ReportEverySeconds * 1e9);
        var checkEvery = (long)(scenario.Invariants.CheckEverySeconds * 1e9);
        var nextReport = reportEvery;
        var nextCheck = checkEvery > 0 ? checkEvery : long.MaxValue;
        var meter = new IntervalMeter(session);
        var intervals = new List<IntervalReport>();
        while (true)
        {
            var stop = Math.Min(end, Math.Min(nextReport, nextCheck));
            meter.WaitUntil(stop, end, options.Progress);
            if (stop >= end)
                break;
            if (stop == nextCheck)
            {
                nextCheck += checkEvery;
                if (!session.CheckAtQuiescence())
                    break;
            }

            if (stop == nextReport)
            {
                nextReport += reportEvery;
                Report(meter.Close(), intervals, options);
            }
        }

        // The last line ends with the final check (or with the one that found a violation).
        using var cut = session.HoldAndCheck();
        Report(meter.Close(), intervals, options);
        return session.Outcome(intervals);
    }

    private static void Report(IntervalReport report, List<IntervalReport> intervals, RunOptions options)
    {
        intervals.Add(report);
        options.Interval?.Invoke(report);
    }
}
