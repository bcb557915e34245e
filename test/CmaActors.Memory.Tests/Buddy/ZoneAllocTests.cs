using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Buddy;

public class ZoneAllocTests
{
    [Fact]
    public void Expand_puts_the_halves_on_the_requested_type_lists()
    {
        var zone = TestZones.Create(4);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 7);
        Assert.Equal(0, pfn);
        for (var order = 0; order <= 5; order++)
            TestZones.AssertFreeBlocks(zone, order, MigrateType.Movable, 1 << order);
        Assert.Equal(0, zone.NrFree(6));
        Assert.Equal(63, zone.NrFreePages);
        Assert.Equal(PagePlace.Owned, zone.Frames.GetPlace(0));
        Assert.Equal(7, zone.Frames.GetHolder(0));
        Assert.False(zone.Frames.IsBuddyHead(0));
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPcpMigratetype(0));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Higher_order_allocation_takes_the_smallest_fitting_block()
    {
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(4, zone.Rmqueue(2, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(4, zone.Frames.CountPlace(4, 4, PagePlace.Owned));
        Assert.Equal(32, zone.Rmqueue(5, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(-1, zone.Rmqueue(5, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(64 - 1 - 4 - 32, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Cma_first_when_cma_is_over_half_of_free_memory()
    {
        var zone = TestZones.Create(4, null, 1, 2, 3);
        Assert.True(zone.NrFreeCmaPages > zone.NrFreePages / 2);
        Assert.Equal(16, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1));
        Assert.Equal(MigrateType.Cma, zone.Frames.GetPcpMigratetype(16));
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        zone.UseCmaFirstWhenOverHalfFree = false;
        Assert.Equal(1, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Movable_first_when_cma_is_not_over_half()
    {
        // Movable: order-5 block at 0 and order-4 block at 32; CMA: order-4 block at 48.
        var zone = TestZones.Create(4, null, 3);
        Assert.Equal(32, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1));
        Assert.Equal(16, zone.NrFreeCmaPages);
    }

    [Fact]
    public void Cma_pages_only_for_alloc_cma()
    {
        var zone = TestZones.Create(2, null, 1);
        Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(16, zone.NrFreePages);
        Assert.Equal(-1, zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(-1, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(-1, zone.Rmqueue(0, MigrateType.Reclaimable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(16, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1));
        Assert.Equal(15, zone.NrFreeCmaPages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Fallback_at_pageblock_order_claims_every_pageblock_of_the_block()
    {
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 1));
        for (var pfn = 0; pfn < 64; pfn += 16)
            Assert.Equal(MigrateType.Unmovable, zone.Frames.GetPageblockMigratetype(pfn));
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Unmovable, 32);
        Assert.Equal(0, zone.FreeListLength(5, MigrateType.Movable));
        Assert.Equal(63, zone.NrFreePages);
        Assert.Equal(1, zone.FallbackCount);
        Assert.Equal(1, zone.ClaimedBlockCount);
        TestZones.AssertClean(zone);
    }

    private static Zone ZoneWithOneFreePageInBlock0()
    {
        var zone = TestZones.Create(2);
        for (var i = 0; i < 32; i++)
            Assert.Equal(i, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        zone.FreeOnePage(3, 0, MigrateType.Movable);
        return zone;
    }

    [Fact]
    public void Fallback_claims_the_pageblock_when_free_and_compatible_pages_reach_half()
    {
        // In-use pages that are not movable count as compatible with an unmovable request.
        var zone = ZoneWithOneFreePageInBlock0();
        Assert.Equal(3, zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 2));
        Assert.Equal(MigrateType.Unmovable, zone.Frames.GetPageblockMigratetype(0));
        Assert.Equal(1, zone.ClaimedBlockCount);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Fallback_takes_a_single_block_when_the_pageblock_is_mostly_movable()
    {
        var zone = ZoneWithOneFreePageInBlock0();
        zone.IsPageMovable = pfn => true;
        Assert.Equal(3, zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 2));
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPageblockMigratetype(0));
        Assert.Equal(0, zone.ClaimedBlockCount);
        Assert.Equal(1, zone.FallbackCount);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Single_block_fallback_expands_the_rest_onto_the_fallback_type()
    {
        // Block 0: 0..11 in use (movable), 12..15 free as one order-2 block: too few to claim the block.
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(16, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        zone.FreeOnePage(12, 2, MigrateType.Movable);
        zone.IsPageMovable = pfn => true;
        Assert.Equal(12, zone.Rmqueue(0, MigrateType.Reclaimable, AllocFlags.None, PagePlace.Owned, 2));
        TestZones.AssertFreeBlocks(zone, 1, MigrateType.Movable, 14);
        TestZones.AssertFreeBlocks(zone, 0, MigrateType.Movable, 13);
        Assert.Equal(0, zone.FreeListLength(0, MigrateType.Reclaimable));
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPageblockMigratetype(0));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Movable_fallback_that_cannot_claim_takes_the_smallest_block()
    {
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(5, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(0, zone.MoveFreePagesBlock(0, MigrateType.Unmovable));
        zone.FreeOnePage(2, 1, MigrateType.Unmovable);
        zone.FreeOnePage(5, 0, MigrateType.Unmovable);
        Assert.Equal(5, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 2));
        Assert.Equal(MigrateType.Unmovable, zone.Frames.GetPageblockMigratetype(0));
        TestZones.AssertFreeBlocks(zone, 1, MigrateType.Unmovable, 2);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void NoFragment_only_falls_back_to_whole_pageblocks()
    {
        var zone = ZoneWithOneFreePageInBlock0();
        Assert.Equal(-1, zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.NoFragment, PagePlace.Owned, 2));
        Assert.Equal(3, zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 2));
    }

    [Fact]
    public void RmqueueBulk_takes_up_to_count_and_records_the_pcp_type()
    {
        // 16 free pages in each type: CMA is served whenever NR_FREE_CMA_PAGES > NR_FREE_PAGES / 2,
        // so the two types alternate.
        var zone = TestZones.Create(2, null, 1);
        Span<int> pfns = stackalloc int[8];
        var n = zone.RmqueueBulk(0, MigrateType.Movable, 8, AllocFlags.Cma, pfns, PagePlace.InFlight, 5);
        Assert.Equal(8, n);
        Assert.Equal([0, 16, 1, 17, 2, 18, 3, 19], pfns.ToArray());
        Assert.Equal(4, zone.Frames.CountPlace(0, 4, PagePlace.InFlight));
        Assert.Equal(4, zone.Frames.CountPlace(16, 4, PagePlace.InFlight));
        Assert.Equal(24, zone.NrFreePages);
        Assert.Equal(MigrateType.Cma, zone.Frames.GetPcpMigratetype(17));
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPcpMigratetype(1));

        Span<int> more = stackalloc int[32];
        n = zone.RmqueueBulk(2, MigrateType.Movable, 32, AllocFlags.Cma, more, PagePlace.InFlight, 5);
        Assert.Equal([4, 20, 8, 24, 12, 28], more[..n].ToArray());
        Assert.Equal(0, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void HighAtomic_reserve_is_used_first_with_alloc_highatomic()
    {
        var zone = TestZones.Create(128);
        var pfn = zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.HighAtomic, PagePlace.Owned, 1);
        Assert.True(pfn >= 0);
        Assert.True(zone.ReserveHighatomicPageblock(pfn, 0));
        var block = pfn & ~15;
        Assert.Equal(MigrateType.HighAtomic, zone.Frames.GetPageblockMigratetype(block));
        Assert.Equal(15, zone.NrFreeHighAtomic);
        Assert.Equal(16, zone.NrReservedHighAtomic);
        TestZones.AssertClean(zone);

        var next = zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.HighAtomic, PagePlace.Owned, 1);
        Assert.Equal(block, next & ~15);
        Assert.Equal(14, zone.NrFreeHighAtomic);

        // Without the flag, the reserve is not used.
        var other = zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 1);
        Assert.NotEqual(block, other & ~15);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Isolate_is_not_an_allocation_type()
    {
        var zone = TestZones.Create(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => zone.Rmqueue(0, MigrateType.Isolate, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => zone.Rmqueue(7, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
    }
}
