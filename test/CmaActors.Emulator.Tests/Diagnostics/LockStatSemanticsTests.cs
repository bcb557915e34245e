using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Tests.Diagnostics;

/// <summary>
/// lock_stat's rules as kernel/locking/lockdep.c has them: lock_point() keeps the first four distinct sites of a class
/// in first-seen order; lock_acquired() runs for every acquisition but a trylock and counts the acquired bounce against
/// lock->cpu; lock_contended() counts the contended bounce against lock->cpu and names lock->ip as contending point.
/// </summary>
public sealed class LockStatSemanticsTests
{
    private static CallSite At(string function, int cpu) => new(function, cpu);

    [Fact]
    public void The_first_four_distinct_sites_are_kept_in_first_seen_order_and_later_ones_are_not_counted()
    {
        var stat = new LockStat("&zone->lock", "Normal");
        var t = 0L;
        void Wait(string function) => stat.Acquired(At(function, 1), 10, At("free_pcppages_bulk", 0), t += 100);
        foreach (var f in new[] { "rmqueue_bulk", "free_one_page", "rmqueue_bulk", "set_migratetype_isolate", "test_pages_isolated",
                     "unset_migratetype_isolate", "rmqueue_bulk", "unset_migratetype_isolate" })
            Wait(f);
        var result = LockStatText.ByClass([Result(stat)]).Single();
        Assert.Equal(["rmqueue_bulk", "free_one_page", "set_migratetype_isolate", "test_pages_isolated"],
            result.ContentionSites.Select(s => s.Function));
        Assert.Equal([3L, 1L, 1L, 1L], result.ContentionSites.Select(s => s.Contentions));
        // The emulator's own view keeps every place, the fifth site too, most contentions first.
        Assert.Equal(5, result.ContentionPoints.Count);
        Assert.Equal("rmqueue_bulk", result.ContentionPoints[0].Function);
        Assert.Equal(8, result.Contentions);
    }

    [Fact]
    public void A_class_keeps_its_first_four_sites_over_all_its_instances()
    {
        var cpu0 = new LockStat("&pcp->lock", "cpu0");
        var cpu1 = new LockStat("&pcp->lock", "cpu1");
        cpu1.Acquired(At("drain_pages_zone", 2), 5, CallSite.Unknown, 100);
        cpu0.Acquired(At("a", 2), 5, CallSite.Unknown, 200);
        cpu0.Acquired(At("b", 2), 5, CallSite.Unknown, 300);
        cpu1.Acquired(At("c", 2), 5, CallSite.Unknown, 400);
        cpu0.Acquired(At("e", 2), 5, CallSite.Unknown, 500);
        cpu1.Acquired(At("drain_pages_zone", 3), 5, CallSite.Unknown, 600);
        var sites = LockStatText.FirstSites([Result(cpu0).ContentionSites, Result(cpu1).ContentionSites]);
        Assert.Equal([("drain_pages_zone", 2L), ("a", 1L), ("b", 1L), ("c", 1L)], sites.Select(s => (s.Function, s.Contentions)));
    }

    [Fact]
    public void A_trylock_records_no_acquired_bounce_and_leaves_lock_cpu_and_ip()
    {
        var stat = new LockStat("&pcp->lock", "cpu1");
        stat.Acquired(1, trylock: true, "rmqueue_pcplist");
        stat.Acquired(2, trylock: false, "drain_pages_zone");
        stat.Acquired(1, trylock: true, "free_unref_page");
        stat.Acquired(1, trylock: true, "rmqueue_pcplist");
        Assert.Equal(0, stat.AcqBounces);
        Assert.Equal(new LockAcquirer(2, "drain_pages_zone"), stat.LastAcquirer);
        stat.Acquired(3, trylock: false, "drain_pages_zone");
        Assert.Equal(1, stat.AcqBounces);
        Assert.Equal(5, stat.Acquisitions);

        // A waiter on cpu3 while cpu1's own trylock holds the lock: lock->cpu is 3, so no contended bounce, and the
        // contending point is lock->ip (the last drain), not the trylock holder.
        stat.Acquired(At("drain_pages_zone", 3), 40, At("free_unref_page", 1), 1_000);
        Assert.Equal(0, stat.ConBounces);
        Assert.Equal(["drain_pages_zone"], stat.KernelContendingSites.Select(s => s.Function));
        Assert.Equal(["free_unref_page"], stat.ContendingPoints.Select(p => p.Site.Function));
        stat.Acquired(At("drain_pages_zone", 0), 40, At("free_unref_page", 1), 2_000);
        Assert.Equal(1, stat.ConBounces);
    }

    [Fact]
    public void The_contended_bounce_uses_lock_cpu_when_the_waiter_asked()
    {
        var stat = new LockStat("cma_mutex", "cma_mutex");
        stat.Acquired(0, function: "cma_alloc");
        // Queued while cpu0 held it; granted after cpu2 had taken it in between.
        stat.Acquired(At("cma_alloc", 2), 100, At("cma_alloc", 0), 500, atContention: new LockAcquirer(0, "cma_alloc"));
        Assert.Equal(1, stat.ConBounces);
        stat.Acquired(At("cma_alloc", 2), 100, At("cma_alloc", 2), 900, atContention: new LockAcquirer(2, "cma_alloc"));
        Assert.Equal(1, stat.ConBounces);
    }

    [Fact]
    public void The_worst_wait_is_remembered_with_its_time_waiter_and_holder()
    {
        var stat = new LockStat("&zone->lock", "Normal");
        Assert.Null(stat.WorstWait);
        stat.Acquired(At("rmqueue_bulk", 1), 300, At("free_pcppages_bulk", 0), 1_000);
        stat.Acquired(At("free_pcppages_bulk", 2), 900, At("test_pages_isolated", 3), 5_000);
        stat.Acquired(At("rmqueue_bulk", 1), 900, At("free_pcppages_bulk", 0), 9_000);
        stat.Acquired(At("rmqueue_bulk", 1), 200, At("free_pcppages_bulk", 0), 12_000);
        Assert.Equal(new WorstWait(4_100, 5_000, 900, At("free_pcppages_bulk", 2), At("test_pages_isolated", 3)), stat.WorstWait);
        var worst = Result(stat).WorstWait!;
        Assert.Equal(("Normal", 4_100L, 5_000L, 900L, "free_pcppages_bulk", 2, "test_pages_isolated", 3),
            (worst.Instance, worst.StartNs, worst.EndNs, worst.WaitNs, worst.Function, worst.Cpu, worst.HolderFunction, worst.HolderCpu));
        Assert.Equal("at 0.000005 s, free_pcppages_bulk/cpu2 behind test_pages_isolated/cpu3", WorstWaitText.Of(worst));
    }

    /// <summary>The result of one lock, as the run's result builder makes it.</summary>
    private static LockResult Result(LockStat stat) => Emulator.Results.RunResultBuilder.Lock(stat);
}
