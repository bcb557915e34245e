namespace CmaActors.Memory.Frames;

/// <summary>Operations on lists of <see cref="PfnRange"/>s.</summary>
public static class PfnRanges
{
    // A delivery's touched log holds a few dozen ranges, mostly in order already: insertion sort up to here.
    private const int InsertionSortLimit = 64;

    /// <summary>
    /// Writes the union of <paramref name="ranges"/> into <paramref name="buffer"/> (grown when too small) as ranges in
    /// ascending order that neither overlap nor meet, each frame once; returns how many were written. Empty ranges are
    /// dropped.
    /// </summary>
    public static int Coalesce(ReadOnlySpan<PfnRange> ranges, ref PfnRange[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length < ranges.Length)
            buffer = new PfnRange[Math.Max(ranges.Length, 2 * buffer.Length)];
        var sorted = buffer.AsSpan(0, ranges.Length);
        ranges.CopyTo(sorted);
        if (sorted.Length > InsertionSortLimit)
            sorted.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        else
            InsertionSort(sorted);

        // Merge in place: the write index never passes the read index.
        var count = 0;
        foreach (var range in sorted)
        {
            if (range.Count <= 0)
                continue;
            if (count > 0 && range.Start <= buffer[count - 1].End)
            {
                var last = buffer[count - 1];
                buffer[count - 1] = new PfnRange(last.Start, Math.Max(last.End, range.End) - last.Start);
                continue;
            }
            buffer[count++] = range;
        }
        return count;
    }

    private static void InsertionSort(Span<PfnRange> ranges)
    {
        for (var i = 1; i < ranges.Length; i++)
        {
            var item = ranges[i];
            var j = i - 1;
            while (j >= 0 && ranges[j].Start > item.Start)
            {
                ranges[j + 1] = ranges[j];
                j--;
            }
            ranges[j + 1] = item;
        }
    }
}
