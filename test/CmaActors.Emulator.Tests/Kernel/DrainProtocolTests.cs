using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Protocol.Cma;

namespace CmaActors.Emulator.Tests.Kernel;

/// <summary>drain_all_pages() as each kernel profile runs it, pinned on a quiet machine.</summary>
public sealed class DrainProtocolTests
{
    private static long DrainMutexHold(DrainHarness h) =>
        Assert.Single(h.Machine.MutexStats, s => s.LockClass == "pcpu_drain_mutex").HoldTotalNs;

    [Fact]
    public void Since_6_0_the_caller_pays_one_cpu_after_another_so_a_drain_of_n_cpus_costs_the_sum()
    {
        var holds = new List<long>();
        var counts = new List<int>();
        for (var loaded = 1; loaded <= 4; loaded++)
        {
            using var h = new DrainHarness("6.12");
            h.Fill(Enumerable.Range(0, loaded), pages: 40);
            counts.Add(h.PcpCount(loaded - 1));
            var result = h.CmaAlloc(16);
            Assert.Equal(CmaAllocStatus.Success, result.Status);
            Assert.All(Enumerable.Range(0, loaded), cpu => Assert.Equal(0, h.PcpCount(cpu)));
            holds.Add(DrainMutexHold(h));
        }

        // Every CPU drained adds its own remote lock, zone->lock round trip and free_pcppages_bulk() to the hold.
        var costs = new CmaActors.Emulator.Scenarios.CostSpec();
        var n = counts[0];
        Assert.All(counts, c => Assert.Equal(n, c));
        Assert.True(n > 0);
        var perCpu = 3 * costs.LockHandoffNs + costs.BuddyPageNs * n;
        for (var k = 1; k < holds.Count; k++)
            Assert.Equal(perCpu, holds[k] - holds[k - 1]);
    }

    [Fact]
    public void An_idle_cma_alloc_makes_no_zone_lock_contention_with_caller_side_drains_but_does_with_work_items()
    {
        long ZoneContentions(string kernel)
        {
            using var h = new DrainHarness(kernel);
            h.Fill([0, 1, 2, 3], pages: 40);
            var before = ZoneLock(h)?.Contentions ?? 0;
            Assert.Equal(CmaAllocStatus.Success, h.CmaAlloc(16).Status);
            return (ZoneLock(h)?.Contentions ?? 0) - before;
        }

        Assert.Equal(0, ZoneContentions("6.12"));
        Assert.Equal(0, ZoneContentions("6.1"));
        Assert.True(ZoneContentions("5.10") > 0, "the work-item drains of four CPUs should meet at zone->lock");
    }

    private static CmaActors.Emulator.Stats.LockStat? ZoneLock(DrainHarness h) =>
        h.Session.Locks!.Locks.FirstOrDefault(l => l.LockClass == "&zone->lock");

    [Fact]
    public void Drains_of_6_12_go_in_chunks_of_batch_shifted_by_the_scale_max()
    {
        using var h = new DrainHarness("6.12", cpus: 2);
        h.Fill([1], pages: 600);
        var count = h.PcpCount(1);
        Assert.True(count > 8 << KernelProfiles.Linux612.PcpBatchScaleMax, $"only {count} pages on the list");
        var flushesBefore = h.Machine.Cpus[1].PcpFlushes;
        Assert.Equal(CmaAllocStatus.Success, h.CmaAlloc(16).Status);
        var chunks = h.Machine.Cpus[1].PcpFlushes - flushesBefore;
        Assert.Equal((count + 255) / 256, chunks);
        Assert.Equal(0, h.PcpCount(1));
    }

    [Fact]
    public void The_work_item_protocol_of_5_10_drains_on_the_drained_cpus()
    {
        using var h = new DrainHarness("5.10");
        h.Fill([1, 2], pages: 40);
        Assert.Equal(CmaAllocStatus.Success, h.CmaAlloc(16).Status);
        Assert.Equal(0, h.PcpCount(1));
        Assert.Equal(0, h.PcpCount(2));
        Assert.Equal(0, h.Machine.Cpus.Sum(c => c.PcpTrylockFallbacks));
    }
}

/// <summary>lru_cache_disable() in __alloc_contig_migrate_range(), after drain_all_pages() has returned.</summary>
public sealed class LruCacheDisableTests
{
    [Fact]
    public void Since_5_13_on_6_x_lru_cache_disable_waits_an_expedited_grace_period_outside_pcpu_drain_mutex()
    {
        var costs = new CmaActors.Emulator.Scenarios.CostSpec();
        using var h = new DrainHarness("6.12");
        var (result, duration) = h.TimedCmaAlloc(16);
        Assert.Equal(CmaAllocStatus.Success, result.Status);
        var drainMutex = Assert.Single(h.Machine.MutexStats, s => s.LockClass == "pcpu_drain_mutex");
        Assert.True(drainMutex.HoldTotalNs < costs.RcuExpeditedNs, $"pcpu_drain_mutex held {drainMutex.HoldTotalNs} ns");
        Assert.True(duration >= costs.RcuExpeditedNs, $"cma_alloc took {duration} ns");
        Assert.Equal(0, h.Machine.LruDisableCount);
    }

    [Fact]
    public void The_5_10_profile_keeps_the_older_step_the_lru_drain_inside_pcpu_drain_mutex()
    {
        long DrainMutexHold(string kernel)
        {
            using var h = new DrainHarness(kernel);
            Assert.Equal(CmaAllocStatus.Success, h.CmaAlloc(16).Status);
            return Assert.Single(h.Machine.MutexStats, s => s.LockClass == "pcpu_drain_mutex").HoldTotalNs;
        }

        // No pcp page anywhere: the 6.12 hold has no CPU to drain; the 5.10 one waits for every CPU's LRU work item.
        var costs = new CmaActors.Emulator.Scenarios.CostSpec();
        Assert.True(DrainMutexHold("5.10") >= DrainMutexHold("6.12") + costs.IpiNs);
    }
}
