using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Buddy;

public sealed partial class Zone
{
    /// <summary>
    /// Mirrors set_migratetype_isolate() for the pageblock holding <paramref name="pfn"/> (one zone-&gt;lock hold):
    /// -EBUSY when already isolated or when has_unmovable_pages() finds a page that cannot move; otherwise the
    /// previous type is remembered, the free pages move to the ISOLATE lists (move_freepages_block_isolate(),
    /// splitting a free block larger than a pageblock) and leave NR_FREE_PAGES / NR_FREE_CMA_PAGES, and
    /// nr_isolate_pageblock grows.
    /// </summary>
    /// <param name="pfn">Any frame of the pageblock.</param>
    /// <param name="isUnmovable">Whether an in-use page is unmovable; null: every in-use page is movable.
    /// Reserved frames are always unmovable; free and pcp frames (refcount 0) never are.</param>
    /// <param name="isolateFor">The migratetype the caller isolates for (alloc_contig_range()'s migratetype):
    /// a CMA pageblock isolated for MIGRATE_CMA counts every page as movable, and for anything else counts
    /// as unmovable, as has_unmovable_pages() does.</param>
    public IsolateResult SetMigratetypeIsolate(int pfn, Func<int, bool>? isUnmovable, MigrateType isolateFor = MigrateType.Cma)
    {
        CheckInZone(pfn);
        var start = pfn & ~(pageblockNrPages - 1);
        var blockType = PageblockType(start);
        if (blockType == MigrateType.Isolate)
            return new IsolateResult(IsolateStatus.AlreadyIsolated, start);

        var unmovable = HasUnmovablePages(start, start + pageblockNrPages, isolateFor, isUnmovable);
        if (unmovable >= 0)
            return new IsolateResult(IsolateStatus.HasUnmovablePages, unmovable);

        if (!MoveFreepagesBlockIsolate(start, MigrateType.Isolate))
            return new IsolateResult(IsolateStatus.OutsideZone, start);

        isolatedFrom[(start - ZoneStartPfn) >> pageblockOrder] = (byte)blockType;
        NrIsolatePageblock++;
        return new IsolateResult(IsolateStatus.Isolated, start);
    }

    /// <summary>Mirrors unset_migratetype_isolate(), restoring the type remembered by
    /// <see cref="SetMigratetypeIsolate(int, Func{int, bool}?, MigrateType)"/>.</summary>
    public void UnsetMigratetypeIsolate(int pfn) => UnsetMigratetypeIsolate(pfn, GetIsolatedFrom(pfn));

    /// <summary>
    /// Mirrors unset_migratetype_isolate(): no-op unless the pageblock is isolated; a free pageblock-order
    /// block whose buddy is free outside isolation is taken out and freed again so it merges; otherwise the
    /// free pages move back to <paramref name="restoreTo"/> and are counted again. nr_isolate_pageblock drops.
    /// </summary>
    public void UnsetMigratetypeIsolate(int pfn, MigrateType restoreTo)
    {
        CheckInZone(pfn);
        if (restoreTo == MigrateType.Isolate)
            throw new ArgumentOutOfRangeException(nameof(restoreTo), restoreTo, "cannot restore to MIGRATE_ISOLATE");
        var start = pfn & ~(pageblockNrPages - 1);
        if (PageblockType(start) != MigrateType.Isolate)
            return;

        var isolatedPage = false;
        var order = 0;
        if (frames.BuddyStateAt(start) != 0)
        {
            order = frames.BuddyStateAt(start) - 1;
            // The kernel tests order >= pageblock_order && order < MAX_PAGE_ORDER, which with
            // MAX_PAGE_ORDER == pageblock_order + 1 means exactly one pageblock; larger blocks take the
            // splitting path of move_freepages_block_isolate().
            if (order == pageblockOrder && order < maxOrder)
            {
                var buddy = start ^ (1 << order);
                if (IsFreeBuddyOfOrder(buddy, order) && PageblockType(buddy) != MigrateType.Isolate)
                {
                    // __isolate_free_page() on an isolated pageblock: no watermark check, nothing counted.
                    DelFreeBlockAccounted(start, order, MigrateType.Isolate);
                    isolatedPage = true;
                }
            }
        }

        if (!isolatedPage)
        {
            MoveFreepagesBlockIsolate(start, restoreTo);
        }
        else
        {
            frames.SetPageblockMigratetype(start, restoreTo);
            // __putback_isolated_page(): __free_one_page(..., FPI_TO_TAIL).
            FreeOnePageCore(start, order, restoreTo, toTail: true);
        }
        NrIsolatePageblock--;
    }

    /// <summary>
    /// Mirrors move_freepages_block(): moves the free pages of the pageblock holding <paramref name="pfn"/>
    /// from its current type to <paramref name="newMt"/> and relabels it. Returns the pages moved, or -1 when
    /// the pageblock straddles the zone.
    /// </summary>
    public int MoveFreePagesBlock(int pfn, MigrateType newMt)
    {
        CheckInZone(pfn);
        if (!PrepMoveFreepagesBlock(pfn, out var start, out _, out _, count: false))
            return -1;
        return MoveFreepagesBlockCore(start, PageblockType(start), newMt);
    }

    /// <summary>
    /// Mirrors test_pages_isolated(): returns -1 when every pageblock meeting [start, end) is MIGRATE_ISOLATE
    /// and every page in the range lies in a free buddy block, else the first offending pfn.
    /// </summary>
    /// <param name="startPfn">First frame.</param>
    /// <param name="endPfn">One past the last frame.</param>
    /// <param name="requireIsolateFreeList">Also require each free block to be on an ISOLATE free list (the
    /// kernel cannot check this and does not; pass false for its exact behaviour).</param>
    public int TestPagesIsolated(int startPfn, int endPfn, bool requireIsolateFreeList = true) =>
        TestPagesIsolated(startPfn, endPfn, requireIsolateFreeList, out _);

    /// <summary>
    /// <see cref="TestPagesIsolated(int, int, bool)"/>, also giving the steps of __test_page_isolated_in_pageblock()'s
    /// walk (one per free block, plus the page it stopped at), which is what its zone-&gt;lock hold costs.
    /// </summary>
    public int TestPagesIsolated(int startPfn, int endPfn, bool requireIsolateFreeList, out int steps)
    {
        steps = 0;
        CheckRange(startPfn, endPfn);
        for (var block = startPfn & ~(pageblockNrPages - 1); block < endPfn; block += pageblockNrPages)
            if (PageblockType(block) != MigrateType.Isolate)
                return Math.Max(block, startPfn);

        // __test_page_isolated_in_pageblock()
        var pfn = startPfn;
        while (pfn < endPfn)
        {
            steps++;
            var state = frames.BuddyStateAt(pfn);
            if (state == 0)
                return pfn;
            var order = state - 1;
            if (requireIsolateFreeList && !List(order, MigrateType.Isolate).Contains(pfn))
                return pfn;
            pfn += 1 << order;
        }
        return -1;
    }

    /// <summary>
    /// Mirrors isolate_freepages_range() as alloc_contig_range() uses it: takes every free page of
    /// [start, end) out of the buddy (__isolate_free_page() per block, starting from the block that contains
    /// <paramref name="startPfn"/>), gives the frames <paramref name="place"/>/<paramref name="holder"/>, and frees
    /// the excess of blocks straddling either end back to the free lists (types read under the lock).
    /// Returns false, taking nothing, when any page in the range is not free.
    /// </summary>
    public bool IsolateFreePagesRange(int startPfn, int endPfn, PagePlace place, int holder)
    {
        CheckRange(startPfn, endPfn);
        if (startPfn == endPfn)
            return true;
        var outerStart = FindBuddyHead(startPfn);
        if (outerStart < 0)
            return false;

        // Strict mode: every page must be free; find outer_end without touching anything.
        var pfn = outerStart;
        while (pfn < endPfn)
        {
            var state = frames.BuddyStateAt(pfn);
            if (state == 0)
                return false;
            pfn += 1 << (state - 1);
        }
        var outerEnd = pfn;

        for (pfn = outerStart; pfn < endPfn;)
        {
            var order = frames.BuddyStateAt(pfn) - 1;
            IsolateFreePage(pfn, order);
            pfn += 1 << order;
        }

        frames.SetPlace(startPfn, endPfn - startPfn, place, holder);
        if (outerStart < startPfn)
            FreeRangeCore(outerStart, startPfn);
        if (outerEnd > endPfn)
            FreeRangeCore(endPfn, outerEnd);
        return true;
    }

    /// <summary>
    /// Mirrors one zone-&gt;lock hold of isolate_freepages_block() in strict mode, as isolate_freepages_range() runs it
    /// for alloc_contig_range(): from <paramref name="pfn"/> (a free block's head), takes each free block
    /// (__isolate_free_page()) and hands it to <paramref name="taken"/> (head, order), until the lock is dropped — at a
    /// pfn aligned to <paramref name="clusterPages"/> (COMPACT_CLUSTER_MAX) or to a pageblock, the end of one
    /// isolate_freepages_block() call — or <paramref name="endPfn"/> is reached. Returns the pfn reached, or -1 when a
    /// page there is not free (the strict walk stops; the caller gives back what it took).
    /// </summary>
    public int IsolateFreePagesBlock(int pfn, int endPfn, int clusterPages, Action<int, int> taken)
    {
        CheckRange(pfn, endPfn);
        var step = Math.Min(clusterPages, pageblockNrPages);
        var start = pfn;
        while (pfn < endPfn && (pfn == start || pfn % step != 0))
        {
            var state = frames.BuddyStateAt(pfn);
            if (state == 0 || frames.GetPlace(pfn) != PagePlace.Buddy)
                return -1;
            var order = state - 1;
            IsolateFreePage(pfn, order);
            taken(pfn, order);
            pfn += 1 << order;
        }
        return pfn;
    }

    /// <summary>
    /// Mirrors __isolate_free_page() (without the watermark check, which isolated pageblocks skip): unlink and
    /// uncount the block for its pageblock's type; when it is at least half a pageblock, turn its mergeable
    /// pageblocks MIGRATE_MOVABLE.
    /// </summary>
    private void IsolateFreePage(int pfn, int order)
    {
        DelFreeBlockAccounted(pfn, order, PageblockType(pfn));
        if (order >= pageblockOrder - 1)
        {
            var end = pfn + (1 << order) - 1;
            for (var p = pfn; p < end; p += pageblockNrPages)
            {
                var mt = PageblockType(p);
                if (MigrateTypes.IsMergeable(mt) && PrepMoveFreepagesBlock(p, out var blockStart, out _, out _, count: false))
                    MoveFreepagesBlockCore(blockStart, mt, MigrateType.Movable);
            }
        }
    }

    /// <summary>
    /// Mirrors move_freepages_block_isolate(): when the pageblock is part of a larger free block, take that
    /// block off its list, relabel this pageblock and free the block again pageblock by pageblock
    /// (split_large_buddy()); otherwise move the pageblock's free pages to <paramref name="mt"/>.
    /// </summary>
    private bool MoveFreepagesBlockIsolate(int pfn, MigrateType mt)
    {
        if (!PrepMoveFreepagesBlock(pfn, out var start, out _, out _, count: false))
            return false;

        if (pageblockOrder != maxOrder)
        {
            // A tail pageblock of a larger free block, or the starting pageblock of one.
            var bigHead = FindLargeBuddy(start);
            if (bigHead == start && (frames.BuddyStateAt(start) == 0 || frames.BuddyStateAt(start) - 1 <= pageblockOrder))
                bigHead = -1;
            if (bigHead >= 0)
            {
                var order = frames.BuddyStateAt(bigHead) - 1;
                DelFreeBlockAccounted(bigHead, order, PageblockType(bigHead));
                frames.SetPageblockMigratetype(start, mt);
                SplitLargeBuddy(bigHead, order);
                return true;
            }
        }

        MoveFreepagesBlockCore(start, PageblockType(start), mt);
        return true;
    }

    /// <summary>Mirrors find_large_buddy(): the head of a free block that starts before
    /// <paramref name="startPfn"/> and covers it, else startPfn.</summary>
    private int FindLargeBuddy(int startPfn)
    {
        var pfn = startPfn;
        var order = 0;
        while (frames.BuddyStateAt(pfn) == 0)
        {
            if (++order > maxOrder)
                return startPfn;
            pfn &= ~((1 << order) - 1);
            if (pfn < ZoneStartPfn)
                return startPfn;
        }
        return pfn + (1 << (frames.BuddyStateAt(pfn) - 1)) > startPfn ? pfn : startPfn;
    }

    /// <summary>Mirrors split_large_buddy(): free a block again pageblock by pageblock, each with its own type.</summary>
    private void SplitLargeBuddy(int pfn, int order)
    {
        var end = pfn + (1 << order);
        var step = Math.Min(order, pageblockOrder);
        do
        {
            FreeOnePageCore(pfn, step, PageblockType(pfn), toTail: false);
            pfn += 1 << step;
        }
        while (pfn < end);
    }

    /// <summary>
    /// Mirrors has_unmovable_pages() for [start, end) inside one pageblock: the first unmovable pfn, or -1.
    /// </summary>
    private int HasUnmovablePages(int start, int end, MigrateType isolateFor, Func<int, bool>? isUnmovable)
    {
        if (PageblockType(start) == MigrateType.Cma)
            return isolateFor == MigrateType.Cma ? -1 : start;

        for (var pfn = start; pfn < end; pfn++)
        {
            var place = frames.GetPlace(pfn);
            switch (place)
            {
                case PagePlace.Reserved:
                case PagePlace.Hole:
                    return pfn;
                case PagePlace.Buddy:
                    var state = frames.BuddyStateAt(pfn);
                    if (state != 0)
                        pfn += (1 << (state - 1)) - 1;
                    continue;
                case PagePlace.Pcp:
                    continue; // page_ref_count() == 0
                default:
                    if (isUnmovable != null && isUnmovable(pfn))
                        return pfn;
                    continue;
            }
        }
        return -1;
    }
}
