using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Buddy;

public class ZoneFreeTests
{
    [Fact]
    public void Free_merges_back_up_to_max_order()
    {
        var zone = TestZones.Create(4);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        zone.FreeOnePage(pfn, 0, MigrateType.Movable);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        for (var order = 0; order < 6; order++)
            Assert.Equal(0, zone.NrFree(order));
        Assert.Equal(64, zone.NrFreePages);
        Assert.Equal(64, zone.Frames.CountPlace(0, 64, PagePlace.Buddy));
        Assert.Equal(0, zone.Frames.GetHolder(5));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Merge_stops_at_a_cma_pageblock_boundary()
    {
        var zone = TestZones.Create(4, null, 1);
        Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        zone.FreeOnePage(0, 4, MigrateType.Movable);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 0);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Cma, 16);
        Assert.Equal(1, zone.NrFree(5)); // only the movable 32..63 block
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Merging_a_buddy_of_another_mergeable_type_relabels_its_pageblock()
    {
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(16, zone.MoveFreePagesBlock(16, MigrateType.Unmovable));
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Unmovable, 16);
        TestZones.AssertClean(zone);

        zone.FreeOnePage(0, 4, MigrateType.Movable);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Movable, 0);
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPageblockMigratetype(16));
        Assert.Equal(32, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void No_merge_with_an_isolated_buddy()
    {
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
        zone.FreePages(0, 4);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 0);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 16);
        Assert.Equal(16, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void FreePages_splits_a_large_block_by_pageblock_type()
    {
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.Rmqueue(6, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
        zone.FreePages(0, 6);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 0);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 16);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Movable, 32);
        Assert.Equal(48, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void FreeRange_frees_an_unaligned_run()
    {
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.Rmqueue(6, MigrateType.Movable, AllocFlags.None, PagePlace.Contig, 1));
        zone.FreeRange(3, 58);
        Assert.Equal(58, zone.NrFreePages);
        Assert.Equal(PagePlace.Contig, zone.Frames.GetPlace(2));
        Assert.Equal(PagePlace.Contig, zone.Frames.GetPlace(61));
        TestZones.AssertClean(zone);
        zone.FreeRange(0, 3);
        zone.FreeRange(61, 3);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Freed_block_goes_to_the_tail_when_the_next_higher_buddy_is_free()
    {
        // buddy_merge_likely(): a block goes to the tail when the buddy of the block it would merge into is free.
        var zone = TestZones.Create(1);
        for (var i = 0; i < 16; i++)
            Assert.Equal(i, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        zone.FreeOnePage(9, 0, MigrateType.Movable);   // 8 in use; 10..11 in use: head
        zone.FreeOnePage(0, 1, MigrateType.Movable);   // 0..1 free as one order-1 block
        zone.FreeOnePage(2, 0, MigrateType.Movable);   // 3 in use, but 2..3's buddy 0..1 is free: tail
        zone.FreeOnePage(12, 0, MigrateType.Movable);  // 13 in use, 14..15 in use: head
        var list = zone.FreeList(0, MigrateType.Movable);
        Assert.Equal(12, list.Head);
        Assert.Equal(2, list.Tail);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Freeing_a_misaligned_or_foreign_block_is_rejected()
    {
        var zone = TestZones.Create(2);
        Assert.Throws<ArgumentException>(() => zone.FreeOnePage(3, 1, MigrateType.Movable));
        Assert.Throws<ArgumentOutOfRangeException>(() => zone.FreeOnePage(32, 0, MigrateType.Movable));
    }
}
