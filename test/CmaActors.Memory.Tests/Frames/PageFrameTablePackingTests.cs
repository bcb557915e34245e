using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Frames;

/// <summary>The fields that share a frame word or the page byte keep their values apart, at their limits.</summary>
public class PageFrameTablePackingTests
{
    private static readonly MemoryGeometry Widest = new(PageblockOrder: 9, MaxPageOrder: 20);

    [Fact]
    public void Every_field_of_the_frame_word_holds_its_largest_value_beside_the_others()
    {
        // Two free blocks of the largest order, their heads linked on one free list; the last frame on another list.
        var zone = TestZones.Create(pageblocks: 1 << 12, geometry: Widest);
        var t = zone.Frames;
        const int first = 0, second = 1 << 20, last = (1 << 21) - 1;
        var list = new PageList(t, "l");
        list.AddTail(last);
        foreach (var pfn in new[] { first, second, last })
        {
            t.SetPlace(pfn, 1, PagePlace.Reserved, int.MaxValue);
            t.SetPcpMigratetype(pfn, MigrateType.Isolate);
        }

        Assert.Equal(Widest.MaxPageOrder, t.BuddyOrder(first));
        Assert.Equal(Widest.MaxPageOrder, t.BuddyOrder(second));
        Assert.Equal(-1, t.BuddyOrder(last));
        Assert.Equal(2, t.ListOf(first)!.Count);
        Assert.Same(t.ListOf(first), t.ListOf(second));
        Assert.Equal(second, t.GetNext(first) == -1 ? t.GetPrev(first) : t.GetNext(first));
        Assert.Equal((-1, -1), (t.GetPrev(last), t.GetNext(last)));
        Assert.Same(list, t.ListOf(last));
        foreach (var pfn in new[] { first, second, last })
        {
            Assert.Equal(PagePlace.Reserved, t.GetPlace(pfn));
            Assert.Equal(int.MaxValue, t.GetHolder(pfn));
            Assert.Equal(MigrateType.Isolate, t.GetPcpMigratetype(pfn));
        }

        // Clearing one field leaves the rest.
        t.SetPlace(second, 1, PagePlace.Hole, -1);
        t.SetPcpMigratetype(second, MigrateType.Unmovable);
        Assert.Equal(Widest.MaxPageOrder, t.BuddyOrder(second));
        Assert.Equal(first, t.GetNext(second) == -1 ? t.GetPrev(second) : t.GetNext(second));
        list.Remove(last);
        Assert.Equal(PagePlace.Reserved, t.GetPlace(last));
        Assert.Equal(MigrateType.Isolate, t.GetPcpMigratetype(last));
        Assert.Equal(PagePlace.Buddy, t.GetPlace(second + 1));
        Assert.Equal(0, t.GetHolder(second + 1));
    }

    [Theory]
    [InlineData(PagePlace.Hole)]
    [InlineData(PagePlace.Buddy)]
    [InlineData(PagePlace.Pcp)]
    [InlineData(PagePlace.InFlight)]
    [InlineData(PagePlace.Owned)]
    [InlineData(PagePlace.Contig)]
    [InlineData(PagePlace.Reserved)]
    public void Every_place_and_migratetype_round_trips(PagePlace place)
    {
        var t = new PageFrameTable(64, TestZones.Small);
        t.SetPlace(0, 64, place, -1);
        foreach (var mt in Enum.GetValues<MigrateType>())
        {
            t.SetPcpMigratetype(7, mt);
            Assert.Equal(mt, t.GetPcpMigratetype(7));
            Assert.Equal(place, t.GetPlace(7));
        }

        Assert.Equal(64, t.CountPlace(0, 64, place));
    }

    [Fact]
    public void Links_reach_across_the_largest_table()
    {
        var t = new PageFrameTable(PageFrameTable.MaxFrameCount, new MemoryGeometry());
        var list = new PageList(t);
        const int last = PageFrameTable.MaxFrameCount - 1;
        list.AddTail(last);
        list.AddTail(0);
        list.AddTail(last - 1);
        list.AddHead(1);
        Assert.Equal([1, last, 0, last - 1], Pfns(list));
        Assert.Equal(0, t.GetPrev(last - 1));
        Assert.Equal(last, t.GetPrev(0));
        list.Remove(0);
        Assert.Equal([1, last, last - 1], Pfns(list));
        Assert.Equal(last - 1, t.GetNext(last));
    }

    [Fact]
    public void Tables_larger_than_the_links_reach_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PageFrameTable(PageFrameTable.MaxFrameCount + 1, new MemoryGeometry()));

    [Fact]
    public void Flags_kind_and_reference_count_share_a_byte_without_mixing()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        for (var kind = 0; kind <= PageFrameTable.MaxKind; kind++)
        for (var flags = 0; flags <= PageFrameTable.FlagMask; flags++)
        for (var refs = 0; refs <= PageFrameTable.RefCountInline + 2; refs++)
        {
            t.SetKind(9, (byte)kind);
            t.AssignFlagBits(9, (byte)flags);
            t.SetRefCount(9, refs);
            Assert.Equal((kind, flags, refs), (t.GetKind(9), t.GetFlagBits(9), t.GetRefCount(9)));
            Assert.Equal((0, 0, 0), (t.GetKind(8), t.GetFlagBits(8), t.GetRefCount(8)));
            Assert.Equal((0, 0, 0), (t.GetKind(10), t.GetFlagBits(10), t.GetRefCount(10)));
        }
    }

    [Fact]
    public void Setting_and_clearing_flag_bits_keeps_the_others()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        t.SetKind(1, PageFrameTable.MaxKind);
        t.SetRefCount(1, 2);
        t.SetFlagBits(1, 0x1);
        t.SetFlagBits(1, 0x4);
        Assert.Equal(0x5, t.GetFlagBits(1));
        t.ClearFlagBits(1, 0x1);
        Assert.Equal(0x4, t.GetFlagBits(1));
        t.ClearFlagBits(1, 0x2);
        Assert.Equal(0x4, t.GetFlagBits(1));
        Assert.Equal((PageFrameTable.MaxKind, 2), (t.GetKind(1), t.GetRefCount(1)));
    }

    [Fact]
    public void Values_outside_a_field_are_refused()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetKind(0, PageFrameTable.MaxKind + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetFlagBits(0, PageFrameTable.FlagMask + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.AssignFlagBits(0, 0x80));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetPcpMigratetype(0, (MigrateType)8));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetPlace(0, 1, (PagePlace)8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetRefCount(0, -1));
        Assert.Equal((0, 0, 0), (t.GetKind(0), t.GetFlagBits(0), t.GetRefCount(0)));
    }

    [Fact]
    public void Reference_counts_above_the_byte_go_to_the_side_table_and_back()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        t.SetFlagBits(5, 0x3);
        for (var i = 1; i <= 1000; i++)
        {
            t.IncrementRefCount(5);
            Assert.Equal(i, t.GetRefCount(5));
        }

        for (var i = 999; i >= 0; i--)
        {
            Assert.True(t.TryDecrementRefCount(5));
            Assert.Equal(i, t.GetRefCount(5));
        }

        Assert.False(t.TryDecrementRefCount(5));
        Assert.Equal(0, t.GetRefCount(5));
        Assert.Equal(0x3, t.GetFlagBits(5));

        t.SetRefCount(5, int.MaxValue);
        Assert.Equal(int.MaxValue, t.GetRefCount(5));
        t.SetRefCount(5, 0);
        Assert.Equal(0, t.GetRefCount(5));
        // No stale overflow: counting up again starts from zero.
        for (var i = 0; i < PageFrameTable.RefCountInline + 1; i++)
            t.IncrementRefCount(5);
        Assert.Equal(PageFrameTable.RefCountInline + 1, t.GetRefCount(5));
    }

    [Fact]
    public void Pin_counts_are_per_frame_within_a_pageblock()
    {
        var t = new PageFrameTable(64, TestZones.Small);
        Assert.Equal(1, t.Pin(16));
        Assert.Equal(2, t.Pin(16));
        Assert.Equal(1, t.Pin(31));
        Assert.Equal((2, 1, 0, 0), (t.GetPinCount(16), t.GetPinCount(31), t.GetPinCount(17), t.GetPinCount(32)));
        Assert.Equal(1, t.Unpin(16));
        Assert.Equal(0, t.Unpin(16));
        Assert.Equal(0, t.GetPinCount(16));
        Assert.Equal(1, t.GetPinCount(31));
        Assert.Equal(0, t.Unpin(31));
        // An unpin without a pin goes below zero, as a plain counter does.
        Assert.Equal(-1, t.Unpin(40));
        Assert.Equal(-1, t.GetPinCount(40));
        Assert.Equal(0, t.AddPins(40, 1));
        Assert.Equal(0, t.GetPinCount(40));
    }

    [Fact]
    public void Concurrent_changes_of_one_frame_lose_nothing()
    {
        var t = new PageFrameTable(1024, TestZones.Small);
        const int threads = 4, rounds = 20_000;
        using var start = new Barrier(threads);
        var missed = 0;
        var workers = Enumerable.Range(0, threads).Select(id => new Thread(() =>
        {
            start.SignalAndWait();
            var bit = (byte)(1 << (id % 3));
            for (var i = 0; i < rounds; i++)
            {
                t.IncrementRefCount(7);
                t.IncrementRefCount(7);
                t.SetFlagBits(7, bit);
                t.Pin(7 + id);
                if (!t.TryDecrementRefCount(7))
                    Interlocked.Increment(ref missed);
                t.ClearFlagBits(7, bit);
                t.Unpin(7 + id);
                t.IncrementRefCount(8);
            }
        })).ToArray();
        foreach (var worker in workers)
            worker.Start();
        foreach (var worker in workers)
            worker.Join();

        Assert.Equal(0, missed);
        Assert.Equal(threads * rounds, t.GetRefCount(7));
        Assert.Equal(threads * rounds, t.GetRefCount(8));
        Assert.Equal(0, t.GetFlagBits(7));
        for (var id = 0; id < threads; id++)
            Assert.Equal(0, t.GetPinCount(7 + id));
        for (var i = 0; i < threads * rounds; i++)
            Assert.True(t.TryDecrementRefCount(7));
        Assert.False(t.TryDecrementRefCount(7));
    }

    private static List<int> Pfns(PageList list)
    {
        var pfns = new List<int>();
        foreach (var pfn in list)
            pfns.Add(pfn);
        return pfns;
    }
}
