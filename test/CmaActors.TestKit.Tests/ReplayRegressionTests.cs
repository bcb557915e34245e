using CmaActors.Emulator.Exploration;

namespace CmaActors.TestKit.Tests;

/// <summary>
/// Recorded replay files (written by <c>cma-actors explore</c>) as regression tests: each schedule must break the
/// same rule at the same step about the same page frame, run after run.
/// </summary>
public sealed class ReplayRegressionTests
{
    [Theory]
    [InlineData("no-contig-mutex.json", "isolation-exclusive")]
    [InlineData("no-contig-mutex.min.json", "isolation-exclusive")]
    [InlineData("fallback-frees-as-movable.json", "structure")]
    [InlineData("fallback-frees-as-movable.min.json", "structure")]
    public void Recorded_schedule_breaks_the_same_rule_at_the_same_step(string file, string rule)
    {
        var replay = ReplayFiles.Load(Path.Combine(AppContext.BaseDirectory, "Replays", file));
        using var target = new ScenarioScheduleTarget(replay.ScenarioWithBugs);
        for (var run = 0; run < 2; run++)
        {
            var failure = RaceExploration.Replay(target, replay.Schedule, replay.Expected.Rule, replay.Expected.Step, replay.Expected.Pfn);
            Assert.Equal(rule, failure.Rule);
        }
    }

    [Theory]
    [InlineData("no-contig-mutex.json")]
    [InlineData("fallback-frees-as-movable.json")]
    public void Recorded_schedule_runs_clean_on_the_fixed_kernel(string file)
    {
        var replay = ReplayFiles.Load(Path.Combine(AppContext.BaseDirectory, "Replays", file));
        using var target = new ScenarioScheduleTarget(replay.Scenario);
        var outcome = target.Run(replay.Schedule.CreateStrategy());
        Assert.Null(outcome.Failure);
        Assert.Throws<Xunit.Sdk.XunitException>(() =>
            RaceExploration.Replay(target, replay.Schedule, replay.Expected.Rule, replay.Expected.Step, replay.Expected.Pfn));
    }
}
