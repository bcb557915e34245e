using Akka.TestKit;
using Akka.TestKit.Xunit2;
using CmaActors.Runtime;

namespace CmaActors.TestKit;

/// <summary>
/// Assertions of systematic concurrency testing inside an xunit test: explore a target's schedules under a strategy
/// and budget and assert that a violation is found (or is not), or replay a recorded schedule and assert that it
/// breaks the same rule at the same step. Failures are reported through Akka.TestKit's xunit assertions with the
/// schedule that broke, so the test's message is enough to replay it.
/// </summary>
public static class ExplorationAssert
{
    private static readonly ITestKitAssertions Assertions = new XunitAssertions();

    /// <summary>
    /// Explores <paramref name="options"/> and asserts that a schedule breaks an invariant (of rule
    /// <paramref name="rule"/> when given) within the budget; returns the exploration.
    /// </summary>
    public static ExplorationResult ViolationFound(IScheduleTarget target, ExplorationOptions options, string? rule = null)
    {
        var result = ScheduleExplorer.Explore(target, options);
        if (result.Outcome?.Failure is not { } failure)
        {
            Assertions.Fail("no violation in {0} schedules ({1}, seeds {2}..{3})", result.SchedulesRun, options.Strategy,
                options.SeedStart, options.SeedStart + options.Schedules - 1);
            return result;
        }

        if (rule is not null)
            Assertions.AssertEqual(rule, failure.Rule, "schedule {0} broke {1}, not {2}: {3}", result.FailingSchedule!, failure.Rule, rule, failure);
        return result;
    }

    /// <summary>Explores <paramref name="options"/> and asserts that no schedule breaks anything.</summary>
    public static ExplorationResult NoViolation(IScheduleTarget target, ExplorationOptions options)
    {
        var result = ScheduleExplorer.Explore(target, options);
        if (result.Outcome?.Failure is { } failure)
            Assertions.Fail("schedule {0} (number {1} of the exploration) broke {2}{3}last deliveries:{3}{4}", result.FailingSchedule!, result.SchedulesRun,
                failure, Environment.NewLine, string.Join(Environment.NewLine, failure.LastEvents));
        return result;
    }

    /// <summary>
    /// Asserts that <paramref name="withBug"/> breaks an invariant within the budget of <paramref name="options"/> and
    /// that <paramref name="withoutBug"/> — the same system with the bug fixed — does not, on the very same schedules;
    /// returns the exploration that found it.
    /// </summary>
    public static ExplorationResult FoundOnlyWithBug(IScheduleTarget withBug, IScheduleTarget withoutBug, ExplorationOptions options,
        string? rule = null)
    {
        var found = ViolationFound(withBug, options, rule);
        NoViolation(withoutBug, found.Options); // the PCT horizon measured with the bug, so the schedules are the same
        return found;
    }

    /// <summary>
    /// Runs <paramref name="schedule"/> <paramref name="times"/> times (a regression test of a recorded seed) and
    /// asserts that each run breaks <paramref name="rule"/> at step <paramref name="step"/>; returns the failure.
    /// </summary>
    public static ScheduleFailure Replays(IScheduleTarget target, ScheduleSpec schedule, string rule, long step, int times = 2)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schedule);
        ScheduleFailure? last = null;
        for (var i = 0; i < times; i++)
        {
            var failure = target.Run(schedule.CreateStrategy()).Failure;
            if (failure is null)
            {
                Assertions.Fail("replay {0} of {1} broke nothing; expected {2} at step {3}", i + 1, schedule, rule, step);
                break;
            }

            Assertions.AssertTrue(failure.Rule == rule && failure.Step == step,
                "replay {0} of {1} broke {2}; expected {3} at step {4}", i + 1, schedule, failure, rule, step);
            Assertions.AssertTrue(last is null || failure.SameAs(last), "replay {0} of {1} differs from the previous one: {2} vs {3}",
                i + 1, schedule, failure, last!);
            last = failure;
        }

        return last!;
    }
}
