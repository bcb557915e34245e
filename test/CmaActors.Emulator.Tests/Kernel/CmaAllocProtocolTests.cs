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
}
