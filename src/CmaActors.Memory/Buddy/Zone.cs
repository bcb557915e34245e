using System.Runtime.CompilerServices;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Buddy;

/// <summary>
/// <c>struct zone</c>: the buddy free areas (<c>free_area[order].free_list[migratetype]</c> and
/// <c>nr_free</c>), the free-page counters (NR_FREE_PAGES, NR_FREE_CMA_PAGES), the isolation count,
/// watermarks and the zone span. Every public method is one "zone-&gt;lock held" section: the caller
/// guarantees single-threaded access.
/// </summary>
/// <remarks>
/// The model is the 6.10+ kernel (after the 2024 "migratetype hygiene" series): a free block on
/// <c>free_list[mt]</c> lies in pageblocks of type mt; the counters are adjusted where the kernel's
/// account_freepages() adjusts them and are never recomputed from the lists, so a wrong argument
/// (a stale migratetype) leaves the same damage the kernel would, for the audit to find.
/// The zone must start on a pageblock boundary and span whole pageblocks.
/// </remarks>
public sealed partial class Zone
{
    private readonly PageFrameTable frames;
    private readonly MemoryGeometry geometry;
    private readonly int maxOrder;
    private readonly int pageblockOrder;
    private readonly int pageblockNrPages;
    private readonly PageList[] freeLists;
    private readonly long[] nrFree;
    private readonly ListChanges changes = new();
    private readonly byte[] isolatedFrom;

    /// <summary>Creates a zone over [<paramref name="startPfn"/>, startPfn + pageCount). Its frames must be
    /// <see cref="PagePlace.Hole"/>; they become <see cref="PagePlace.Reserved"/> and every pageblock
    /// MIGRATE_MOVABLE (as memmap_init() leaves them before memblock frees memory).</summary>
    public Zone(string name, int id, PageFrameTable frames, int startPfn, int pageCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(frames);
        geometry = frames.Geometry;
        if (startPfn < 0 || pageCount <= 0 || (long)startPfn + pageCount > frames.FrameCount)
            throw new ArgumentOutOfRangeException(nameof(pageCount), $"zone {startPfn}+{pageCount} outside the frame table");
        if ((startPfn & (geometry.PageblockNrPages - 1)) != 0 || (pageCount & (geometry.PageblockNrPages - 1)) != 0)
            throw new ArgumentException($"zone {name} must start on a pageblock boundary and span whole pageblocks");
        if (frames.CountPlace(startPfn, pageCount, PagePlace.Hole) != pageCount)
            throw new ArgumentException($"zone {name} overlaps frames already in use");

        Name = name;
        Id = id;
        this.frames = frames;
        maxOrder = geometry.MaxPageOrder;
        pageblockOrder = geometry.PageblockOrder;
        pageblockNrPages = geometry.PageblockNrPages;
        ZoneStartPfn = startPfn;
        SpannedPages = pageCount;

        freeLists = new PageList[geometry.NrPageOrders * MigrateTypes.Count];
        for (var order = 0; order <= maxOrder; order++)
            for (var mt = 0; mt < MigrateTypes.Count; mt++)
                freeLists[order * MigrateTypes.Count + mt] =
                    new PageList(frames, $"{name}.free_area[{order}].free_list[{MigrateTypes.KernelName((MigrateType)mt)}]", changes);
        nrFree = new long[geometry.NrPageOrders];
        isolatedFrom = new byte[pageCount >> pageblockOrder];

        frames.SetPlace(startPfn, pageCount, PagePlace.Reserved, -1);
        for (var pfn = startPfn; pfn < startPfn + pageCount; pfn += pageblockNrPages)
            frames.SetPageblockMigratetype(pfn, MigrateType.Movable);
    }

    /// <summary>zone-&gt;name (DMA, DMA32, Normal, Movable...).</summary>
    public string Name { get; }

    /// <summary>Zone id; also the holder recorded in free frames.</summary>
    public int Id { get; }

    /// <summary>NUMA node, printed by /proc/buddyinfo.</summary>
    public int NodeId { get; init; }

    /// <summary>The frame table the zone lives in.</summary>
    public PageFrameTable Frames => frames;

    /// <summary>Orders and pageblock size.</summary>
    public MemoryGeometry Geometry => geometry;

    /// <summary>zone-&gt;zone_start_pfn.</summary>
    public int ZoneStartPfn { get; }

    /// <summary>zone_end_pfn() (exclusive).</summary>
    public int ZoneEndPfn => ZoneStartPfn + SpannedPages;

    /// <summary>zone-&gt;spanned_pages.</summary>
    public int SpannedPages { get; }

    /// <summary>zone-&gt;present_pages (no holes inside a zone in this model).</summary>
    public int PresentPages => SpannedPages;

    /// <summary>zone_managed_pages(): pages handed to the buddy at boot (including CMA).</summary>
    public long ManagedPages { get; private set; }

    /// <summary>zone-&gt;cma_pages: pages of CMA pageblocks handed to the buddy.</summary>
    public long CmaPages { get; private set; }

    /// <summary>Pages declared as carve-outs with <see cref="ReserveRange"/>.</summary>
    public long ReservedPages { get; private set; }

    // ---------------------------------------------------------------- counters

    /// <summary>NR_FREE_PAGES: free pages in the buddy outside MIGRATE_ISOLATE, as maintained by account_freepages().</summary>
    public long NrFreePages { get; private set; }

    /// <summary>NR_FREE_CMA_PAGES: the MIGRATE_CMA subset of <see cref="NrFreePages"/>.</summary>
    public long NrFreeCmaPages { get; private set; }

    /// <summary>zone-&gt;nr_free_highatomic: the MIGRATE_HIGHATOMIC subset of <see cref="NrFreePages"/>.</summary>
    public long NrFreeHighAtomic { get; private set; }

    /// <summary>zone-&gt;nr_reserved_highatomic.</summary>
    public long NrReservedHighAtomic { get; private set; }

    /// <summary>zone-&gt;nr_isolate_pageblock.</summary>
    public int NrIsolatePageblock { get; private set; }

    /// <summary>free_area[order].nr_free: free blocks of that order, all types.</summary>
    public long NrFree(int order) => nrFree[order];

    /// <summary>Grows by one at every link or unlink on the free lists and every change of a free counter, whoever
    /// makes it: equal values mean the lists and counters are as they were.</summary>
    public long Changes => changes.Value;

    /// <summary>Times __rmqueue_fallback() took a block of another type (mm_page_alloc_extfrag events).</summary>
    public long FallbackCount { get; private set; }

    /// <summary>Times a fallback claimed whole pageblocks for the requested type.</summary>
    public long ClaimedBlockCount { get; private set; }

    // ---------------------------------------------------------------- knobs

    /// <summary>Serve ALLOC_CMA requests from CMA first when NR_FREE_CMA_PAGES &gt; NR_FREE_PAGES / 2
    /// (16867664936e, v5.7). Default true.</summary>
    public bool UseCmaFirstWhenOverHalfFree { get; set; } = true;

    /// <summary>Reproduces the pre-2016 bug R3: at order &gt;= pageblock_order merge whatever the pageblock types,
    /// without relabelling and without moving the buddy's pages between the counters. Default false.</summary>
    public bool MergeAcrossIsolatedPageblocks { get; set; }

    /// <summary>Whether an in-use page counts as movable (PageLRU || __PageMovable) when a fallback weighs
    /// claiming a pageblock. Null: no in-use page counts as movable. Asked only for frames that are
    /// <see cref="PagePlace.Owned"/>, <see cref="PagePlace.Contig"/> or <see cref="PagePlace.InFlight"/>.</summary>
    public Func<int, bool>? IsPageMovable { get; set; }

    // ---------------------------------------------------------------- queries

    /// <summary>True when <paramref name="pfn"/> lies inside the zone (zone_spans_pfn()).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool SpansPfn(int pfn) => (uint)(pfn - ZoneStartPfn) < (uint)SpannedPages;

    /// <summary>free_area[order].free_list[mt], read-only.</summary>
    public PageListView FreeList(int order, MigrateType mt) => new(List(order, mt));

    /// <summary>Number of free blocks on free_list[mt] of <paramref name="order"/>.</summary>
    public int FreeListLength(int order, MigrateType mt) => List(order, mt).Count;

    /// <summary>Free pages on free_list[mt] of <paramref name="order"/> (blocks × 2^order).</summary>
    public long CountFree(int order, MigrateType mt) => (long)List(order, mt).Count << order;

    /// <summary>Free pages on every list of type <paramref name="mt"/>.</summary>
    public long CountFree(MigrateType mt)
    {
        long n = 0;
        for (var order = 0; order <= maxOrder; order++)
            n += (long)List(order, mt).Count << order;
        return n;
    }

    /// <summary>Free pages on all lists, isolated ones included.</summary>
    public long CountAllFree()
    {
        long n = 0;
        for (var mt = 0; mt < MigrateTypes.Count; mt++)
            n += CountFree((MigrateType)mt);
        return n;
    }

    /// <summary>Head of the free block containing <paramref name="pfn"/>, or -1 (the outer_start search of
    /// alloc_contig_range()).</summary>
    public int FindBuddyHead(int pfn)
    {
        if (!SpansPfn(pfn) || frames.GetPlace(pfn) != PagePlace.Buddy)
            return -1;
        for (var order = 0; order <= maxOrder; order++)
        {
            var head = pfn & ~((1 << order) - 1);
            if (head < ZoneStartPfn)
                return -1;
            if (frames.BuddyStateAt(head) != 0)
                return head + (1 << (frames.BuddyStateAt(head) - 1)) > pfn ? head : -1;
        }
        return -1;
    }

    /// <summary>True when <paramref name="pfn"/> is inside a free buddy block.</summary>
    public bool IsFree(int pfn) => FindBuddyHead(pfn) >= 0;

    /// <summary>The type a pageblock had before <see cref="SetMigratetypeIsolate(int, Func{int, bool}?, MigrateType)"/>
    /// made it MIGRATE_ISOLATE (meaningful while isolated).</summary>
    public MigrateType GetIsolatedFrom(int pfn)
    {
        CheckInZone(pfn);
        return (MigrateType)isolatedFrom[(pfn - ZoneStartPfn) >> pageblockOrder];
    }

    /// <inheritdoc />
    public override string ToString() => $"zone {Name} [{ZoneStartPfn}, {ZoneEndPfn}) free {NrFreePages} cma {NrFreeCmaPages}";

    // ---------------------------------------------------------------- free list primitives

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal PageList List(int order, MigrateType mt) => freeLists[order * MigrateTypes.Count + (int)mt];

    /// <summary>page_is_buddy() for a pfn inside the zone: PageBuddy with exactly this order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsFreeBuddyOfOrder(int pfn, int order) => SpansPfn(pfn) && frames.BuddyStateAt(pfn) == order + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MigrateType PageblockType(int pfn) => (MigrateType)frames.PageblockTypes[pfn >> pageblockOrder];

    /// <summary>Mirrors account_freepages(): ISOLATE is not counted; CMA and HIGHATOMIC also feed their subsets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AccountFreepages(long nrPages, MigrateType mt)
    {
        if (mt == MigrateType.Isolate)
            return;
        changes.Add();
        NrFreePages += nrPages;
        if (mt == MigrateType.Cma)
            NrFreeCmaPages += nrPages;
        else if (mt == MigrateType.HighAtomic)
            NrFreeHighAtomic += nrPages;
    }

    /// <summary>Mirrors set_buddy_order() + __add_to_free_list().</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddFreeBlock(int pfn, int order, MigrateType mt, bool tail)
    {
        frames.SetBuddy(pfn, order);
        var list = List(order, mt);
        if (tail)
            list.AddTail(pfn);
        else
            list.AddHead(pfn);
        nrFree[order]++;
        changes.Add();
    }

    /// <summary>Mirrors __del_page_from_free_list(): list_del() unlinks the block from whatever list it is
    /// really on, whatever type the caller believes; no counter but nr_free changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DelFreeBlock(int pfn, int order)
    {
        frames.ListOf(pfn)?.Remove(pfn);
        frames.ClearBuddy(pfn);
        nrFree[order]--;
        changes.Add();
    }

    /// <summary>Mirrors del_page_from_free_list(): unlink and account -2^order for <paramref name="mt"/>.</summary>
    private void DelFreeBlockAccounted(int pfn, int order, MigrateType mt)
    {
        DelFreeBlock(pfn, order);
        AccountFreepages(-(1L << order), mt);
    }

    /// <summary>Mirrors move_to_free_list(): list_move_tail() to free_list[newMt] and move the pages
    /// between the counters of <paramref name="oldMt"/> and <paramref name="newMt"/>.</summary>
    private void MoveToFreeList(int pfn, int order, MigrateType oldMt, MigrateType newMt)
    {
        frames.ListOf(pfn)?.Remove(pfn);
        List(order, newMt).AddTail(pfn);
        frames.Touch(pfn, 1);
        AccountFreepages(-(1L << order), oldMt);
        AccountFreepages(1L << order, newMt);
    }

    /// <summary>Mirrors expand(): split a block of order <paramref name="high"/> down to <paramref name="low"/>,
    /// putting each upper half on free_list[mt]. Returns the pages put back.</summary>
    private int Expand(int pfn, int low, int high, MigrateType mt)
    {
        var size = 1 << high;
        var added = 0;
        while (high > low)
        {
            high--;
            size >>= 1;
            AddFreeBlock(pfn + size, high, mt, tail: false);
            added += size;
        }
        return added;
    }

    /// <summary>Mirrors page_del_and_expand().</summary>
    private void PageDelAndExpand(int pfn, int low, int high, MigrateType mt)
    {
        DelFreeBlock(pfn, high);
        var nrPages = (1 << high) - Expand(pfn, low, high, mt);
        AccountFreepages(-nrPages, mt);
    }

    /// <summary>Mirrors change_pageblock_range(): relabel every pageblock of a block of <paramref name="order"/>
    /// (at least the one pageblock holding <paramref name="pfn"/>).</summary>
    private void ChangePageblockRange(int pfn, int order, MigrateType mt)
    {
        var start = pfn & ~(pageblockNrPages - 1);
        var nrBlocks = order > pageblockOrder ? 1 << (order - pageblockOrder) : 1;
        for (var i = 0; i < nrBlocks; i++)
            frames.SetPageblockMigratetype(start + (i << pageblockOrder), mt);
    }

    private void CheckInZone(int pfn)
    {
        if (!SpansPfn(pfn))
            throw new ArgumentOutOfRangeException(nameof(pfn), pfn, $"outside zone {Name} [{ZoneStartPfn}, {ZoneEndPfn})");
    }

    private void CheckBlock(int pfn, int order)
    {
        if ((uint)order > (uint)maxOrder)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"must be in 0..{maxOrder}");
        if ((pfn & ((1 << order) - 1)) != 0)
            throw new ArgumentException($"pfn {pfn} is not aligned to order {order}", nameof(pfn));
        if (!SpansPfn(pfn) || pfn + (1 << order) > ZoneEndPfn)
            throw new ArgumentOutOfRangeException(nameof(pfn), pfn, $"block of order {order} outside zone {Name}");
    }

    private void CheckRange(int start, int end)
    {
        if (start < ZoneStartPfn || end > ZoneEndPfn || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"range [{start}, {end}) outside zone {Name} [{ZoneStartPfn}, {ZoneEndPfn})");
    }
}
