using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>
/// The cma_alloc() state machine, <c>CmaAllocTask</c>, against the actors it talks to — the area (cma->lock), the
/// zone (zone->lock), the CPUs (pcp->lock) and the mutexes — one kernel step per test on a quiet machine.
/// </summary>
public sealed class CmaAllocProtocolTests
{
    [Fact]
    public void A_range_that_starts_inside_a_larger_free_block_is_tested_from_outer_start_and_taken()
    {
        using var h = new DrainHarness("6.12");
        var area = h.Machine.Areas[0];
        // Another caller holds bits 0-3 but has not taken its pages: pfn base+4 lies inside a free max-order block.
        h.ReserveBits(0, 4);
        var zone = area.Zone;
        var head = zone.FindBuddyHead(area.BasePfn + 4);
        Assert.True(head >= 0 && head < area.BasePfn + 4, "the range should start inside a larger free block");

        var result = h.CmaAlloc(4);

        Assert.Equal(CmaAllocStatus.Success, result.Status);
        Assert.Equal(area.BasePfn + 4, result.Pfn);
        Assert.Equal(0, result.BusyRetries);
        // The head of the block, outside the range, went back to the free lists.
        Assert.True(zone.IsFree(area.BasePfn));
    }

    [Fact]
    public void A_free_mutex_is_taken_without_a_wake_up_and_a_woken_waiter_holds_it_from_when_it_runs()
    {
        (long IdleNs, long HoldTotalNs, long WaitMaxNs, long Contentions) Run(long wakeupNs)
        {
            using var h = new DrainHarness("6.12", costs: new CostSpec { MutexWakeupNs = wakeupNs });
            var (idle, idleNs) = h.TimedCmaAlloc(16);
            Assert.Equal(CmaAllocStatus.Success, idle.Status);
            var first = h.StartCmaAlloc(16, cpu: 0);
            var second = h.StartCmaAlloc(16, cpu: 1);
            h.Advance(20_000_000);
            Assert.Equal(CmaAllocStatus.Success, first.Result.Result.Status);
            Assert.Equal(CmaAllocStatus.Success, second.Result.Result.Status);
            var mutex = Assert.Single(h.Machine.MutexStats, s => s.LockClass == "cma_mutex");
            return (idleNs, mutex.HoldTotalNs, mutex.WaitMaxNs, mutex.Contentions);
        }

        var quick = Run(5_000);
        var slow = Run(500_000);

        // mutex_lock() fast path: the idle call takes cma_mutex and pcpu_drain_mutex free, so no wake-up is paid.
        Assert.Equal(quick.IdleNs, slow.IdleNs);
        Assert.Equal(1, slow.Contentions);
        // The second caller slept: its wait includes being woken, its hold does not.
        Assert.True(slow.WaitMaxNs - quick.WaitMaxNs >= 495_000, $"waits {quick.WaitMaxNs} and {slow.WaitMaxNs} ns");
        Assert.Equal(quick.HoldTotalNs, slow.HoldTotalNs);
    }

    [Fact]
    public void The_range_test_and_take_hold_zone_lock_per_free_block_not_per_page()
    {
        var costs = new CostSpec();
        using var h = new DrainHarness("6.12", memoryMiB: 128, cmaMiB: 32);
        var (result, duration) = h.TimedCmaAlloc(8192);
        var zoneLock = Assert.Single(h.Session.Locks!.Locks, l => l.LockClass == "&zone->lock");

        Assert.Equal(CmaAllocStatus.Success, result.Status);
        // One walk of 8,192 pages under the lock would hold it 8,192 x IsolatedPageScanNs (1.2 ms); test_pages_isolated()
        // steps by free block (8 of order 10) and isolate_freepages_block() takes one block per hold.
        Assert.True(zoneLock.HoldMaxNs < 64 * costs.IsolatedPageScanNs, $"zone->lock held {zoneLock.HoldMaxNs} ns at most");
        // split_map_pages() still touches every page, on the caller's CPU and outside the lock.
        Assert.True(duration >= 8192 * costs.IsolatedPageScanNs, $"cma_alloc took {duration} ns");
        Assert.Equal(8192, result.Pages!.PageCount);
    }

    [Fact]
    public void An_idle_cma_alloc_undoes_isolation_and_frees_one_step_after_another_so_zone_lock_is_never_contended()
    {
        using var h = new DrainHarness("6.12", memoryMiB: 128, cmaMiB: 32);
        h.Fill([0, 1, 2, 3], pages: 40);
        var before = ZoneLock(h);
        var (contentions, acquisitions) = (before.Contentions, before.Acquisitions);
        var (result, _) = h.TimedCmaAlloc(8192);

        Assert.Equal(CmaAllocStatus.Success, result.Status);
        var after = ZoneLock(h);
        Assert.True(after.Acquisitions - acquisitions > 16 * 2, "every pageblock is isolated and restored under zone->lock");
        Assert.Equal(contentions, after.Contentions);
    }

    [Fact]
    public void The_rest_of_a_taken_free_block_is_freed_page_by_page_each_under_its_own_zone_lock_hold()
    {
        using var h = new DrainHarness("6.12");
        var area = h.Machine.Areas[0];
        var pageblock = h.Machine.Geometry.PageblockNrPages;
        var zone = area.Zone;
        var (freeBefore, cmaFreeBefore) = (zone.NrFreePages, zone.NrFreeCmaPages);
        var acquisitions = h.Session.Locks!.Locks.FirstOrDefault(l => l.LockClass == "&zone->lock")?.Acquisitions ?? 0;

        var result = h.CmaAlloc(1);

        Assert.Equal(CmaAllocStatus.Success, result.Status);
        // isolate_freepages_range() took the whole free pageblock holding the page; free_contig_range() gave the other
        // pageblock - 1 pages back one __free_page() at a time, each to free_one_page() (the pageblock is isolated).
        var taken = ZoneLock(h).Acquisitions - acquisitions;
        Assert.InRange(taken, pageblock - 1, pageblock - 1 + 8);
        Assert.Equal(0, ZoneLock(h).Contentions);
        // They merged back: only the allocated page is missing from the free counts, and they are CMA again.
        Assert.Equal((freeBefore - 1, cmaFreeBefore - 1), (zone.NrFreePages, zone.NrFreeCmaPages));
        Assert.True(zone.IsFree(area.BasePfn + pageblock - 1));
    }

    private static CmaActors.Emulator.Stats.LockStat ZoneLock(DrainHarness h) =>
        Assert.Single(h.Session.Locks!.Locks, l => l.LockClass == "&zone->lock");

    [Fact]
    public void A_busy_retry_clears_its_bits_and_searches_again_without_contending_cma_lock_with_itself()
    {
        using var h = new DrainHarness("6.12");
        var area = h.Machine.Areas[0];
        // A page in use at the area's start that nothing can migrate (no process owns it): the first range fails.
        var holder = h.Machine.Holders.Create("stuck", PagePlace.Owned);
        Assert.True(area.Zone.IsolateFreePagesRange(area.BasePfn, area.BasePfn + 1, PagePlace.Owned, holder.Id));
        holder.Add(area.BasePfn, CmaActors.Emulator.Pages.PageKind.Anon);

        var result = h.CmaAlloc(16);

        Assert.Equal(CmaAllocStatus.Success, result.Status);
        Assert.Equal(1, result.BusyRetries);
        Assert.Equal(area.BasePfn + 1, result.Pfn);
        var cmaLock = Assert.Single(h.Session.Locks!.Locks, l => l.LockClass == "&cma->lock");
        Assert.True(cmaLock.Acquisitions >= 3, $"{cmaLock.Acquisitions} acquisitions");
        Assert.Equal(0, cmaLock.Contentions);
    }

    [Fact]
    public void Pinned_pages_fail_fast_skipped_at_isolation_the_range_fails_its_test_after_one_pass_with_no_migrate_rounds()
    {
        (CmaAllocResult Result, long DurationNs, long BusyAtOwner, bool StillHeld) Run(bool pin)
        {
            using var h = new DrainHarness("6.12", memoryMiB: 16, cmaMiB: 12);
            var area = h.Machine.Areas[0];
            var owner = h.HoldPages(1, 64);
            var inArea = Enumerable.Range(0, owner.SlotCount).Select(owner.PfnAt).Where(area.Contains).ToList();
            Assert.True(inArea.Count > 1, "the process's pages should come from CMA (more than half of free memory)");
            var pinned = inArea[inArea.Count / 2];
            if (pin)
                h.Machine.Frames.Pin(pinned);
            var (result, duration) = h.TimedCmaAlloc(area.PageCount);
            return (result, duration, area.Counters.MigrateBusyPages, owner.Holds(pinned));
        }

        var free = Run(pin: false);
        var pinned = Run(pin: true);

        Assert.Equal(CmaAllocStatus.Success, free.Result.Status);
        Assert.NotEqual(CmaAllocStatus.Success, pinned.Result.Status);
        Assert.Equal(1, pinned.Result.BusyRetries);
        // isolate_migratepages_block() never isolated the pinned page: its owner was not asked, nothing was retried.
        Assert.Equal(0, pinned.BusyAtOwner);
        Assert.True(pinned.StillHeld);
        Assert.True(pinned.DurationNs <= free.DurationNs, $"pinned {pinned.DurationNs} ns, unpinned {free.DurationNs} ns");
    }
}
