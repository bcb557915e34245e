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
    public void A_mapped_frame_keeps_its_slot_beside_its_other_fields_until_it_goes_onto_a_list()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        Assert.Equal(-1, t.GetMapSlot(8));
        t.SetPlace(8, 1, PagePlace.Owned, 3);
        t.SetPcpMigratetype(8, MigrateType.Cma);
        t.SetMapSlot(8, PageFrameTable.MaxMapSlot);
        Assert.Equal(PageFrameTable.MaxMapSlot, t.GetMapSlot(8));
        Assert.Equal((PagePlace.Owned, 3, MigrateType.Cma), (t.GetPlace(8), t.GetHolder(8), t.GetPcpMigratetype(8)));
        Assert.Equal(-1, t.GetMapSlot(9));
        t.SetMapSlot(8, 0);
        Assert.Equal(0, t.GetMapSlot(8));

        var list = new PageList(t, "l");
        list.AddTail(8);
        Assert.Equal(-1, t.GetMapSlot(8));
        Assert.Throws<InvalidOperationException>(() => t.SetMapSlot(8, 1));
        list.Remove(8);
        Assert.Equal(-1, t.GetMapSlot(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetMapSlot(8, PageFrameTable.MaxMapSlot + 1));
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
    public void Ref_and_pin_counts_kind_and_flags_are_per_frame()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        t.IncrementRefCount(3);
        t.Pin(3);
        t.Pin(3);
        t.SetKind(3, 5);
        t.SetFlagBits(3, 0x4);
        Assert.Equal(1, t.GetRefCount(3));
        Assert.Equal(2, t.GetPinCount(3));
        Assert.Equal(5, t.GetKind(3));
        Assert.Equal(4, t.GetFlagBits(3));
        Assert.Equal(0, t.GetRefCount(2));
        Assert.Equal(0, t.GetPinCount(4));
        Assert.Equal(0, t.GetKind(4));
        Assert.Equal(0, t.GetFlagBits(2));
    }

    [Fact]
    public void BytesPerFrame_counts_every_array_and_side_table()
    {
        var t = new PageFrameTable(1 << 20, new MemoryGeometry());
        // holder 4 + frame word 8 (links, buddy state, pcp type, place) + list id 2 + page byte 1 (flags, kind, ref)
        // + a type byte, a pinned-frame count (int) and 64 counts of frames by place and kind (int) per 512-page
        // pageblock + the touched log and list registry.
        Assert.Equal(15 + (5.0 + 256) / 512, t.BytesPerFrame, 3);
        Assert.True(t.BytesPerFrame <= 16);
        var before = t.BytesPerFrame;
        for (var pfn = 0; pfn < 4096; pfn++)
            t.Pin(pfn);
        Assert.True(t.BytesPerFrame > before + 4096 * 20.0 / t.FrameCount - 1e-9, "pin side table counted");
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
