using CmaActors.Memory.Audit;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Memory.Tests.Pcp;

public class PerCpuPagesTests
{
    [Fact]
    public void List_indexes_follow_order_to_pindex()
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(0, zone, high: 10, batch: 4);
        Assert.Equal(13, PerCpuPages.NrPcpLists);
        Assert.Equal(0, pcp.OrderToPindex(MigrateType.Unmovable, 0));
        Assert.Equal(1, pcp.OrderToPindex(MigrateType.Movable, 0));
        Assert.Equal(2, pcp.OrderToPindex(MigrateType.Reclaimable, 0));
        Assert.Equal(4, pcp.OrderToPindex(MigrateType.Movable, 1));
        Assert.Equal(11, pcp.OrderToPindex(MigrateType.Reclaimable, 3));
        Assert.Equal(1, pcp.OrderToPindex(MigrateType.Cma, 0));
        Assert.Equal(7, pcp.OrderToPindex(MigrateType.HighAtomic, 2));
        Assert.Equal(12, pcp.OrderToPindex(MigrateType.Unmovable, 4)); // THP: pageblock order
        Assert.Equal(4, pcp.PindexToOrder(12));
        Assert.Equal(2, pcp.PindexToOrder(7));
        Assert.True(pcp.IsPcpOrder(3));
        Assert.True(pcp.IsPcpOrder(4));
        Assert.False(pcp.IsPcpOrder(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => pcp.OrderToPindex(MigrateType.Movable, 5));
    }

    [Fact]
    public void Order_zero_only_lists_before_5_14()
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(0, zone, high: 10, batch: 4, highOrderLists: false);
        Assert.True(pcp.IsPcpOrder(0));
        Assert.False(pcp.IsPcpOrder(1));
        Assert.False(pcp.IsPcpOrder(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => pcp.OrderToPindex(MigrateType.Movable, 1));
    }

    [Fact]
    public void Bulk_batch_scales_with_order()
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(0, zone, high: 378, batch: 63);
        Assert.Equal(63, pcp.BulkBatch(0));
        Assert.Equal(31, pcp.BulkBatch(1));
        Assert.Equal(7, pcp.BulkBatch(3));
        Assert.Equal(3, pcp.BulkBatch(4));
        pcp.Batch = 4;
        Assert.Equal(2, pcp.BulkBatch(3));
        Assert.Equal(2, pcp.BulkBatch(1));
    }

    [Fact]
    public void Refill_take_free_and_drain()
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(1, zone, high: 6, batch: 4);
        Span<int> pfns = stackalloc int[8];
        var n = zone.RmqueueBulk(0, MigrateType.Movable, pcp.BulkBatch(0), AllocFlags.Cma, pfns, PagePlace.InFlight, 77);
        Assert.Equal(4, n);
        pcp.AddRefill(pfns[..n], 0, MigrateType.Movable);
        Assert.Equal(4, pcp.Count);
        Assert.Equal(4, zone.Frames.CountPlace(0, 4, PagePlace.Pcp));
        Assert.Equal(1, zone.Frames.GetHolder(3));
        Assert.Empty(ZoneAudit.AuditPcp(pcp));

        Assert.Equal(0, pcp.TakeFirst(0, MigrateType.Movable, PagePlace.Owned, 5));
        Assert.Equal(-1, pcp.TakeFirst(0, MigrateType.Unmovable));
        Assert.Equal(3, pcp.Count);
        Assert.Empty(ZoneAudit.AuditPcp(pcp));

        pcp.Add(0, 0, MigrateType.Movable);
        Assert.Equal(4, pcp.Count);
        Assert.False(pcp.OverHigh);
        Assert.Equal(0, pcp.List(1).Head);

        var out1 = new PcpPage[8];
        var taken = pcp.TakeForFree(2, out1);
        Assert.Equal([new PcpPage(3, 0, MigrateType.Movable), new PcpPage(2, 0, MigrateType.Movable)], out1[..taken]);
        Assert.Equal(2, pcp.Count);
        zone.FreePcpBulk(out1.AsSpan(0, taken), PcpFreeTypeSource.PageblockUnderLock);

        taken = pcp.TakeAll(out1);
        Assert.Equal(2, taken);
        Assert.Equal(0, pcp.Count);
        zone.FreePcpBulk(out1.AsSpan(0, taken), PcpFreeTypeSource.PageblockUnderLock);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        Assert.Empty(ZoneAudit.AuditPcp(pcp));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Cma_and_highatomic_pages_ride_on_the_movable_list_and_keep_their_cached_type()
    {
        var zone = TestZones.Create(2, null, 1);
        var pcp = new PerCpuPages(0, zone, high: 6, batch: 4);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        var cma = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        Assert.Equal(0, pfn);
        Assert.Equal(16, cma);
        pcp.Add(cma, 0, MigrateType.Cma);
        Assert.True(pcp.List(pcp.OrderToPindex(MigrateType.Movable, 0)).Contains(cma));
        var out1 = new PcpPage[4];
        Assert.Equal(1, pcp.TakeAll(out1));
        Assert.Equal(MigrateType.Cma, out1[0].CachedType);
        zone.FreePcpBulk(out1.AsSpan(0, 1), PcpFreeTypeSource.Cached);
        Assert.Equal(16, zone.NrFreeCmaPages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void TakeForFree_starts_at_the_list_last_freed_to_and_goes_round()
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(0, zone, high: 100, batch: 4);
        var a = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        var b = zone.Rmqueue(1, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        var c = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        pcp.Add(a, 0, MigrateType.Movable);
        pcp.Add(c, 0, MigrateType.Movable);
        pcp.Add(b, 1, MigrateType.Movable);   // lists[4]
        Assert.Equal(4, pcp.LastFreedPindex);
        Assert.Equal(4, pcp.Count);
        var out1 = new PcpPage[8];
        var n = pcp.TakeForFree(3, out1);
        // lists[4] first (2 pages), then round to lists[1] from its tail (the first page added).
        Assert.Equal([new PcpPage(b, 1, MigrateType.Movable), new PcpPage(a, 0, MigrateType.Movable)], out1[..n]);
        Assert.Equal(1, pcp.Count);
    }

    [Fact]
    public void TakeForFree_stops_when_the_output_is_full()
    {
        var zone = TestZones.Create(4);
        var pcp = new PerCpuPages(0, zone, high: 100, batch: 4);
        for (var i = 0; i < 5; i++)
            pcp.Add(zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1), 0, MigrateType.Movable);
        var out1 = new PcpPage[2];
        Assert.Equal(2, pcp.TakeForFree(5, out1));
        Assert.Equal(3, pcp.Count);
        Assert.Equal(2, pcp.TakeAll(out1));
        Assert.Equal(1, pcp.Count);
    }
}
