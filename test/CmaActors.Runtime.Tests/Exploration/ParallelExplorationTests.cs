using CmaActors.Runtime.Tests.Support;

namespace CmaActors.Runtime.Tests.Exploration;

/// <summary>
/// Exploring on several threads: whatever order the schedules finish in, the result is the one a single thread gives.
/// </summary>
public sealed class ParallelExplorationTests
{
    public static TheoryData<int[], int> FailingSeeds => new()
    {
        { [], 1 }, { [], 2 }, { [], 4 },
        { [0], 2 }, { [0], 3 },
        { [37], 2 }, { [37], 4 },
        { [37, 38, 90], 2 }, { [38, 37, 90], 8 },
        { [199], 3 },
    };

    [Theory]
    [MemberData(nameof(FailingSeeds))]
    public void Several_workers_report_what_one_reports(int[] failing, int workers)
    {
        var options = new ExplorationOptions { Schedules = 200, SeedStart = 0 };
        var one = ScheduleExplorer.Explore(new SeededTarget(failing), options);
        var progress = new List<int>();
        var opened = new List<SeededTarget>();
        var many = ScheduleExplorer.Explore(() =>
        {
            var target = new SeededTarget(failing);
            opened.Add(target);
            return target;
        }, options, workers, progress.Add);

        Assert.Equal(workers, many.Workers);
        Assert.Equal(workers, opened.Count);
        Assert.All(opened, t => Assert.True(t.Disposed));
        Assert.Equal(one.SchedulesRun, many.SchedulesRun);
        Assert.Equal(one.Steps, many.Steps);
        Assert.Equal(one.FailingSchedule, many.FailingSchedule);
        Assert.Equal(one.Outcome?.Steps, many.Outcome?.Steps);
        Assert.Equal(one.Outcome?.Failure?.Detail, many.Outcome?.Failure?.Detail);
        Assert.Equal(failing.Length == 0 ? 200 : failing.Min() + 1, many.SchedulesRun);

        // Progress counts schedules from the first seed with none missing: it only grows, and ends at the result.
        Assert.Equal(progress.OrderBy(p => p).Distinct(), progress);
        Assert.Equal(many.SchedulesRun, progress[^1]);

        // No seed ran twice, and every seed the result counts ran.
        var ran = opened.SelectMany(t => t.Seeds).ToList();
        Assert.Equal(ran.Distinct().Count(), ran.Count);
        Assert.Subset(ran.ToHashSet(), Enumerable.Range(0, many.SchedulesRun).ToHashSet());
    }

    [Fact]
    public void The_earliest_seed_that_throws_is_rethrown_unless_an_earlier_seed_failed()
    {
        var options = new ExplorationOptions { Schedules = 100 };
        var thrown = Assert.Throws<InvalidOperationException>(() =>
            ScheduleExplorer.Explore(() => new SeededTarget([60], throwing: [45, 20, 80]), options, 3));
        Assert.Equal("seed 20", thrown.Message);

        var result = ScheduleExplorer.Explore(() => new SeededTarget([10], throwing: [45, 20]), options, 3);
        Assert.Equal(10, result.FailingSchedule!.Seed);
        Assert.Equal(11, result.SchedulesRun);
    }

    [Fact]
    public void A_pct_horizon_is_measured_once_and_used_by_every_worker()
    {
        var options = new ExplorationOptions { Strategy = ScheduleStrategyKind.Pct, Schedules = 40, SeedStart = 5 };
        var one = ScheduleExplorer.Explore(new SeededTarget([30]), options);
        var many = ScheduleExplorer.Explore(() => new SeededTarget([30]), options, 2);
        Assert.Equal(one.Options.Horizon, many.Options.Horizon);
        Assert.True(many.Options.Horizon > 0);
        Assert.Equal(one.FailingSchedule, many.FailingSchedule);
    }

    [Fact]
    public void More_workers_than_schedules_open_a_target_per_schedule()
    {
        var opened = 0;
        var result = ScheduleExplorer.Explore(() =>
        {
            opened++;
            return new SeededTarget([]);
        }, new ExplorationOptions { Schedules = 2 }, 8);
        Assert.Equal(2, opened);
        Assert.Equal(2, result.SchedulesRun);
    }

    [Fact]
    public void Actor_systems_on_several_threads_find_the_lost_update_at_the_seed_one_thread_finds()
    {
        var options = new ExplorationOptions { Schedules = 200, SeedStart = 40 };
        using var single = new LostUpdateTarget(atomic: false);
        var one = ScheduleExplorer.Explore(single, options);
        var many = ScheduleExplorer.Explore(() => new LostUpdateTarget(atomic: false), options, 2);
        Assert.True(one.Found);
        Assert.Equal(one.FailingSchedule, many.FailingSchedule);
        Assert.Equal(one.SchedulesRun, many.SchedulesRun);
        Assert.Equal(one.Steps, many.Steps);
        Assert.True(one.Outcome!.Failure!.SameAs(many.Outcome!.Failure));
    }

    [Fact]
    public void Workers_must_be_at_least_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleExplorer.Explore(() => new SeededTarget([]), new ExplorationOptions(), 0));

    /// <summary>
    /// A target whose outcome is a function of the seed: steps from a hash of it, a failure at the listed seeds. It
    /// waits a seed-dependent while first, so that schedules on several threads finish out of seed order.
    /// </summary>
    private sealed class SeededTarget(int[] failing, int[]? throwing = null) : IScheduleTarget, IDisposable
    {
        public List<int> Seeds { get; } = [];

        public bool Disposed { get; private set; }

        public ScheduleOutcome Run(ExplorationStrategy strategy)
        {
            var seed = strategy.Seed;
            Seeds.Add(seed);
            var hash = (uint)(seed * 2654435761u) >> 20;
            // A failing seed, and every tenth, takes long enough for the other workers to finish later seeds first.
            if (failing.Contains(seed) || seed % 10 == 3)
                Thread.Sleep(20);
            else
                Thread.SpinWait((int)(hash % 64) * 200);
            if (throwing?.Contains(seed) == true)
                throw new InvalidOperationException($"seed {seed}");
            var failure = failing.Contains(seed) ? new ScheduleFailure("seeded", seed, -1, $"seed {seed}", []) : null;
            return new ScheduleOutcome(100 + hash % 1000, 10 + seed % 7, failure);
        }

        public void Dispose() => Disposed = true;
    }
}
