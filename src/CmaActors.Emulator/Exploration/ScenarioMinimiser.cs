using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Exploration;

/// <summary>
/// Shrinks a failing run to something a person can read: first the workload (a smaller variant of the scenario is kept
/// when a short exploration with the same strategy still breaks the same rule), then the schedule
/// (<see cref="ScheduleMinimiser"/>: as few preemptions and reorderings as still fail), then traces the result.
/// </summary>
public static class ScenarioMinimiser
{
    /// <summary>Minimises the run of <paramref name="failing"/>.</summary>
    /// <param name="failing">A replay file whose schedule fails.</param>
    /// <param name="options">Budgets.</param>
    /// <param name="progress">Told what is being tried.</param>
    /// <exception cref="ArgumentException">The replay file's schedule does not fail.</exception>
    public static MinimisedRun Minimise(ReplayFile failing, MinimiseOptions? options = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(failing);
        options ??= new MinimiseOptions();
        var rule = failing.Expected.Rule;
        var scenario = failing.ScenarioWithBugs;
        var schedule = failing.Schedule;
        var runs = 0;

        var operationsBefore = Trace(scenario, schedule, out var first).Operations;
        runs++;
        if (first.Failure is null)
            throw new ArgumentException($"the schedule of the replay file ({schedule}) does not fail", nameof(failing));

        var reductions = new List<string>();
        if (schedule.Strategy != ScheduleStrategyKind.Guided)
        {
            var reduced = true;
            while (reduced)
            {
                reduced = false;
                foreach (var (what, smaller) in WorkloadReductions.Of(scenario))
                {
                    progress?.Invoke($"trying: {what}");
                    using var target = new ScenarioScheduleTarget(smaller);
                    var result = ScheduleExplorer.Explore(target, new ExplorationOptions
                    {
                        Strategy = schedule.Strategy, Depth = Math.Max(1, schedule.Depth), SeedStart = schedule.Seed,
                        Schedules = options.SchedulesPerCandidate,
                    });
                    runs += result.SchedulesRun;
                    if (result.Outcome?.Failure?.Rule != rule)
                        continue;
                    scenario = smaller;
                    schedule = result.FailingSchedule!;
                    reductions.Add(what);
                    reduced = true;
                    break;
                }
            }
        }

        progress?.Invoke("shrinking the schedule");
        ScheduleSpec minimalSchedule;
        ScheduleOutcome outcome;
        int decisionsBefore, decisionsAfter;
        long preemptionsBefore, preemptionsAfter;
        using (var target = new ScenarioScheduleTarget(scenario))
        {
            var min = ScheduleMinimiser.Minimise(target, schedule, options.MaxScheduleRuns, f => f.Rule == rule);
            runs += min.Runs;
            (minimalSchedule, outcome) = (min.Schedule, min.Outcome);
            (decisionsBefore, decisionsAfter, preemptionsBefore, preemptionsAfter) = (min.ChoicesBefore, min.ChoicesAfter, min.PreemptionsBefore, min.PreemptionsAfter);
        }

        var trace = Trace(scenario, minimalSchedule, out var final);
        runs++;
        var failure = final.Failure ?? outcome.Failure!;
        var replay = ReplayFile.For(scenario, minimalSchedule, failure);
        return new MinimisedRun(replay, reductions, operationsBefore, trace.Operations, decisionsBefore, decisionsAfter,
            preemptionsBefore, preemptionsAfter, runs, trace.Deliveries, scenario.Machine.Cpus);
    }

    /// <summary>Runs <paramref name="schedule"/> on <paramref name="scenario"/> with a <see cref="DeliveryTrace"/> attached.</summary>
    public static DeliveryTrace Trace(Scenario scenario, ScheduleSpec schedule, out ScheduleOutcome outcome)
    {
        using var target = new ScenarioScheduleTarget(scenario);
        DeliveryTrace? trace = null;
        target.BeforeRun = (session, strategy) =>
        {
            trace = new DeliveryTrace(session, strategy, schedule.Forced as IReadOnlyCollection<ScheduleChoice>);
            session.Driver.AddObserver(trace);
        };
        outcome = target.Run(schedule.CreateStrategy());
        return trace!;
    }
}
