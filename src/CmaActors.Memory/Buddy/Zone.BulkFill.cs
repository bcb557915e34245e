using System.Numerics;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Buddy;

public sealed partial class Zone
{
    /// <summary>
    /// Takes <c>pfnsOut.Length</c> order-0 pages for a <paramref name="mt"/> request at once, as a boot-time fill
    /// (memory taken by early processes, <c>alloc_pages_bulk()</c> without the pcp lists): the pages come from the
    /// lists the repeated order-0 <c>__rmqueue()</c> calls would use — with ALLOC_CMA, the CMA lists whenever
    /// NR_FREE_CMA_PAGES &gt; NR_FREE_PAGES / 2 (the CMA-first rule), else <paramref name="mt"/>'s own lists, then
    /// CMA, then a fallback type — but a whole buddy block at a time instead of one page per call. A block is never
    /// larger than the pages still wanted nor than what the CMA-first rule lets one type give before it would
    /// switch, so the split between CMA and the requested type is the one the per-page calls would give.
    /// Every page's frame gets <paramref name="place"/>/<paramref name="holder"/> and its pcp migratetype cache the
    /// pageblock's type. Watermarks are not checked (the caller decides how much to take). Returns the number of
    /// pages taken (fewer when the zone runs out), written to <paramref name="pfnsOut"/> in the order taken.
    /// </summary>
    public int BulkFill(MigrateType mt, AllocFlags flags, Span<int> pfnsOut, PagePlace place, int holder)
    {
        CheckRequest(0, mt);
        var allocCma = (flags & AllocFlags.Cma) != 0;
        var taken = 0;
        // No block of this order or above is left on mt's (or CMA's) lists: later rounds start lower.
        var ownCap = maxOrder;
        var cmaCap = maxOrder;
        while (taken < pfnsOut.Length)
        {
            var wanted = pfnsOut.Length - taken;
            var pfn = -1;
            var order = 0;
            var cmaFirst = allocCma && UseCmaFirstWhenOverHalfFree && NrFreeCmaPages > NrFreePages / 2;
            if (cmaFirst)
            {
                // cma - k > (free - k) / 2 keeps CMA first for k < 2 * cma - free pages.
                pfn = TakeLargestBlock(MigrateType.Cma, BulkLimit(wanted, 2 * NrFreeCmaPages - NrFreePages), ref cmaCap, out order);
            }

            if (pfn < 0)
            {
                // cma > (free - k) / 2 turns CMA first on once k > free - 2 * cma pages are taken.
                var margin = allocCma && UseCmaFirstWhenOverHalfFree ? NrFreePages - 2 * NrFreeCmaPages : long.MaxValue;
                pfn = TakeLargestBlock(mt, BulkLimit(wanted, Math.Max(1, margin)), ref ownCap, out order);
            }

            if (pfn < 0 && allocCma && !cmaFirst)
                pfn = TakeLargestBlock(MigrateType.Cma, BulkLimit(wanted, long.MaxValue), ref cmaCap, out order);

            if (pfn < 0)
            {
                // __rmqueue_fallback(): rare at boot; one page at a time, as the per-page calls would steal.
                pfn = RmqueueFallback(0, mt, flags);
                order = 0;
                if (pfn < 0)
                    break;
                // A claimed pageblock puts free blocks back on mt's lists.
                ownCap = maxOrder;
            }

            var pages = 1 << order;
            frames.SetPlace(pfn, pages, place, holder);
            for (var block = pfn; block < pfn + pages; block += pageblockNrPages)
                frames.FillPcpMigratetype(block, Math.Min(pageblockNrPages, pfn + pages - block), (MigrateType)frames.PageblockTypes[block >> pageblockOrder]);
            for (var i = 0; i < pages; i++)
                pfnsOut[taken + i] = pfn + i;
            taken += pages;
        }

        return taken;
    }

    /// <summary>The largest order whose block fits both <paramref name="wanted"/> and <paramref name="limit"/> pages.</summary>
    private int BulkLimit(int wanted, long limit)
    {
        var pages = Math.Max(1, Math.Min(wanted, limit));
        return Math.Min(maxOrder, BitOperations.Log2((ulong)pages));
    }

    /// <summary>
    /// __rmqueue_smallest() for the largest block of at most <paramref name="order"/> (and at most
    /// <paramref name="cap"/>) on <paramref name="mt"/>'s lists; lowers <paramref name="cap"/> past orders found
    /// empty. Returns the head pfn, or -1 when the type has no free page at all.
    /// </summary>
    private int TakeLargestBlock(MigrateType mt, int order, ref int cap, out int taken)
    {
        for (taken = Math.Min(order, cap); taken >= 0; taken--)
        {
            var pfn = RmqueueSmallest(taken, mt);
            if (pfn >= 0)
                return pfn;
            // Nothing at this order or above.
            cap = taken - 1;
        }

        taken = 0;
        return -1;
    }
}
