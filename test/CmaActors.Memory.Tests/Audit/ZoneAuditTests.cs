using CmaActors.Memory.Audit;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Memory.Tests.Audit;

public class ZoneAuditTests
{
    private static string[] Rules(IEnumerable<AuditViolation> violations) => violations.Select(v => v.Rule).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Race R1: a page freed to a pcp list while its block was MOVABLE, the block isolated meanwhile,
    /// then flushed with the cached type.</summary>
    private static (Zone Zone, PageFrameTable Frames) StaleCachedTypeFlush(PcpFreeTypeSource source)
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(0, zone, high: 100, batch: 4);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        Assert.Equal(0, pfn);
        pcp.Add(pfn, 0, zone.Frames.GetPageblockMigratetype(pfn));
        Assert.True(zone.SetMigratetypeIsolate(pfn, null).Succeeded);
        TestZones.AssertClean(zone);
        zone.Frames.ClearTouched();

        var pages = new PcpPage[4];
        var n = pcp.TakeAll(pages);
        zone.FreePcpBulk(pages.AsSpan(0, n), source);
        return (zone, zone.Frames);
    }

    [Fact]
    public void Cached_type_source_puts_an_isolated_page_on_a_movable_list_and_the_audit_reports_it()
    {
        var (zone, frames) = StaleCachedTypeFlush(PcpFreeTypeSource.Cached);
        // The page merged with its isolated buddies and then with the MOVABLE rest of the zone.
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        Assert.Equal(MigrateType.Isolate, frames.GetPageblockMigratetype(0));

        var full = ZoneAudit.AuditZone(zone);
        Assert.Equal([AuditRules.NrFreePages, AuditRules.BuddyPageblockType], Rules(full));

        var incremental = ZoneAudit.AuditFrames(zone, frames.TouchedRanges);
        Assert.Contains(incremental, v => v.Rule == AuditRules.NrFreePages);
        Assert.Contains(incremental, v => v.Rule == AuditRules.BuddyList || v.Rule == AuditRules.BuddyPageblockType);

        // The damage: an allocation is served from the isolated pageblock.
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 2);
        Assert.Equal(MigrateType.Isolate, frames.GetPageblockMigratetype(pfn));
    }

    [Fact]
    public void The_incremental_audit_is_its_frame_half_then_its_counter_half()
    {
        var (zone, frames) = StaleCachedTypeFlush(PcpFreeTypeSource.Cached);

        var framesOnly = new List<AuditViolation>();
        ZoneAudit.AuditFreeFrames(zone, frames.TouchedRanges, framesOnly);
        var countersOnly = new List<AuditViolation>();
        ZoneAudit.AuditFreeCounters(zone, countersOnly);

        Assert.DoesNotContain(framesOnly, v => v.Rule == AuditRules.NrFreePages);
        Assert.Contains(framesOnly, v => v.Rule == AuditRules.BuddyList || v.Rule == AuditRules.BuddyPageblockType);
        Assert.Equal([AuditRules.NrFreePages], Rules(countersOnly));
        Assert.Equal(framesOnly.Concat(countersOnly), ZoneAudit.AuditFrames(zone, frames.TouchedRanges));

        // The cap counts across both halves.
        var capped = new List<AuditViolation>();
        Assert.Equal(1, ZoneAudit.AuditFrames(zone, frames.TouchedRanges, capped, maxViolations: 1));
        Assert.Equal([framesOnly[0]], capped);
    }

    [Fact]
    public void Cached_unless_isolating_rereads_the_pageblock_type()
    {
        var (zone, _) = StaleCachedTypeFlush(PcpFreeTypeSource.CachedUnlessIsolating);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 0);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Pageblock_type_under_lock_is_always_right()
    {
        var (zone, frames) = StaleCachedTypeFlush(PcpFreeTypeSource.PageblockUnderLock);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 0);
        TestZones.AssertClean(zone);
        Assert.Empty(ZoneAudit.AuditFrames(zone, frames.TouchedRanges));
    }

    [Fact]
    public void Merge_across_isolated_pageblocks_drifts_the_counters_like_the_old_kernels()
    {
        foreach (var buggy in new[] { false, true })
        {
            var zone = TestZones.Create(4);
            zone.MergeAcrossIsolatedPageblocks = buggy;
            Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
            Assert.True(zone.SetMigratetypeIsolate(0, null).Succeeded);
            zone.FreePages(0, 4);
            if (!buggy)
            {
                TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 0);
                TestZones.AssertClean(zone);
                continue;
            }

            TestZones.AssertFreeBlocks(zone, 6, MigrateType.Isolate, 0);
            Assert.Equal(48, zone.NrFreePages); // the MOVABLE buddies' pages are still counted
            Assert.Equal([AuditRules.NrFreePages, AuditRules.BuddyPageblockType], Rules(ZoneAudit.AuditZone(zone)));
        }
    }

    [Fact]
    public void Stale_isolate_type_strands_a_page_after_unisolation()
    {
        // Race R2, mirror case: the freeing CPU read ISOLATE, the block was un-isolated before it took the lock.
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.True(zone.SetMigratetypeIsolate(0, null).Succeeded);
        var stale = zone.Frames.GetPageblockMigratetype(0);
        zone.UnsetMigratetypeIsolate(0);
        zone.FreeOnePage(0, 0, stale);
        Assert.Contains(ZoneAudit.AuditZone(zone), v => v.Rule == AuditRules.BuddyPageblockType);
        Assert.Contains(ZoneAudit.AuditZone(zone), v => v.Rule == AuditRules.NrFreePages);
    }

    [Fact]
    public void An_overlapping_free_block_is_reported_with_the_block_it_overlaps()
    {
        var zone = TestZones.Create(8);
        var frames = zone.Frames;
        var list = frames.ListOf(0)!;
        Assert.Same(list, frames.ListOf(64));
        list.AddTail(16); // an order-6 "block" at 16 overlaps the blocks at 0 (first) and 64
        var overlaps = ZoneAudit.AuditZone(zone).Where(v => v.Rule == AuditRules.BuddyOverlap).ToList();
        var overlap = Assert.Single(overlaps);
        Assert.Equal(16, overlap.Pfn);
        Assert.EndsWith("block at 16 overlaps the free block at 0", overlap.Detail);
    }

    [Fact]
    public void Audit_finds_orphans_wrong_places_and_counter_drift()
    {
        var zone = TestZones.Create(2);
        var frames = zone.Frames;
        Assert.Empty(ZoneAudit.AuditZone(zone));

        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        frames.SetPlace(pfn, 1, PagePlace.Buddy, zone.Id); // claims to be free but is on no list
        Assert.Contains(ZoneAudit.AuditZone(zone), v => v.Rule == AuditRules.BuddyOrphan && v.Pfn == pfn);
        Assert.Contains(ZoneAudit.AuditFrames(zone, frames.TouchedRanges), v => v.Rule == AuditRules.BuddyOrphan && v.Pfn == pfn);

        frames.SetPlace(pfn, 1, PagePlace.Owned, 1);
        frames.SetPlace(5, 1, PagePlace.InFlight, 3);        // a frame of a free block handed out
        Assert.Contains(ZoneAudit.AuditZone(zone), v => v.Rule == AuditRules.BuddyPlace && v.Pfn == 5);
        frames.SetPlace(5, 1, PagePlace.Buddy, zone.Id);
        Assert.Empty(ZoneAudit.AuditZone(zone));
    }

    [Fact]
    public void Pcp_audit_checks_count_and_places()
    {
        var zone = TestZones.Create(2);
        var pcp = new PerCpuPages(2, zone, high: 10, batch: 2);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        pcp.Add(pfn, 0, MigrateType.Movable);
        Assert.Empty(ZoneAudit.AuditPcp(pcp));

        zone.Frames.SetPlace(pfn, 1, PagePlace.Owned, 9);
        Assert.Contains(ZoneAudit.AuditPcp(pcp), v => v.Rule == AuditRules.PcpPlace && v.Pfn == pfn);

        zone.Frames.SetPlace(pfn, 1, PagePlace.Pcp, 2);
        var other = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Pcp, 2); // Pcp but not listed
        Assert.Contains(ZoneAudit.AuditPcp(pcp), v => v.Rule == AuditRules.PcpPlace && v.Pfn == other);
    }

    [Fact]
    public void Pcp_audit_of_several_cpus_finds_what_each_cpu_audit_finds()
    {
        var zone = TestZones.Create(4);
        var cpu1 = new PerCpuPages(1, zone, high: 10, batch: 2);
        var cpu2 = new PerCpuPages(2, zone, high: 10, batch: 2);
        cpu1.Add(zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1), 0, MigrateType.Movable);
        cpu2.Add(zone.Rmqueue(1, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1), 1, MigrateType.Movable);
        var violations = new List<AuditViolation>();
        Assert.Equal(0, ZoneAudit.AuditPcps([cpu1, cpu2], violations));

        // A frame Pcp held by cpu 2 on none of its lists, and one held by cpu 1 that cpu 2's list claims.
        var unlisted = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Pcp, 2);
        var stolen = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        cpu2.Add(stolen, 0, MigrateType.Movable);
        zone.Frames.SetPlace(stolen, 1, PagePlace.Pcp, 1);
        var expected = ZoneAudit.AuditPcp(cpu1).Concat(ZoneAudit.AuditPcp(cpu2)).Select(v => (v.Rule, v.Pfn)).Order().ToList();
        Assert.True(expected.Contains((AuditRules.PcpPlace, unlisted)), string.Join(", ", expected) + $" unlisted {unlisted}");
        Assert.Equal(2, expected.Count(v => v == (AuditRules.PcpPlace, stolen)));
        Assert.Equal(expected.Count, ZoneAudit.AuditPcps([cpu1, cpu2], violations));
        Assert.Equal(expected, violations.Select(v => (v.Rule, v.Pfn)).Order().ToList());

        // A CPU left out is not reported.
        violations.Clear();
        ZoneAudit.AuditPcps([cpu1], violations);
        Assert.DoesNotContain(violations, v => v.Pfn == unlisted);
        Assert.Throws<ArgumentException>(() => ZoneAudit.AuditPcps([cpu1, cpu1], violations));
    }

    [Fact]
    public void Clean_operations_leave_the_incremental_audit_clean()
    {
        var zone = TestZones.Create(4, null, 3);
        var frames = zone.Frames;
        frames.ClearTouched();
        var a = zone.Rmqueue(2, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        var b = zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 1);
        Assert.Empty(ZoneAudit.AuditFrames(zone, frames.TouchedRanges));
        frames.ClearTouched();
        Assert.True(zone.SetMigratetypeIsolate(a, null).Succeeded);
        zone.FreePages(a, 2);
        zone.FreePages(b, 0);
        Assert.Empty(ZoneAudit.AuditFrames(zone, frames.TouchedRanges));
        zone.UnsetMigratetypeIsolate(a);
        Assert.Empty(ZoneAudit.AuditFrames(zone, frames.TouchedRanges));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Violations_are_capped()
    {
        var zone = TestZones.Create(4);
        zone.Frames.SetPlace(0, 64, PagePlace.Owned, 1); // every frame of the free block now claims to be owned
        var into = new List<AuditViolation>();
        var n = ZoneAudit.AuditZone(zone, into, maxViolations: 1);
        Assert.Equal(1, n);
        Assert.Single(into);
    }
}
