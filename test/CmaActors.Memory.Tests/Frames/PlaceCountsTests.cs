using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Frames;

public sealed class PlaceCountsTests
{
    // 16-frame pageblocks, counted by 512 frames, and a table that ends in a short counted block.
    private static PageFrameTable NewTable(bool threadSafe = false) => new(4096 + 100, new MemoryGeometry(4, 10), threadSafe);

    private static int[] Recount(PageFrameTable frames, int start, int count)
    {
        var counts = new int[64];
        for (var pfn = start; pfn < start + count; pfn++)
            counts[((int)frames.GetPlace(pfn) << 3) | frames.GetKind(pfn)]++;
        return counts;
    }

    [Fact]
    public void Counts_take_at_most_half_a_byte_a_frame_even_with_small_pageblocks()
    {
        var small = new PageFrameTable(1 << 16, new MemoryGeometry(1, 10));
        var large = new PageFrameTable(1 << 16, new MemoryGeometry(9, 10));

        // The same 64 counts of 4 bytes per 512 frames: pageblocks of 2 frames are counted 512 frames at a time.
        Assert.Equal(large.BytesPerFrame, small.BytesPerFrame - (small.PageblockCount - large.PageblockCount) * 5.0 / (1 << 16), 6);
    }

    [Fact]
    public void A_new_table_counts_every_frame_as_a_hole()
    {
        var frames = NewTable();
        var counts = new int[64];
        frames.CountPlaceAndKind(0, frames.FrameCount, counts);

        Assert.Equal(frames.FrameCount, counts[0]);
        Assert.Equal(frames.FrameCount, counts.Sum());
        Assert.Equal(-1, frames.FirstMiscountedFrame());
    }

    [Fact]
    public void Counts_follow_every_change_of_place_and_kind_for_any_range()
    {
        var frames = NewTable();
        var random = new Random(7);
        for (var step = 0; step < 5_000; step++)
        {
            var order = random.Next(6);
            var pfn = random.Next(frames.FrameCount >> order) << order;
            var size = Math.Min(1 << order, frames.FrameCount - pfn);
            if (random.Next(3) == 0)
            {
                frames.SetKind(pfn, (byte)random.Next(8));
            }
            else
            {
                frames.SetPlace(pfn, size, (PagePlace)random.Next(7), step);
                frames.SetFlagBits(pfn, (byte)random.Next(8));
            }

            if (step % 50 != 0)
                continue;
            Assert.Equal(-1, frames.FirstMiscountedFrame());
            var start = random.Next(frames.FrameCount);
            var count = random.Next(frames.FrameCount - start + 1);
            var counts = new int[64];
            frames.CountPlaceAndKind(start, count, counts);
            Assert.Equal(Recount(frames, start, count), counts);
            var byPlace = new int[8];
            frames.CountPlaces(start, count, byPlace);
            Assert.Equal(Recount(frames, start, count).Chunk(8).Select(c => c.Sum()), byPlace);
            Assert.Equal(byPlace[(int)PagePlace.Owned], frames.CountPlace(start, count, PagePlace.Owned));
        }
    }

    [Theory]
    [InlineData(0, 4196)]
    [InlineData(4096, 100)]
    [InlineData(4100, 96)]
    [InlineData(16, 32)]
    [InlineData(15, 2)]
    [InlineData(17, 0)]
    [InlineData(512, 1024)]
    [InlineData(500, 600)]
    [InlineData(511, 514)]
    [InlineData(3584, 612)]
    public void Ranges_on_and_off_pageblock_edges_count_each_frame_once(int start, int count)
    {
        var frames = NewTable();
        for (var pfn = 0; pfn < frames.FrameCount; pfn++)
        {
            frames.SetPlace(pfn, 1, (PagePlace)(pfn % 7), 0);
            frames.SetKind(pfn, (byte)(pfn / 7 % 8));
        }

        var counts = new int[64];
        frames.CountPlaceAndKind(start, count, counts);

        Assert.Equal(Recount(frames, start, count), counts);
        Assert.Equal(count, counts.Sum());
    }

    [Fact]
    public void A_thread_safe_table_keeps_no_touched_log_which_is_one_list_for_the_whole_table()
    {
        var frames = NewTable(threadSafe: true);
        Assert.False(frames.TouchTracking);
        frames.SetPlace(10, 4, PagePlace.Owned, 1);
        Assert.Equal(0, frames.TouchedRanges.Length);
        Assert.True(NewTable().TouchTracking);
    }

    [Fact]
    public void A_thread_safe_table_keeps_its_counts_when_threads_change_frames_of_the_same_pageblocks()
    {
        var frames = NewTable(threadSafe: true);
        // Four threads, each owning every fourth frame, so that every pageblock is changed by all of them at once.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var random = new Random(t);
            for (var step = 0; step < 50_000; step++)
            {
                var pfn = random.Next(frames.FrameCount / 4) * 4 + t;
                if (pfn >= frames.FrameCount)
                    continue;
                frames.SetPlace(pfn, 1, (PagePlace)random.Next(7), t);
                frames.SetKind(pfn, (byte)random.Next(8));
            }
        });

        Assert.Equal(-1, frames.FirstMiscountedFrame());
    }
}
