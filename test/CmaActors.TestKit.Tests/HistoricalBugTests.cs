using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Exploration;
using CmaActors.Runtime;
using CmaActors.TestKit.Tests.Support;

namespace CmaActors.TestKit.Tests;

/// <summary>
/// Every historical bug is found by exploring its race scenario with the bug switched on, and not found by exploring
/// the same seeds with the same strategy with it switched off.
/// </summary>
public sealed class HistoricalBugTests
{
    /// <summary>The bugs and how each is explored (budgets measured from seed 0; see docs/races.md).</summary>
    public static IReadOnlyList<BugCase> Cases { get; } =
    [
        new BugCase("stale-pcp-migratetype", 0.001, ScheduleStrategyKind.Random, 3, 20),
        new BugCase("unlocked-free-migratetype", 0.001, ScheduleStrategyKind.Pct, 3, 1500),
        new BugCase("merge-across-isolated", 0.001, ScheduleStrategyKind.Random, 3, 20),
        new BugCase("drain-count-unlocked", 0.001, ScheduleStrategyKind.Random, 3, 500),
        new BugCase("racy-drain-filter", 0.001, ScheduleStrategyKind.Random, 3, 580),
        new BugCase("fallback-frees-as-movable", 0.004, ScheduleStrategyKind.Random, 3, 20),
        new BugCase("free-vs-steal", 0.002, ScheduleStrategyKind.Random, 3, 10),
        new BugCase("no-contig-mutex", 0.002, ScheduleStrategyKind.Random, 3, 20),
        new BugCase("stale-ebusy", 0.001, ScheduleStrategyKind.Pct, 2, 350),
    ];

    /// <summary>One test per bug, by name.</summary>
    public static TheoryData<string> Names => new(Cases.Select(c => c.Bug));

    [Theory]
    [MemberData(nameof(Names))]
    public void Found_with_the_bug_on_and_not_with_it_off_in_the_same_budget(string name)
    {
        var bug = Cases.Single(c => c.Bug == name);
        // Two systems each way: the schedules run two at a time, and the result is the one-system result.
        ScenarioScheduleTarget[] withBug = [new(bug.Scenario(on: true)), new(bug.Scenario(on: true))];
        ScenarioScheduleTarget[] withoutBug = [new(bug.Scenario(on: false)), new(bug.Scenario(on: false))];
        try
        {
            var found = RaceExploration.AssertFoundOnlyWithBug(withBug, withoutBug, bug.Options, bug.Historical.CaughtBy);
            Assert.True(found.SchedulesRun <= bug.Schedules);
        }
        finally
        {
            foreach (var target in withBug.Concat(withoutBug))
                target.Dispose();
        }
    }

    [Fact]
    public void Every_bug_of_the_registry_has_a_case()
    {
        var covered = Cases.Select(c => c.Bug).Order().ToList();
        Assert.Equal(HistoricalBugs.Names.Order(), covered);
    }
}
