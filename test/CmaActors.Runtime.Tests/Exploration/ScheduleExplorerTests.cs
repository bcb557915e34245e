using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Exploration;

public sealed class ScheduleExplorerTests
{
    public static TheoryData<ScheduleStrategyKind> Kinds => new() { ScheduleStrategyKind.Random, ScheduleStrategyKind.Pct };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Exploration_finds_the_lost_update_and_stops_there(ScheduleStrategyKind kind)
    {
        using var target = new LostUpdateTarget(atomic: false);
        var result = ScheduleExplorer.Explore(target, new ExplorationOptions { Strategy = kind, Depth = 2, Schedules = 200 });
        Assert.True(result.Found);
        Assert.Equal("lost-update", result.Outcome!.Failure!.Rule);
        Assert.Equal(result.Options.SeedStart + result.SchedulesRun - 1, result.FailingSchedule!.Seed);
        if (kind == ScheduleStrategyKind.Pct) Assert.True(result.Options.Horizon > 0);

        // The failing schedule fails again, the same way.
        var again = target.Run(result.FailingSchedule.CreateStrategy());
        Assert.True(result.Outcome.Failure.SameAs(again.Failure));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Without_the_race_the_whole_budget_runs_clean(ScheduleStrategyKind kind)
    {
        using var target = new LostUpdateTarget(atomic: true);
        var progress = new List<int>();
        var result = ScheduleExplorer.Explore(target, new ExplorationOptions { Strategy = kind, Schedules = 60, SeedStart = 100 }, progress.Add);
        Assert.False(result.Found);
        Assert.Equal(60, result.SchedulesRun);
        Assert.Equal(Enumerable.Range(1, 60), progress);
        Assert.True(result.SchedulesPerSecond > 0);
    }

    [Fact]
    public void Options_that_cannot_be_explored_are_refused()
    {
        using var target = new LostUpdateTarget(atomic: true);
        Assert.Throws<ArgumentException>(() => ScheduleExplorer.Explore(target, new ExplorationOptions { Strategy = ScheduleStrategyKind.Guided }));
        Assert.Throws<ArgumentException>(() => ScheduleExplorer.Explore(target, new ExplorationOptions { Schedules = 0 }));
        Assert.Throws<ArgumentException>(() => ScheduleExplorer.Explore(target, new ExplorationOptions { Depth = 0 }));
    }

    [Fact]
    public void The_minimiser_keeps_the_failure_with_fewer_forced_decisions()
    {
        using var target = new LostUpdateTarget(atomic: false);
        var found = ScheduleExplorer.Explore(target, new ExplorationOptions { Schedules = 200, SeedStart = 40 });
        Assert.True(found.Found);
        var min = ScheduleMinimiser.Minimise(target, found.FailingSchedule!);
        Assert.Equal(ScheduleStrategyKind.Guided, min.Schedule.Strategy);
        Assert.Equal("lost-update", min.Outcome.Failure!.Rule);
        Assert.True(min.ChoicesAfter <= min.ChoicesBefore);
        Assert.True(min.ChoicesAfter <= 3, $"{min.ChoicesAfter} forced decisions left");
        Assert.True(min.PreemptionsAfter <= min.PreemptionsBefore);

        // The minimised schedule is itself a reproducible failing schedule.
        var replay = target.Run(min.Schedule.CreateStrategy());
        Assert.True(min.Outcome.Failure.SameAs(replay.Failure));
    }

    [Fact]
    public void The_minimiser_refuses_a_schedule_that_does_not_fail()
    {
        using var target = new LostUpdateTarget(atomic: true);
        Assert.Throws<ArgumentException>(() => ScheduleMinimiser.Minimise(target, new ScheduleSpec(ScheduleStrategyKind.Random, 1)));
    }
}
