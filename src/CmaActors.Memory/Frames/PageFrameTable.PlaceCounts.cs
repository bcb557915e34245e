namespace CmaActors.Memory.Frames;

// Frames by place and kind, kept per counted block as frames change place or kind: a sample of where memory is (the
// pageblock map of a report, an area's utilisation) reads 64 counts per block instead of every frame. A counted block
// is a pageblock, or 512 frames where pageblocks are smaller, so that the counts never take more than half a byte a
// frame.
public sealed partial class PageFrameTable
{
    private const int PlaceKindCount = 64;
    private const int MinCountedOrder = 9;

    // Per counted block, frames by place * 8 + kind.
    private readonly int[] placeKindCounts;
    private readonly int countedOrder;
    private readonly bool countsThreadSafe;

    private int CountedBlocks => placeKindCounts.Length / PlaceKindCount;

    /// <summary>Counts frames of <paramref name="place"/> in [<paramref name="start"/>, start + count).</summary>
    public int CountPlace(int start, int count, PagePlace place)
    {
        Span<int> byPlace = stackalloc int[8];
        CountPlaces(start, count, byPlace);
        return byPlace[(int)place];
    }

    /// <summary>Adds the frames of [<paramref name="start"/>, start + count) to <paramref name="counts"/> by place, 8 entries.</summary>
    public void CountPlaces(int start, int count, Span<int> counts)
    {
        if (counts.Length < 8)
            throw new ArgumentException("8 counts are needed, one for each place", nameof(counts));
        Span<int> byPlaceAndKind = stackalloc int[PlaceKindCount];
        CountPlaceAndKind(start, count, byPlaceAndKind);
        for (var i = 0; i < PlaceKindCount; i++)
            counts[i >> 3] += byPlaceAndKind[i];
    }

    /// <summary>
    /// Adds the frames of [<paramref name="start"/>, start + count) to <paramref name="counts"/> by place and kind:
    /// <c>counts[place * 8 + kind]</c>, 64 entries. Whole counted blocks (pageblocks of 512 frames or more, else runs
    /// of 512 frames) are read from their counts, the frames of partly covered ones one by one.
    /// </summary>
    public void CountPlaceAndKind(int start, int count, Span<int> counts)
    {
        if (counts.Length < PlaceKindCount)
            throw new ArgumentException("64 counts are needed, one for each place and kind", nameof(counts));
        if ((uint)start > (uint)FrameCount || count < 0 || start + count > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(start), $"range {start}+{count} outside 0..{FrameCount}");
        var order = countedOrder;
        var end = start + count;
        // Blocks [first, last) lie wholly in the range; the last block of the table may be short.
        var first = (start + (1 << order) - 1) >> order;
        var last = end == FrameCount ? CountedBlocks : end >> order;
        if (first >= last)
        {
            CountFrames(start, count, counts);
            return;
        }

        CountFrames(start, (first << order) - start, counts);
        for (var block = first; block < last; block++)
        {
            var blockCounts = placeKindCounts.AsSpan(block * PlaceKindCount, PlaceKindCount);
            for (var i = 0; i < PlaceKindCount; i++)
                counts[i] += countsThreadSafe ? Volatile.Read(ref blockCounts[i]) : blockCounts[i];
        }

        var tail = Math.Min(last << order, FrameCount);
        CountFrames(tail, end - tail, counts);
    }

    /// <summary>Recounts every counted block from its frames and compares with the kept counts: the first frame of the
    /// first block that differs, or -1 (an audit of the counts themselves).</summary>
    public int FirstMiscountedFrame()
    {
        Span<int> recount = stackalloc int[PlaceKindCount];
        for (var block = 0; block < CountedBlocks; block++)
        {
            recount.Clear();
            var start = block << countedOrder;
            CountFrames(start, Math.Min(1 << countedOrder, FrameCount - start), recount);
            if (!recount.SequenceEqual(placeKindCounts.AsSpan(block * PlaceKindCount, PlaceKindCount)))
                return start;
        }

        return -1;
    }

    private void CountFrames(int start, int count, Span<int> counts)
    {
        var placeWords = words.AsSpan(start, count);
        var kindBytes = pageBytes.AsSpan(start, count);
        for (var i = 0; i < placeWords.Length; i++)
            counts[(int)((placeWords[i] & PlaceMask) >> (PlaceShift - 3)) | ((kindBytes[i] & KindMask) >> KindShift)]++;
    }

    private void MoveCount(int pfn, int fromPlace, int fromKind, int toPlace, int toKind)
    {
        var block = (pfn >> countedOrder) * PlaceKindCount;
        ref var from = ref placeKindCounts[block + (fromPlace << 3 | fromKind)];
        ref var to = ref placeKindCounts[block + (toPlace << 3 | toKind)];
        if (countsThreadSafe)
        {
            Interlocked.Decrement(ref from);
            Interlocked.Increment(ref to);
            return;
        }

        from--;
        to++;
    }
}
