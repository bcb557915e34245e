using CmaActors.Runtime;
using CmaActors.TestKit.Tests.Support;
using Xunit.Sdk;

namespace CmaActors.TestKit.Tests;

/// <summary>The assertions fail when they should, with the schedule in the message.</summary>
public sealed class ExplorationAssertTests
{
    private static readonly ExplorationOptions FewSchedules = new() { Strategy = ScheduleStrategyKind.Random, Schedules = 20 };

    [Fact]
    public void Violation_found_fails_on_the_fixed_kernel()
    {
        using var fixedKernel = BugTargets.For("no-contig-mutex", on: false);
        var e = Assert.ThrowsAny<XunitException>(() => ExplorationAssert.ViolationFound(fixedKernel, FewSchedules));
        Assert.Contains("no violation in 20 schedules", e.Message);
    }

    [Fact]
    public void No_violation_fails_with_the_bug_and_names_the_schedule()
    {
        using var buggy = BugTargets.For("no-contig-mutex", on: true);
        var e = Assert.ThrowsAny<XunitException>(() => ExplorationAssert.NoViolation(buggy, FewSchedules));
        Assert.Contains("random seed 0", e.Message);
        Assert.Contains("isolation-exclusive", e.Message);
    }

    [Fact]
    public void Replays_fails_when_the_recorded_step_is_not_the_one_that_breaks()
    {
        using var buggy = BugTargets.For("no-contig-mutex", on: true);
        var found = ExplorationAssert.ViolationFound(buggy, FewSchedules, "isolation-exclusive");
        var failure = found.Outcome!.Failure!;
        Assert.Equal(failure.Step, ExplorationAssert.Replays(buggy, found.FailingSchedule!, failure.Rule, failure.Step).Step);
        Assert.ThrowsAny<XunitException>(() => ExplorationAssert.Replays(buggy, found.FailingSchedule!, failure.Rule, failure.Step + 1));
    }
}
