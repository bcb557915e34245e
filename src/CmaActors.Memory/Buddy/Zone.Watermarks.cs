using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Buddy;

public sealed partial class Zone
{
    /// <summary>_watermark[WMARK_MIN] in pages.</summary>
    public long WatermarkMin { get; private set; }

    /// <summary>_watermark[WMARK_LOW] in pages.</summary>
    public long WatermarkLow { get; private set; }

    /// <summary>_watermark[WMARK_HIGH] in pages.</summary>
    public long WatermarkHigh { get; private set; }

    /// <summary>Sets the three watermarks directly (pages).</summary>
    public void SetWatermarks(long min, long low, long high)
    {
        if (min < 0 || low < min || high < low)
            throw new ArgumentException($"watermarks must satisfy 0 <= min <= low <= high (got {min}/{low}/{high})");
        WatermarkMin = min;
        WatermarkLow = low;
        WatermarkHigh = high;
    }

    /// <summary>
    /// Mirrors __setup_per_zone_wmarks() (since 4.6): min = min_free_kbytes / 4 pages, shared between zones in
    /// proportion to their managed pages (<paramref name="lowmemPages"/> = managed pages of all such zones,
    /// default this zone's); then gap = max(min / 4, managed × watermark_scale_factor / 10000),
    /// low = min + gap, high = low + gap. With <paramref name="watermarkScaleFactor"/> 0 this gives the
    /// pre-4.6 ratios low = min × 5/4, high = min × 3/2.
    /// </summary>
    public void SetWatermarksFromMinFreeKbytes(long minFreeKbytes, int watermarkScaleFactor = 10, long lowmemPages = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minFreeKbytes);
        ArgumentOutOfRangeException.ThrowIfNegative(watermarkScaleFactor);
        var pageKbytes = geometry.PageSizeBytes / 1024;
        var pagesMin = minFreeKbytes / pageKbytes;
        var lowmem = lowmemPages > 0 ? lowmemPages : ManagedPages;
        var min = lowmem > 0 ? pagesMin * ManagedPages / lowmem : 0;
        var gap = Math.Max(min >> 2, ManagedPages * watermarkScaleFactor / 10000);
        SetWatermarks(min, min + gap, min + 2 * gap);
    }

    /// <summary>
    /// Mirrors __zone_watermark_ok() with free_pages = NR_FREE_PAGES (lowmem_reserve is not modelled).
    /// </summary>
    public bool ZoneWatermarkOk(int order, long mark, AllocFlags flags) => ZoneWatermarkOk(order, mark, flags, NrFreePages);

    /// <summary>
    /// Mirrors __zone_watermark_ok(): discounts 2^order - 1 pages, the free HIGHATOMIC reserve (unless the
    /// request may use reserves) and the free CMA pages (without ALLOC_CMA); lowers the mark for
    /// ALLOC_MIN_RESERVE / ALLOC_NON_BLOCK / ALLOC_OOM; then an order &gt; 0 request also needs a free block of
    /// at least that order on a list it may use.
    /// </summary>
    public bool ZoneWatermarkOk(int order, long mark, AllocFlags flags, long freePages)
    {
        if ((uint)order > (uint)maxOrder)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"must be in 0..{maxOrder}");
        var min = mark;

        // __zone_watermark_unusable_free()
        var unusable = (1L << order) - 1;
        if ((flags & AllocFlags.Reserves) == 0)
            unusable += NrFreeHighAtomic;
        if ((flags & AllocFlags.Cma) == 0)
            unusable += NrFreeCmaPages;
        freePages -= unusable;

        if ((flags & AllocFlags.Reserves) != 0)
        {
            if ((flags & AllocFlags.MinReserve) != 0)
            {
                min -= min / 2;
                if ((flags & AllocFlags.NonBlock) != 0)
                    min -= min / 4;
            }
            if ((flags & AllocFlags.Oom) != 0)
                min -= min / 2;
        }

        if (freePages <= min)
            return false;
        if (order == 0)
            return true;

        for (var o = order; o <= maxOrder; o++)
        {
            if (nrFree[o] == 0)
                continue;
            for (var mt = 0; mt < MigrateTypes.PcpTypes; mt++)
                if (!List(o, (MigrateType)mt).IsEmpty)
                    return true;
            if ((flags & AllocFlags.Cma) != 0 && !List(o, MigrateType.Cma).IsEmpty)
                return true;
            if ((flags & (AllocFlags.HighAtomic | AllocFlags.Oom)) != 0 && !List(o, MigrateType.HighAtomic).IsEmpty)
                return true;
        }
        return false;
    }
}
