using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Buddy;

public class ZoneBootTests
{
    [Fact]
    public void New_zone_is_reserved_and_movable()
    {
        var frames = new PageFrameTable(64, TestZones.Small);
        var zone = new Zone("Normal", 3, frames, 16, 32);
        Assert.Equal(16, zone.ZoneStartPfn);
        Assert.Equal(48, zone.ZoneEndPfn);
        Assert.Equal(32, zone.SpannedPages);
        Assert.Equal(0, zone.ManagedPages);
        Assert.Equal(32, frames.CountPlace(16, 32, PagePlace.Reserved));
        Assert.Equal(PagePlace.Hole, frames.GetPlace(0));
        Assert.Equal(MigrateType.Movable, frames.GetPageblockMigratetype(20));
        Assert.Throws<ArgumentException>(() => new Zone("Other", 4, frames, 32, 32));
        Assert.Throws<ArgumentException>(() => new Zone("Odd", 4, frames, 50, 8));
    }

    [Fact]
    public void FreeBootRange_frees_the_largest_aligned_blocks_and_merges()
    {
        var zone = TestZones.Create(4);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        Assert.Equal(1, zone.NrFree(6));
        Assert.Equal(64, zone.NrFreePages);
        Assert.Equal(64, zone.ManagedPages);
        Assert.True(zone.Frames.IsBuddyHead(0));
        Assert.Equal(6, zone.Frames.BuddyOrder(0));
        Assert.Equal(64, zone.Frames.CountPlace(0, 64, PagePlace.Buddy));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void FreeBootRange_of_an_unaligned_range()
    {
        var frames = new PageFrameTable(64, TestZones.Small);
        var zone = new Zone("Normal", 0, frames, 0, 64);
        zone.FreeBootRange(3, 30); // 3, 4-7, 8-15, 16-31, 32
        TestZones.AssertFreeBlocks(zone, 0, MigrateType.Movable, 3, 32);
        TestZones.AssertFreeBlocks(zone, 2, MigrateType.Movable, 4);
        TestZones.AssertFreeBlocks(zone, 3, MigrateType.Movable, 8);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 16);
        Assert.Equal(30, zone.NrFreePages);
        Assert.Equal(PagePlace.Reserved, frames.GetPlace(2));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Cma_pageblocks_do_not_merge_with_movable_ones()
    {
        var zone = TestZones.Create(4, null, 1);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 0);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Cma, 16);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Movable, 32);
        Assert.Equal(64, zone.NrFreePages);
        Assert.Equal(16, zone.NrFreeCmaPages);
        Assert.Equal(16, zone.CmaPages);
        Assert.Equal(MigrateType.Cma, zone.Frames.GetPageblockMigratetype(20));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Adjacent_cma_pageblocks_merge_with_each_other()
    {
        var zone = TestZones.Create(4, null, 2, 3);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Cma, 32);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Movable, 0);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void ReserveRange_keeps_frames_reserved()
    {
        var frames = new PageFrameTable(64, TestZones.Small);
        var zone = new Zone("Normal", 0, frames, 0, 64);
        zone.ReserveRange(0, 16, holder: 42);
        zone.FreeBootRange(16, 48);
        Assert.Equal(42, frames.GetHolder(3));
        Assert.Equal(PagePlace.Reserved, frames.GetPlace(3));
        Assert.Equal(16, zone.ReservedPages);
        Assert.Equal(48, zone.ManagedPages);
        Assert.Throws<InvalidOperationException>(() => zone.FreeBootRange(16, 16));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Buddies_never_merge_across_a_zone_boundary()
    {
        var frames = new PageFrameTable(48, TestZones.Small);
        var dma = new Zone("DMA", 0, frames, 0, 16);
        var normal = new Zone("Normal", 1, frames, 16, 32);
        dma.FreeBootRange(0, 16);
        normal.FreeBootRange(16, 32);
        TestZones.AssertFreeBlocks(dma, 4, MigrateType.Movable, 0);
        TestZones.AssertFreeBlocks(normal, 4, MigrateType.Movable, 16, 32);
        Assert.Equal(1, normal.Frames.GetHolder(20));

        var pfn = normal.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        normal.FreePages(pfn, 4);
        Assert.Equal(2, normal.NrFree(4));
        Assert.Equal(-1, normal.FindBuddyHead(3));
        TestZones.AssertClean(dma);
        TestZones.AssertClean(normal);
    }
}
