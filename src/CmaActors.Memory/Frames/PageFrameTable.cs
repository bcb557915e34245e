using System.Runtime.CompilerServices;

namespace CmaActors.Memory.Frames;

/// <summary>
/// The emulator's <c>struct page</c> array, stored as one array per field (no object per page).
/// Per frame: place and holder, the buddy state (PageBuddy flag and order in <c>page-&gt;private</c>,
/// meaningful on the head of a free block only), the pcp migratetype cache (the pre-6.10
/// <c>page-&gt;index</c>), intrusive list links and the id of the list the frame is linked on,
/// an emulator-defined kind and flag byte, and the reference and pin counts. Per pageblock: the
/// migratetype (the kernel's pageblock flags).
/// </summary>
/// <remarks>
/// Not thread-safe, except <see cref="RefCounts"/> and <see cref="PinCounts"/>, which callers may update
/// with <see cref="Interlocked"/>. Every change of place, holder, buddy state, free-list membership of a
/// buddy head or pageblock type is appended to the touched log (<see cref="TouchedRanges"/>).
/// </remarks>
public sealed class PageFrameTable
{
    /// <summary>Above this many ranges the touched log collapses to "everything touched".</summary>
    public const int MaxTouchedRanges = 4096;

    private const byte NotBuddy = 0;

    internal readonly byte[] Place;
    internal readonly int[] Holder;
    // 0 = not PageBuddy; otherwise buddy order + 1 (PageBuddy + page->private).
    internal readonly byte[] BuddyState;
    internal readonly byte[] PcpMigratetype;
    internal readonly int[] Next;
    internal readonly int[] Prev;
    internal readonly ushort[] ListIds;
    private readonly byte[] kinds;
    private readonly byte[] flags;
    private readonly int[] refCounts;
    private readonly int[] pinCounts;
    internal readonly byte[] PageblockTypes;

    private readonly List<PageList?> lists = [null];

    private PfnRange[] touched = new PfnRange[64];
    private int touchedCount;
    private bool allTouched;

    /// <summary>Allocates the arrays for <paramref name="frameCount"/> frames, all <see cref="PagePlace.Hole"/>,
    /// every pageblock <see cref="MigrateType.Unmovable"/> (zones set their own pageblocks).</summary>
    public PageFrameTable(int frameCount, MemoryGeometry geometry)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        ArgumentNullException.ThrowIfNull(geometry);
        FrameCount = frameCount;
        Geometry = geometry;
        Place = new byte[frameCount];
        Holder = new int[frameCount];
        Array.Fill(Holder, -1);
        BuddyState = new byte[frameCount];
        PcpMigratetype = new byte[frameCount];
        Next = new int[frameCount];
        Prev = new int[frameCount];
        Array.Fill(Next, -1);
        Array.Fill(Prev, -1);
        ListIds = new ushort[frameCount];
        kinds = new byte[frameCount];
        flags = new byte[frameCount];
        refCounts = new int[frameCount];
        pinCounts = new int[frameCount];
        PageblockTypes = new byte[(frameCount + geometry.PageblockNrPages - 1) >> geometry.PageblockOrder];
    }

    /// <summary>Number of page frames.</summary>
    public int FrameCount { get; }

    /// <summary>Orders and pageblock size.</summary>
    public MemoryGeometry Geometry { get; }

    /// <summary>Number of pageblocks (the last may be partial).</summary>
    public int PageblockCount => PageblockTypes.Length;

    /// <summary>Bytes of table storage per frame, computed from the arrays actually allocated
    /// (per-pageblock bytes spread over the frames).</summary>
    public double BytesPerFrame
    {
        get
        {
            long bytes = (long)Place.Length * sizeof(byte)
                         + (long)Holder.Length * sizeof(int)
                         + (long)BuddyState.Length * sizeof(byte)
                         + (long)PcpMigratetype.Length * sizeof(byte)
                         + (long)Next.Length * sizeof(int)
                         + (long)Prev.Length * sizeof(int)
                         + (long)ListIds.Length * sizeof(ushort)
                         + (long)kinds.Length * sizeof(byte)
                         + (long)flags.Length * sizeof(byte)
                         + (long)refCounts.Length * sizeof(int)
                         + (long)pinCounts.Length * sizeof(int)
                         + (long)PageblockTypes.Length * sizeof(byte);
            return (double)bytes / FrameCount;
        }
    }

    // ---------------------------------------------------------------- place and holder

    /// <summary>Where the frame is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PagePlace GetPlace(int pfn) => (PagePlace)Place[pfn];

    /// <summary>Owner, cpu, allocation, message or zone id; meaning depends on the place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetHolder(int pfn) => Holder[pfn];

    /// <summary>Sets place and holder of <paramref name="count"/> frames from <paramref name="pfn"/> and logs the range.</summary>
    public void SetPlace(int pfn, int count, PagePlace place, int holder)
    {
        if ((uint)pfn > (uint)FrameCount || count < 0 || pfn + count > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(pfn), $"range {pfn}+{count} outside 0..{FrameCount}");
        if (count == 0)
            return;
        Array.Fill(Place, (byte)place, pfn, count);
        Array.Fill(Holder, holder, pfn, count);
        Touch(pfn, count);
    }

    /// <summary>Counts frames of <paramref name="place"/> in [<paramref name="start"/>, start + count).</summary>
    public int CountPlace(int start, int count, PagePlace place)
    {
        var n = 0;
        var p = (byte)place;
        var end = start + count;
        for (var pfn = start; pfn < end; pfn++)
            if (Place[pfn] == p)
                n++;
        return n;
    }

    // ---------------------------------------------------------------- buddy state

    /// <summary>PageBuddy(): the frame heads a free buddy block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBuddyHead(int pfn) => BuddyState[pfn] != NotBuddy;

    /// <summary>buddy_order(): order of the free block this frame heads, or -1 when not PageBuddy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BuddyOrder(int pfn) => BuddyState[pfn] - 1;

    /// <summary>Mirrors set_buddy_order(): __SetPageBuddy and page-&gt;private = order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetBuddy(int pfn, int order)
    {
        BuddyState[pfn] = (byte)(order + 1);
        Touch(pfn, 1);
    }

    /// <summary>Mirrors __ClearPageBuddy and set_page_private(page, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ClearBuddy(int pfn)
    {
        BuddyState[pfn] = NotBuddy;
        Touch(pfn, 1);
    }

    // ---------------------------------------------------------------- pcp migratetype cache

    /// <summary>The pcp migratetype cache (pre-6.10 get_pcppage_migratetype()).</summary>
    public MigrateType GetPcpMigratetype(int pfn) => (MigrateType)PcpMigratetype[pfn];

    /// <summary>Sets the pcp migratetype cache (pre-6.10 set_pcppage_migratetype()).</summary>
    public void SetPcpMigratetype(int pfn, MigrateType mt) => PcpMigratetype[pfn] = (byte)mt;

    // ---------------------------------------------------------------- list links

    /// <summary>Next frame on the frame's list, or -1.</summary>
    public int GetNext(int pfn) => Next[pfn];

    /// <summary>Previous frame on the frame's list, or -1.</summary>
    public int GetPrev(int pfn) => Prev[pfn];

    /// <summary>Id of the list the frame is linked on, 0 when none.</summary>
    public int GetListId(int pfn) => ListIds[pfn];

    /// <summary>The list the frame is linked on, or null.</summary>
    public PageList? ListOf(int pfn) => lists[ListIds[pfn]];

    /// <summary>The list with id <paramref name="id"/>, or null.</summary>
    public PageList? ListById(int id) => (uint)id < (uint)lists.Count ? lists[id] : null;

    internal ushort RegisterList(PageList list)
    {
        if (lists.Count > ushort.MaxValue)
            throw new InvalidOperationException("too many page lists for one frame table");
        lists.Add(list);
        return (ushort)(lists.Count - 1);
    }

    // ---------------------------------------------------------------- emulator-defined fields

    /// <summary>Emulator-defined kind of the page (anon, file, kernel...).</summary>
    public ref byte Kind(int pfn) => ref kinds[pfn];

    /// <summary>Emulator-defined flag bits (LRU, dirty, writeback...).</summary>
    public ref byte Flags(int pfn) => ref flags[pfn];

    /// <summary>page_ref_count(); may be updated with Interlocked.</summary>
    public ref int RefCount(int pfn) => ref refCounts[pfn];

    /// <summary>Pin count (FOLL_PIN references); may be updated with Interlocked.</summary>
    public ref int PinCount(int pfn) => ref pinCounts[pfn];

    /// <summary>All reference counts, indexed by pfn.</summary>
    public int[] RefCounts => refCounts;

    /// <summary>All pin counts, indexed by pfn.</summary>
    public int[] PinCounts => pinCounts;

    // ---------------------------------------------------------------- pageblocks

    /// <summary>Mirrors get_pfnblock_migratetype().</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MigrateType GetPageblockMigratetype(int pfn) => (MigrateType)PageblockTypes[pfn >> Geometry.PageblockOrder];

    /// <summary>Mirrors set_pageblock_migratetype() for the pageblock holding <paramref name="pfn"/>.</summary>
    public void SetPageblockMigratetype(int pfn, MigrateType mt)
    {
        var index = pfn >> Geometry.PageblockOrder;
        if (PageblockTypes[index] == (byte)mt)
            return;
        PageblockTypes[index] = (byte)mt;
        var start = index << Geometry.PageblockOrder;
        Touch(start, Math.Min(Geometry.PageblockNrPages, FrameCount - start));
    }

    // ---------------------------------------------------------------- touched log

    /// <summary>When false, nothing is logged (for callers that share the table between threads).</summary>
    public bool TouchTracking { get; set; } = true;

    /// <summary>True when the log overflowed and collapsed to "every frame touched".</summary>
    public bool AllTouched => allTouched;

    /// <summary>Ranges changed since the last <see cref="ClearTouched"/>; one range covering every frame after a collapse.</summary>
    public ReadOnlySpan<PfnRange> TouchedRanges
    {
        get
        {
            if (allTouched)
            {
                touched[0] = new PfnRange(0, FrameCount);
                touchedCount = 1;
            }
            return touched.AsSpan(0, touchedCount);
        }
    }

    /// <summary>Empties the touched log.</summary>
    public void ClearTouched()
    {
        touchedCount = 0;
        allTouched = false;
    }

    /// <summary>Appends [pfn, pfn + count) to the touched log, merging with the last range when they meet or overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Touch(int pfn, int count)
    {
        if (!TouchTracking || allTouched)
            return;
        if (touchedCount > 0)
        {
            ref var last = ref touched[touchedCount - 1];
            var end = pfn + count;
            if (pfn <= last.End && end >= last.Start)
            {
                var s = Math.Min(pfn, last.Start);
                last = new PfnRange(s, Math.Max(end, last.End) - s);
                return;
            }
        }
        AppendTouched(pfn, count);
    }

    private void AppendTouched(int pfn, int count)
    {
        if (touchedCount == touched.Length)
        {
            if (touchedCount >= MaxTouchedRanges)
            {
                allTouched = true;
                return;
            }
            Array.Resize(ref touched, Math.Min(touched.Length * 2, MaxTouchedRanges));
        }
        touched[touchedCount++] = new PfnRange(pfn, count);
    }
}
