using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Buddy;

public sealed partial class Zone
{
    // fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] of mm/page_alloc.c; never CMA, ISOLATE or HIGHATOMIC.
    private static readonly MigrateType[] Fallbacks =
    [
        MigrateType.Reclaimable, MigrateType.Movable,   // Unmovable
        MigrateType.Reclaimable, MigrateType.Unmovable, // Movable
        MigrateType.Unmovable, MigrateType.Movable,     // Reclaimable
    ];

    /// <summary>
    /// Takes one block of <paramref name="order"/> for a <paramref name="mt"/> request and gives its frames
    /// <paramref name="place"/>/<paramref name="holder"/>. Returns the head pfn, or -1.
    /// Mirrors __rmqueue(): (1) with ALLOC_CMA and NR_FREE_CMA_PAGES &gt; NR_FREE_PAGES / 2, CMA first;
    /// (2) __rmqueue_smallest(); (3) __rmqueue_cma_fallback() with ALLOC_CMA; (4) __rmqueue_fallback().
    /// As rmqueue_buddy() does around it, ALLOC_HIGHATOMIC tries the HIGHATOMIC lists first and
    /// ALLOC_OOM / ALLOC_NON_BLOCK try them last. Watermarks are not checked here (see <see cref="ZoneWatermarkOk(int, long, AllocFlags)"/>).
    /// </summary>
    public int Rmqueue(int order, MigrateType mt, AllocFlags flags, PagePlace place, int holder)
    {
        CheckRequest(order, mt);
        var pfn = -1;
        if ((flags & AllocFlags.HighAtomic) != 0)
            pfn = RmqueueSmallest(order, MigrateType.HighAtomic);
        if (pfn < 0)
            pfn = RmqueueCore(order, mt, flags);
        if (pfn < 0 && (flags & (AllocFlags.Oom | AllocFlags.NonBlock)) != 0)
            pfn = RmqueueSmallest(order, MigrateType.HighAtomic);
        if (pfn >= 0)
            HandOut(pfn, order, place, holder);
        return pfn;
    }

    /// <summary>
    /// Mirrors rmqueue_bulk(): up to <paramref name="count"/> calls of __rmqueue() under one lock hold; each page's
    /// pcp migratetype cache is set to its pageblock type at that moment. Returns the number taken, written
    /// to <paramref name="pfnsOut"/> in the order taken.
    /// </summary>
    public int RmqueueBulk(int order, MigrateType mt, int count, AllocFlags flags, Span<int> pfnsOut, PagePlace place, int holder)
    {
        CheckRequest(order, mt);
        var n = Math.Min(count, pfnsOut.Length);
        var i = 0;
        for (; i < n; i++)
        {
            var pfn = RmqueueCore(order, mt, flags);
            if (pfn < 0)
                break;
            HandOut(pfn, order, place, holder);
            pfnsOut[i] = pfn;
        }
        return i;
    }

    /// <summary>
    /// Mirrors find_suitable_fallback() with only_stealable = false: the first fallback type of
    /// <paramref name="mt"/> with a free block of <paramref name="order"/>, or -1. <paramref name="canSteal"/>
    /// tells whether the whole pageblock may be claimed (can_steal_fallback()).
    /// </summary>
    public int FindSuitableFallback(int order, MigrateType mt, out bool canSteal)
    {
        canSteal = false;
        if ((int)mt >= MigrateTypes.PcpTypes)
            return -1;
        for (var i = 0; i < MigrateTypes.PcpTypes - 1; i++)
        {
            var fallbackMt = Fallbacks[(int)mt * 2 + i];
            if (List(order, fallbackMt).IsEmpty)
                continue;
            canSteal = CanStealFallback(order, mt);
            return (int)fallbackMt;
        }
        return -1;
    }

    private void CheckRequest(int order, MigrateType mt)
    {
        if ((uint)order > (uint)maxOrder)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"must be in 0..{maxOrder}");
        if (mt == MigrateType.Isolate || (int)mt >= MigrateTypes.Count)
            throw new ArgumentOutOfRangeException(nameof(mt), mt, "no allocation is served from MIGRATE_ISOLATE");
    }

    private void HandOut(int pfn, int order, PagePlace place, int holder)
    {
        frames.SetPlace(pfn, 1 << order, place, holder);
        frames.SetPcpMigratetype(pfn, (MigrateType)frames.PageblockTypes[pfn >> pageblockOrder]);
    }

    /// <summary>Mirrors __rmqueue().</summary>
    private int RmqueueCore(int order, MigrateType mt, AllocFlags flags)
    {
        var allocCma = (flags & AllocFlags.Cma) != 0;
        if (allocCma && UseCmaFirstWhenOverHalfFree && NrFreeCmaPages > NrFreePages / 2)
        {
            var cma = RmqueueSmallest(order, MigrateType.Cma);
            if (cma >= 0)
                return cma;
        }

        var pfn = RmqueueSmallest(order, mt);
        if (pfn < 0)
        {
            if (allocCma)
                pfn = RmqueueSmallest(order, MigrateType.Cma);
            if (pfn < 0)
                pfn = RmqueueFallback(order, mt, flags);
        }
        return pfn;
    }

    /// <summary>Mirrors __rmqueue_smallest(): the first block on free_list[mt] at order..MAX_PAGE_ORDER, split down.</summary>
    private int RmqueueSmallest(int order, MigrateType mt)
    {
        for (var current = order; current <= maxOrder; current++)
        {
            var pfn = List(current, mt).Head;
            if (pfn < 0)
                continue;
            PageDelAndExpand(pfn, order, current, mt);
            return pfn;
        }
        return -1;
    }

    /// <summary>
    /// Mirrors __rmqueue_fallback(): the largest free block of a fallback type (or, for a movable request that
    /// may not claim the block, the smallest), then steal_suitable_fallback().
    /// </summary>
    private int RmqueueFallback(int order, MigrateType startMt, AllocFlags flags)
    {
        if ((int)startMt >= MigrateTypes.PcpTypes)
            return -1;

        var minOrder = order;
        if (order < pageblockOrder && (flags & AllocFlags.NoFragment) != 0)
            minOrder = pageblockOrder;

        int current;
        int fallbackMt = -1;
        var canSteal = false;
        for (current = maxOrder; current >= minOrder; current--)
        {
            fallbackMt = FindSuitableFallback(current, startMt, out canSteal);
            if (fallbackMt < 0)
                continue;
            if (!canSteal && startMt == MigrateType.Movable && current > order)
                goto findSmallest;
            goto doSteal;
        }
        return -1;

    findSmallest:
        for (current = order; current <= maxOrder; current++)
        {
            fallbackMt = FindSuitableFallback(current, startMt, out canSteal);
            if (fallbackMt >= 0)
                break;
        }

    doSteal:
        FallbackCount++;
        var pfn = List(current, (MigrateType)fallbackMt).Head;
        return StealSuitableFallback(pfn, current, order, startMt, canSteal);
    }

    /// <summary>Mirrors can_steal_fallback().</summary>
    private bool CanStealFallback(int order, MigrateType startMt) =>
        order >= pageblockOrder
        || order >= pageblockOrder / 2
        || startMt == MigrateType.Reclaimable
        || startMt == MigrateType.Unmovable;

    /// <summary>
    /// Mirrors steal_suitable_fallback() (6.10): a block of pageblock_order or more is taken whole and relabelled;
    /// a smaller one claims its pageblock when free + compatible pages reach half a pageblock (relabel and
    /// move the free pages, then __rmqueue_smallest()); otherwise one block is taken and the rest is
    /// expanded back onto the fallback type's own lists.
    /// </summary>
    private int StealSuitableFallback(int pfn, int currentOrder, int order, MigrateType startType, bool wholeBlock)
    {
        var blockType = PageblockType(pfn);

        if (blockType != MigrateType.HighAtomic)
        {
            if (currentOrder >= pageblockOrder)
            {
                DelFreeBlockAccounted(pfn, currentOrder, blockType);
                ChangePageblockRange(pfn, currentOrder, startType);
                var added = Expand(pfn, order, currentOrder, startType);
                AccountFreepages(added, startType);
                ClaimedBlockCount++;
                return pfn;
            }

            if (wholeBlock && PrepMoveFreepagesBlock(pfn, out var startPfn, out var freePages, out var movablePages, count: true))
            {
                int alikePages;
                if (startType == MigrateType.Movable)
                    alikePages = movablePages;
                else if (blockType == MigrateType.Movable)
                    alikePages = pageblockNrPages - (freePages + movablePages);
                else
                    alikePages = 0;

                if (freePages + alikePages >= pageblockNrPages / 2)
                {
                    MoveFreepagesBlockCore(startPfn, blockType, startType);
                    ClaimedBlockCount++;
                    return RmqueueSmallest(order, startType);
                }
            }
        }

        PageDelAndExpand(pfn, order, currentOrder, blockType);
        return pfn;
    }

    /// <summary>
    /// Mirrors prep_move_freepages_block(): refuses pageblocks that straddle the zone; with
    /// <paramref name="count"/>, counts free pages (PageBuddy blocks) and in-use movable pages.
    /// </summary>
    private bool PrepMoveFreepagesBlock(int pfn, out int startPfn, out int numFree, out int numMovable, bool count)
    {
        startPfn = pfn & ~(pageblockNrPages - 1);
        numFree = 0;
        numMovable = 0;
        var end = startPfn + pageblockNrPages;
        if (!SpansPfn(startPfn) || !SpansPfn(end - 1))
            return false;
        if (!count)
            return true;

        var isMovable = IsPageMovable;
        for (var p = startPfn; p < end;)
        {
            var state = frames.BuddyStateAt(p);
            if (state != 0)
            {
                var nr = 1 << (state - 1);
                numFree += nr;
                p += nr;
                continue;
            }
            if (isMovable != null)
            {
                var place = frames.GetPlace(p);
                if ((place is PagePlace.Owned or PagePlace.Contig or PagePlace.InFlight) && isMovable(p))
                    numMovable++;
            }
            p++;
        }
        return true;
    }

    /// <summary>
    /// Mirrors __move_freepages_block(): every free block headed inside the pageblock moves from
    /// <paramref name="oldMt"/> to <paramref name="newMt"/> (lists and counters), then the pageblock is relabelled.
    /// Returns the pages moved.
    /// </summary>
    private int MoveFreepagesBlockCore(int startPfn, MigrateType oldMt, MigrateType newMt)
    {
        var end = startPfn + pageblockNrPages;
        var moved = 0;
        for (var p = startPfn; p < end;)
        {
            var state = frames.BuddyStateAt(p);
            if (state == 0)
            {
                p++;
                continue;
            }
            var order = state - 1;
            MoveToFreeList(p, order, oldMt, newMt);
            p += 1 << order;
            moved += 1 << order;
        }
        frames.SetPageblockMigratetype(startPfn, newMt);
        return moved;
    }

    /// <summary>
    /// Mirrors reserve_highatomic_pageblock(): after a successful ALLOC_HIGHATOMIC allocation of
    /// <paramref name="order"/> at <paramref name="pfn"/>, turn its pageblock into MIGRATE_HIGHATOMIC while the
    /// reserve is below about 1% of the zone. Returns true when a reserve was made.
    /// </summary>
    public bool ReserveHighatomicPageblock(int pfn, int order)
    {
        CheckBlock(pfn, order);
        if (ManagedPages / 100 < pageblockNrPages)
            return false;
        var maxManaged = (ManagedPages / 100 + pageblockNrPages - 1) / pageblockNrPages * pageblockNrPages;
        if (NrReservedHighAtomic >= maxManaged)
            return false;

        var mt = PageblockType(pfn);
        if (!MigrateTypes.IsMergeable(mt))
            return false;

        if (order < pageblockOrder)
        {
            if (!PrepMoveFreepagesBlock(pfn, out var startPfn, out _, out _, count: false))
                return false;
            MoveFreepagesBlockCore(startPfn, mt, MigrateType.HighAtomic);
            NrReservedHighAtomic += pageblockNrPages;
        }
        else
        {
            ChangePageblockRange(pfn, order, MigrateType.HighAtomic);
            NrReservedHighAtomic += 1L << order;
        }
        return true;
    }
}
