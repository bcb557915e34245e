using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Frames;

public class PageFrameTableTests
{
    [Fact]
    public void New_table_is_all_holes()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        Assert.Equal(64, t.CountPlace(0, 64, PagePlace.Hole));
        Assert.Equal(-1, t.GetHolder(5));
        Assert.False(t.IsBuddyHead(5));
        Assert.Equal(-1, t.BuddyOrder(5));
        Assert.Equal(4, t.PageblockCount);
    }

    [Fact]
    public void SetPlace_sets_the_range_and_logs_it()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        t.SetPlace(8, 4, PagePlace.Owned, 7);
        Assert.Equal(PagePlace.Owned, t.GetPlace(8));
        Assert.Equal(7, t.GetHolder(11));
        Assert.Equal(PagePlace.Hole, t.GetPlace(12));
        Assert.Equal([new PfnRange(8, 4)], t.TouchedRanges.ToArray());
    }

    [Fact]
    public void Touched_log_merges_adjacent_and_overlapping_ranges()
    {
        var t = new PageFrameTable(1024, TestZones.Small);
        t.Touch(10, 2);
        t.Touch(12, 3);   // adjacent after
        t.Touch(8, 2);    // adjacent before
        t.Touch(9, 1);    // inside
        t.Touch(100, 1);  // separate
        Assert.Equal([new PfnRange(8, 7), new PfnRange(100, 1)], t.TouchedRanges.ToArray());
        t.ClearTouched();
        Assert.Equal(0, t.TouchedRanges.Length);
    }

    [Fact]
    public void Touched_log_collapses_to_everything_when_too_long()
    {
        var t = new PageFrameTable(3 * PageFrameTable.MaxTouchedRanges, TestZones.Small);
        for (var i = 0; i <= PageFrameTable.MaxTouchedRanges; i++)
            t.Touch(i * 2, 1);
        Assert.True(t.AllTouched);
        Assert.Equal([new PfnRange(0, t.FrameCount)], t.TouchedRanges.ToArray());
        t.ClearTouched();
        Assert.False(t.AllTouched);
    }

    [Fact]
    public void Touch_tracking_can_be_switched_off()
    {
        var t = new PageFrameTable(64, TestZones.Small) { TouchTracking = false };
        t.SetPlace(0, 4, PagePlace.Owned, 1);
        Assert.Equal(0, t.TouchedRanges.Length);
    }

    [Fact]
    public void Pageblock_migratetype_is_per_pageblock()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        t.SetPageblockMigratetype(17, MigrateType.Cma);
        Assert.Equal(MigrateType.Cma, t.GetPageblockMigratetype(16));
        Assert.Equal(MigrateType.Cma, t.GetPageblockMigratetype(31));
        Assert.Equal(MigrateType.Unmovable, t.GetPageblockMigratetype(32));
        Assert.Equal([new PfnRange(16, 16)], t.TouchedRanges.ToArray());
    }

    [Fact]
    public void Ref_and_pin_counts_are_shared_arrays()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        Interlocked.Increment(ref t.RefCount(3));
        t.PinCount(3) = 2;
        t.Kind(3) = 9;
        t.Flags(3) |= 0x4;
        Assert.Equal(1, t.RefCounts[3]);
        Assert.Equal(2, t.PinCounts[3]);
        Assert.Equal(9, t.Kind(3));
        Assert.Equal(4, t.Flags(3));
    }

    [Fact]
    public void BytesPerFrame_counts_every_array()
    {
        var t = new PageFrameTable(4096, new MemoryGeometry());
        // place 1 + holder 4 + buddy 1 + pcp type 1 + next 4 + prev 4 + list id 2 + kind 1 + flags 1 + ref 4 + pin 4
        // + one byte per 512-page pageblock.
        Assert.Equal(27 + 1.0 / 512, t.BytesPerFrame, 6);
    }

    [Fact]
    public void Geometry_helpers()
    {
        var g = new MemoryGeometry();
        Assert.Equal(11, g.NrPageOrders);
        Assert.Equal(512, g.PageblockNrPages);
        Assert.Equal(1024, g.MaxOrderNrPages);
        Assert.Equal(2, g.PageblockIndex(1100));
        Assert.Equal(1024, g.PageblockStart(1100));
        Assert.True(MemoryGeometry.IsAligned(1024, 10));
        Assert.False(MemoryGeometry.IsAligned(512, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryGeometry(PageblockOrder: 11, MaxPageOrder: 10));
    }

    [Fact]
    public void Migratetype_names_are_the_kernel_ones()
    {
        Assert.Equal(
            ["Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate"],
            Enumerable.Range(0, MigrateTypes.Count).Select(i => MigrateTypes.KernelName((MigrateType)i)).ToArray());
        Assert.True(MigrateTypes.IsMergeable(MigrateType.Reclaimable));
        Assert.False(MigrateTypes.IsMergeable(MigrateType.HighAtomic));
    }
}
