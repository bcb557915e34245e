using CmaActors.Emulator.Exploration;
using CmaActors.Runtime;
using CmaActors.TestKit.Tests.Support;
using Xunit.Sdk;

namespace CmaActors.TestKit.Tests;

/// <summary>The assertions fail when they should, with the schedule in the message.</summary>
public sealed class RaceExplorationTests
{
    private static readonly BugCase NoContigMutex = HistoricalBugTests.Cases.Single(c => c.Bug == "no-contig-mutex");
    private static readonly ExplorationOptions FewSchedules = new() { Strategy = ScheduleStrategyKind.Random, Schedules = 20 };

    [Fact]
    public void Assert_violation_found_fails_on_the_fixed_kernel()
    {
        using var fixedKernel = new ScenarioScheduleTarget(NoContigMutex.Scenario(on: false));
        var e = Assert.ThrowsAny<XunitException>(() => RaceExploration.AssertViolationFound(fixedKernel, FewSchedules));
        Assert.Contains("no violation in 20 schedules", e.Message);
    }

    [Fact]
    public void Assert_no_violation_fails_with_the_bug_and_names_the_schedule()
    {
        using var buggy = new ScenarioScheduleTarget(NoContigMutex.Scenario(on: true));
        var e = Assert.ThrowsAny<XunitException>(() => RaceExploration.AssertNoViolation(buggy, FewSchedules));
        Assert.Contains("random seed 0", e.Message);
        Assert.Contains("isolation-exclusive", e.Message);
    }

    [Fact]
    public void Two_systems_find_the_schedule_one_system_finds()
    {
        var bug = HistoricalBugTests.Cases.Single(c => c.Bug == "racy-drain-filter");
        using var one = new ScenarioScheduleTarget(bug.Scenario(on: true));
        using var first = new ScenarioScheduleTarget(bug.Scenario(on: true));
        using var second = new ScenarioScheduleTarget(bug.Scenario(on: true));
        var alone = RaceExploration.AssertViolationFound(one, bug.Options);
        var together = RaceExploration.AssertViolationFound([first, second], bug.Options);
        Assert.True(alone.SchedulesRun > 1, "the bug is found at the first schedule: two systems would show nothing");
        Assert.Equal(alone.FailingSchedule, together.FailingSchedule);
        Assert.Equal((alone.SchedulesRun, alone.Steps), (together.SchedulesRun, together.Steps));
        Assert.True(alone.Outcome!.Failure!.SameAs(together.Outcome!.Failure));
        Assert.Equal(2, together.Workers);
    }

    [Fact]
    public void Replay_fails_when_the_recorded_step_is_not_the_one_that_breaks()
    {
        using var buggy = new ScenarioScheduleTarget(NoContigMutex.Scenario(on: true));
        var found = RaceExploration.AssertViolationFound(buggy, FewSchedules, "isolation-exclusive");
        var failure = found.Outcome!.Failure!;
        Assert.Equal(failure.Step, RaceExploration.Replay(buggy, found.FailingSchedule!, failure.Rule, failure.Step).Step);
        Assert.ThrowsAny<XunitException>(() => RaceExploration.Replay(buggy, found.FailingSchedule!, failure.Rule, failure.Step + 1));
    }

    [Fact]
    public void A_schedule_strategy_ends_with_its_schedule_whatever_runs_next_on_the_target()
    {
        using var target = new ScenarioScheduleTarget(NoContigMutex.Scenario(on: false));
        var first = new RandomStrategy(5) { RecordChoices = true };
        var outcome = target.Run(first);
        var (started, preemptions, choices) = (first.Started, first.Preemptions, first.Recorded.Count);

        // The next schedule first stops this one's actors; that work is no part of this schedule.
        target.Run(new RandomStrategy(6));

        Assert.Equal(outcome.Units, started);
        Assert.Equal((started, preemptions, choices), (first.Started, first.Preemptions, first.Recorded.Count));
    }

    [Fact]
    public void The_minimiser_reports_the_preemptions_of_the_failing_schedule_itself()
    {
        using var buggy = new ScenarioScheduleTarget(NoContigMutex.Scenario(on: true));
        var found = RaceExploration.AssertViolationFound(buggy, FewSchedules, "isolation-exclusive");
        var failing = found.FailingSchedule!.CreateStrategy();
        buggy.Run(failing);

        var min = ScheduleMinimiser.Minimise(buggy, found.FailingSchedule!);

        Assert.Equal(failing.Preemptions, min.PreemptionsBefore);
    }
}
