using CmaActors.Emulator.Exploration;

namespace CmaActors.TestKit.Tests.Bugs;

/// <summary>A replay file written by <c>cma-actors explore</c>, kept as a regression test: it must break the same rule at the same step.</summary>
public sealed class RecordedReplayTests
{
    [Fact]
    public void The_recorded_no_contig_mutex_schedule_breaks_isolation_exclusivity_at_the_same_step()
    {
        var replay = ReplayFiles.Load(Path.Combine(AppContext.BaseDirectory, "Replays", "no-contig-mutex.json"));
        using var target = new ScenarioScheduleTarget(replay.ScenarioWithBugs);
        var failure = ExplorationAssert.Replays(target, replay.Schedule, replay.Expected.Rule, replay.Expected.Step, times: 3);
        Assert.True(replay.IsReproducedBy(failure), $"expected {replay.Expected}, got {failure}");
    }
}
