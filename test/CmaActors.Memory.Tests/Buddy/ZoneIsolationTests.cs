using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Buddy;

public class ZoneIsolationTests
{
    [Fact]
    public void Isolation_moves_free_pages_and_counters_and_undo_restores_them()
    {
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        var result = zone.SetMigratetypeIsolate(5, null);
        Assert.Equal(new IsolateResult(IsolateStatus.Isolated, 0), result);
        Assert.Equal(MigrateType.Isolate, zone.Frames.GetPageblockMigratetype(0));
        Assert.Equal(MigrateType.Movable, zone.GetIsolatedFrom(0));
        Assert.Equal(1, zone.NrIsolatePageblock);
        TestZones.AssertFreeBlocks(zone, 0, MigrateType.Isolate, 1);
        TestZones.AssertFreeBlocks(zone, 1, MigrateType.Isolate, 2);
        TestZones.AssertFreeBlocks(zone, 2, MigrateType.Isolate, 4);
        TestZones.AssertFreeBlocks(zone, 3, MigrateType.Isolate, 8);
        Assert.Equal(48, zone.NrFreePages);
        TestZones.AssertClean(zone);

        zone.UnsetMigratetypeIsolate(0);
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPageblockMigratetype(0));
        Assert.Equal(0, zone.NrIsolatePageblock);
        TestZones.AssertFreeBlocks(zone, 3, MigrateType.Movable, 8);
        Assert.Equal(63, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Isolating_a_pageblock_inside_a_larger_free_block_splits_it()
    {
        var zone = TestZones.Create(4);
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 0);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 16);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Movable, 32);
        Assert.Equal(48, zone.NrFreePages);
        TestZones.AssertClean(zone);

        zone.UnsetMigratetypeIsolate(16, MigrateType.Movable);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        Assert.Equal(64, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Isolating_the_first_pageblock_of_a_larger_free_block_splits_it()
    {
        var zone = TestZones.Create(4);
        Assert.True(zone.SetMigratetypeIsolate(0, null).Succeeded);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 0);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Movable, 16);
        TestZones.AssertFreeBlocks(zone, 5, MigrateType.Movable, 32);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Adjacent_isolated_pageblocks_stay_apart_and_undo_merges_them_back()
    {
        var zone = TestZones.Create(4);
        Assert.True(zone.SetMigratetypeIsolate(0, null).Succeeded);
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
        TestZones.AssertFreeBlocks(zone, 4, MigrateType.Isolate, 0, 16);
        TestZones.AssertClean(zone);
        zone.UnsetMigratetypeIsolate(0);
        zone.UnsetMigratetypeIsolate(16);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Isolation_fails_when_already_isolated_or_unmovable()
    {
        var zone = TestZones.Create(4);
        var pfn = zone.Rmqueue(0, MigrateType.Unmovable, AllocFlags.None, PagePlace.Owned, 1);
        Assert.Equal(new IsolateResult(IsolateStatus.HasUnmovablePages, pfn), zone.SetMigratetypeIsolate(pfn, p => p == pfn));
        Assert.Equal(0, zone.NrIsolatePageblock);
        Assert.Equal(MigrateType.Unmovable, zone.Frames.GetPageblockMigratetype(pfn));
        TestZones.AssertClean(zone);

        Assert.True(zone.SetMigratetypeIsolate(pfn, null).Succeeded);
        Assert.Equal(IsolateStatus.AlreadyIsolated, zone.SetMigratetypeIsolate(pfn, null).Status);
        Assert.Equal(1, zone.NrIsolatePageblock);
        zone.UnsetMigratetypeIsolate(pfn);
        Assert.Equal(MigrateType.Unmovable, zone.Frames.GetPageblockMigratetype(pfn));
        zone.UnsetMigratetypeIsolate(pfn); // not isolated: nothing happens
        Assert.Equal(0, zone.NrIsolatePageblock);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Reserved_pages_are_unmovable()
    {
        var frames = new PageFrameTable(32, TestZones.Small);
        var zone = new Zone("Normal", 0, frames, 0, 32);
        zone.ReserveRange(0, 1);
        zone.FreeBootRange(1, 31);
        Assert.Equal(new IsolateResult(IsolateStatus.HasUnmovablePages, 0), zone.SetMigratetypeIsolate(0, null));
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
    }

    [Fact]
    public void Cma_pageblock_counts_as_movable_only_when_isolated_for_cma()
    {
        var zone = TestZones.Create(2, null, 1);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        Assert.Equal(0, pfn);
        var cmaPage = zone.Rmqueue(4, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        Assert.Equal(16, cmaPage);
        zone.FreePages(16, 4);
        var used = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.Cma, PagePlace.Owned, 1);
        Assert.Equal(16, used);
        Assert.Equal(IsolateStatus.HasUnmovablePages, zone.SetMigratetypeIsolate(16, null, MigrateType.Movable).Status);
        Assert.True(zone.SetMigratetypeIsolate(16, p => true, MigrateType.Cma).Succeeded);
        Assert.Equal(0, zone.NrFreeCmaPages);
        Assert.Equal(MigrateType.Cma, zone.GetIsolatedFrom(16));
        TestZones.AssertClean(zone);
        zone.UnsetMigratetypeIsolate(16);
        Assert.Equal(15, zone.NrFreeCmaPages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Test_pages_isolated()
    {
        var zone = TestZones.Create(4);
        var pfn = zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1);
        Assert.Equal(0, pfn);
        Assert.Equal(16, zone.TestPagesIsolated(16, 32)); // not isolated
        Assert.True(zone.SetMigratetypeIsolate(0, null).Succeeded);
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
        Assert.Equal(0, zone.TestPagesIsolated(0, 32));    // pfn 0 in use
        Assert.Equal(-1, zone.TestPagesIsolated(1, 32));
        Assert.Equal(-1, zone.TestPagesIsolated(16, 24));
        Assert.Equal(32, zone.TestPagesIsolated(16, 33));  // pageblock 2 not isolated
        zone.FreePages(0, 0);
        Assert.Equal(-1, zone.TestPagesIsolated(0, 32));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Test_pages_isolated_can_check_the_free_list_or_not()
    {
        // A free page of an isolated block left on a MOVABLE list (the damage of race R1/R13).
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.True(zone.SetMigratetypeIsolate(0, null).Succeeded);
        zone.FreeOnePage(0, 0, MigrateType.Movable); // stale type
        Assert.Equal(0, zone.TestPagesIsolated(0, 16));
        Assert.Equal(-1, zone.TestPagesIsolated(0, 16, requireIsolateFreeList: false));
    }

    [Fact]
    public void Isolate_free_pages_range_takes_straddling_blocks_and_gives_back_the_excess()
    {
        var zone = TestZones.Create(4);
        Assert.True(zone.SetMigratetypeIsolate(16, null).Succeeded);
        Assert.Equal(-1, zone.TestPagesIsolated(16, 32));
        Assert.True(zone.IsolateFreePagesRange(20, 28, PagePlace.Contig, 9));
        Assert.Equal(8, zone.Frames.CountPlace(20, 8, PagePlace.Contig));
        Assert.Equal(9, zone.Frames.GetHolder(27));
        TestZones.AssertFreeBlocks(zone, 2, MigrateType.Isolate, 16, 28);
        Assert.Equal(48, zone.NrFreePages);
        TestZones.AssertClean(zone);

        zone.UnsetMigratetypeIsolate(16);
        TestZones.AssertFreeBlocks(zone, 2, MigrateType.Movable, 16, 28);
        Assert.Equal(56, zone.NrFreePages);
        TestZones.AssertClean(zone);

        zone.FreeRange(20, 8);
        TestZones.AssertFreeBlocks(zone, 6, MigrateType.Movable, 0);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Isolate_free_pages_range_takes_nothing_when_a_page_is_in_use()
    {
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(1, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        zone.FreePages(0, 0);
        var free = zone.NrFreePages;
        Assert.False(zone.IsolateFreePagesRange(0, 4, PagePlace.Contig, 9));
        Assert.False(zone.IsolateFreePagesRange(1, 4, PagePlace.Contig, 9));
        Assert.Equal(free, zone.NrFreePages);
        Assert.Equal(PagePlace.Buddy, zone.Frames.GetPlace(0));
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void Isolate_free_pages_range_on_a_movable_range_turns_large_blocks_movable()
    {
        // __isolate_free_page() of a block of at least half a pageblock makes mergeable pageblocks MOVABLE.
        var zone = TestZones.Create(2);
        Assert.Equal(0, zone.Rmqueue(4, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(16, zone.MoveFreePagesBlock(16, MigrateType.Reclaimable));
        Assert.True(zone.IsolateFreePagesRange(16, 24, PagePlace.Contig, 3));
        Assert.Equal(MigrateType.Movable, zone.Frames.GetPageblockMigratetype(16));
        TestZones.AssertFreeBlocks(zone, 3, MigrateType.Movable, 24);
        Assert.Equal(8, zone.NrFreePages);
        TestZones.AssertClean(zone);
    }

    [Fact]
    public void FindBuddyHead_and_IsFree()
    {
        var zone = TestZones.Create(4);
        Assert.Equal(0, zone.FindBuddyHead(37));
        Assert.Equal(0, zone.Rmqueue(0, MigrateType.Movable, AllocFlags.None, PagePlace.Owned, 1));
        Assert.Equal(-1, zone.FindBuddyHead(0));
        Assert.False(zone.IsFree(0));
        Assert.Equal(1, zone.FindBuddyHead(1));
        Assert.Equal(2, zone.FindBuddyHead(3));
        Assert.Equal(8, zone.FindBuddyHead(15));
        Assert.Equal(32, zone.FindBuddyHead(63));
        Assert.True(zone.IsFree(63));
        Assert.Equal(-1, zone.FindBuddyHead(64));
    }
}
