namespace CmaActors.Memory.Frames;

// Frames by place and kind, kept per pageblock as frames change place or kind: a sample of where memory is (the
// pageblock map of a report, an area's utilisation) reads 64 counts per pageblock instead of every frame.
public sealed partial class PageFrameTable
{
    private const int PlaceKindCount = 64;

    // Per pageblock, frames by place * 8 + kind.
    private readonly int[] placeKindCounts;
    private readonly bool countsThreadSafe;

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
    /// <c>counts[place * 8 + kind]</c>, 64 entries. Whole pageblocks are read from their counts, the frames of partly
    /// covered ones one by one.
    /// </summary>
    public void CountPlaceAndKind(int start, int count, Span<int> counts)
    {
        if (counts.Length < PlaceKindCount)
            throw new ArgumentException("64 counts are needed, one for each place and kind", nameof(counts));
        if ((uint)start > (uint)FrameCount || count < 0 || start + count > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(start), $"range {start}+{count} outside 0..{FrameCount}");
        var order = Geometry.PageblockOrder;
        var size = Geometry.PageblockNrPages;
        var end = start + count;
        // Pageblocks [first, last) lie wholly in the range; the last pageblock of the table may be short.
        var first = (start + size - 1) >> order;
        var last = end == FrameCount ? PageblockCount : end >> order;
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

    /// <summary>Recounts every pageblock from its frames and compares with the kept counts: the first pageblock that
    /// differs, or -1 (an audit of the counts themselves).</summary>
    public int FirstMiscountedPageblock()
    {
        Span<int> recount = stackalloc int[PlaceKindCount];
        for (var block = 0; block < PageblockCount; block++)
        {
            recount.Clear();
            var start = block << Geometry.PageblockOrder;
            CountFrames(start, Math.Min(Geometry.PageblockNrPages, FrameCount - start), recount);
            if (!recount.SequenceEqual(placeKindCounts.AsSpan(block * PlaceKindCount, PlaceKindCount)))
                return block;
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
        var block = (pfn >> Geometry.PageblockOrder) * PlaceKindCount;
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
