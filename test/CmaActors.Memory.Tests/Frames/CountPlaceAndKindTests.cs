using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Frames;

public sealed class CountPlaceAndKindTests
{
    [Fact]
    public void Counts_every_frame_of_the_range_under_its_place_and_kind_and_nothing_outside_it()
    {
        var frames = new PageFrameTable(4096, new MemoryGeometry());
        var random = new Random(3);
        for (var pfn = 0; pfn < frames.FrameCount; pfn++)
        {
            frames.SetPlace(pfn, 1, (PagePlace)random.Next(8), 0);
            frames.SetKind(pfn, (byte)random.Next(8));
            frames.SetFlagBits(pfn, (byte)random.Next(8));
        }

        var counts = new int[64];
        frames.CountPlaceAndKind(512, 1024, counts);

        var expected = new int[64];
        for (var pfn = 512; pfn < 1536; pfn++)
            expected[((int)frames.GetPlace(pfn) << 3) | frames.GetKind(pfn)]++;
        Assert.Equal(expected, counts);
        Assert.Equal(1024, counts.Sum());
    }

    [Fact]
    public void Counts_every_frame_of_the_range_under_its_place()
    {
        var frames = new PageFrameTable(2048, new MemoryGeometry());
        for (var pfn = 0; pfn < frames.FrameCount; pfn++)
            frames.SetPlace(pfn, 1, (PagePlace)(pfn % 8), pfn);

        var counts = new int[8];
        frames.CountPlaces(3, 80, counts);

        // pfns 3..82: place p is every pfn with pfn % 8 == p, ten of each.
        Assert.Equal(Enumerable.Repeat(10, 8), counts);
        Assert.Throws<ArgumentException>(() => frames.CountPlaces(0, 8, new int[7]));
    }

    [Fact]
    public void Fewer_than_64_counts_are_refused()
    {
        var frames = new PageFrameTable(64, new MemoryGeometry());
        Assert.Throws<ArgumentException>(() => frames.CountPlaceAndKind(0, 64, new int[8]));
    }
}
