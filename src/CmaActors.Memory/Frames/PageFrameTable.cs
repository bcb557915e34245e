using System.Runtime.CompilerServices;

namespace CmaActors.Memory.Frames;

/// <summary>
/// The emulator's <c>struct page</c> array, stored as a few arrays indexed by pfn (no object per page), 15 bytes a
/// frame. Per frame: the holder (4 bytes); a 64-bit word with the intrusive list links, the buddy state (PageBuddy
/// flag and order in <c>page-&gt;private</c>, meaningful on the head of a free block only), the pcp migratetype cache
/// (the pre-6.10 <c>page-&gt;index</c>) and the place (8 bytes); the id of the list the frame is linked on (2 bytes);
/// and a byte with the emulator-defined flag bits and kind and the reference count. Per pageblock: the migratetype
/// (the kernel's pageblock flags) and the number of pinned frames. Pin counts, and what reference counts exceed
/// <see cref="RefCountInline"/>, live in side tables sized by use.
/// </summary>
/// <remarks>
/// <para>The frame word holds, from bit 0: next and prev, each as 26 bits of <c>link ^ pfn</c> (0 when there is no
/// neighbour: a frame is never its own neighbour; on a frame that is on no list, next holds the slot of the page table
/// that maps it, see <see cref="GetMapSlot"/>), the buddy state (5 bits, order + 1, 0 when not PageBuddy), the pcp
/// migratetype (3 bits) and the place (3 bits); bit 63 is unused. It is written only by whoever holds the frame (the
/// actor playing the lock of its list, or the owner that moves it). The page byte holds the flag bits (bits 0-2), the
/// kind (bits 3-5) and the reference count (bits 6-7: 0..2, or 3 meaning 3 plus the overflow side table); several
/// threads may change it at once, so every write of it is a compare-and-swap.</para>
/// <para>Not thread-safe, except flags, kind, reference and pin counts, whose setters are atomic. Every change of
/// place, holder, buddy state, free-list membership of a buddy head or pageblock type is appended to the touched log
/// (<see cref="TouchedRanges"/>).</para>
/// </remarks>
public sealed partial class PageFrameTable
{
    /// <summary>Above this many ranges the touched log collapses to "everything touched".</summary>
    public const int MaxTouchedRanges = 4096;

    /// <summary>Most frames a table can hold: links are stored in 26 bits (256 GiB of 4 KiB pages).</summary>
    public const int MaxFrameCount = 1 << LinkBits;

    /// <summary>Largest emulator-defined kind (3 bits).</summary>
    public const int MaxKind = 7;

    /// <summary>The emulator-defined flag bits a frame can carry (3 bits).</summary>
    public const byte FlagMask = 0x7;

    /// <summary>Reference counts up to this are kept in the frame; above it, in a side table.</summary>
    public const int RefCountInline = 3;

    private const int LinkBits = 26;
    private const ulong LinkMask = (1UL << LinkBits) - 1;
    private const int PrevShift = LinkBits;
    private const int BuddyShift = 2 * LinkBits;
    private const ulong BuddyMask = 0x1FUL << BuddyShift;
    private const int PcpTypeShift = BuddyShift + 5;
    private const ulong PcpTypeMask = 0x7UL << PcpTypeShift;
    private const int PlaceShift = PcpTypeShift + 3;
    private const ulong PlaceMask = 0x7UL << PlaceShift;

    private const int KindShift = 3;
    private const byte KindMask = 0x7 << KindShift;
    private const int RefShift = 6;
    private const byte RefUnit = 1 << RefShift;
    private const byte RefMask = 0x3 << RefShift;

    private readonly int[] holders;
    private readonly ulong[] words;
    internal readonly ushort[] ListIds;
    private readonly byte[] pageBytes;
    internal readonly byte[] PageblockTypes;
    private readonly int[] pinnedPerPageblock;

    // pfn -> pin count, for frames whose count is not zero; guarded by itself.
    private readonly Dictionary<int, int> pins = [];
    // pfn -> reference count above RefCountInline, for frames whose inline count is RefCountInline; guarded by itself.
    private readonly Dictionary<int, int> refOverflow = [];

    private readonly List<PageList?> lists = [null];

    private PfnRange[] touched = new PfnRange[64];
    private int touchedCount;
    private bool allTouched;

    /// <summary>Allocates the arrays for <paramref name="frameCount"/> frames (at most <see cref="MaxFrameCount"/>),
    /// all <see cref="PagePlace.Hole"/>, every pageblock <see cref="MigrateType.Unmovable"/> (zones set their own
    /// pageblocks). <paramref name="threadSafe"/>: frames counted together may change place or kind on different
    /// threads at once (parallel mode), so their counts are updated atomically, and the table keeps no touched log
    /// (<see cref="TouchTracking"/> starts false: the log is one list for the whole table, and only full walks check a
    /// table shared by threads).</summary>
    public PageFrameTable(int frameCount, MemoryGeometry geometry, bool threadSafe = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, MaxFrameCount);
        ArgumentNullException.ThrowIfNull(geometry);
        FrameCount = frameCount;
        Geometry = geometry;
        holders = new int[frameCount];
        Array.Fill(holders, -1);
        words = new ulong[frameCount];
        ListIds = new ushort[frameCount];
        pageBytes = new byte[frameCount];
        var pageblocks = (frameCount + geometry.PageblockNrPages - 1) >> geometry.PageblockOrder;
        PageblockTypes = new byte[pageblocks];
        pinnedPerPageblock = new int[pageblocks];
        countedOrder = Math.Max(geometry.PageblockOrder, MinCountedOrder);
        var countedBlocks = (frameCount + (1 << countedOrder) - 1) >> countedOrder;
        placeKindCounts = new int[countedBlocks * PlaceKindCount];
        for (var block = 0; block < countedBlocks; block++)
            placeKindCounts[block * PlaceKindCount] = Math.Min(1 << countedOrder, frameCount - (block << countedOrder));
        countsThreadSafe = threadSafe;
        TouchTracking = !threadSafe;
    }

    /// <summary>Number of page frames.</summary>
    public int FrameCount { get; }

    /// <summary>Orders and pageblock size.</summary>
    public MemoryGeometry Geometry { get; }

    /// <summary>Number of pageblocks (the last may be partial).</summary>
    public int PageblockCount => PageblockTypes.Length;

    /// <summary>Bytes of table storage per frame, computed from what is allocated now: the per-frame arrays, the
    /// per-pageblock arrays, the side tables of pin counts and large reference counts (buckets and entries), the
    /// touched log and the list registry, spread over the frames.</summary>
    public double BytesPerFrame
    {
        get
        {
            long bytes = (long)holders.Length * sizeof(int)
                         + (long)words.Length * sizeof(ulong)
                         + (long)ListIds.Length * sizeof(ushort)
                         + (long)pageBytes.Length * sizeof(byte)
                         + (long)PageblockTypes.Length * sizeof(byte)
                         + (long)pinnedPerPageblock.Length * sizeof(int)
                         + (long)placeKindCounts.Length * sizeof(int)
                         + (long)touched.Length * Unsafe.SizeOf<PfnRange>()
                         + (long)lists.Capacity * IntPtr.Size;
            lock (pins)
                bytes += SideTableBytes(pins);
            lock (refOverflow)
                bytes += SideTableBytes(refOverflow);
            return (double)bytes / FrameCount;
        }
    }

    // A Dictionary<int, int> slot: a bucket (int) and an entry (hash code, next, key, value).
    private static long SideTableBytes(Dictionary<int, int> table) => table.EnsureCapacity(0) * 20L;

    // ---------------------------------------------------------------- place and holder

    /// <summary>Where the frame is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PagePlace GetPlace(int pfn) => (PagePlace)((words[pfn] & PlaceMask) >> PlaceShift);

    /// <summary>Owner, cpu, allocation, message or zone id; meaning depends on the place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetHolder(int pfn) => holders[pfn];

    /// <summary>Sets place and holder of <paramref name="count"/> frames from <paramref name="pfn"/> and logs the range.</summary>
    public void SetPlace(int pfn, int count, PagePlace place, int holder)
    {
        if ((uint)pfn > (uint)FrameCount || count < 0 || pfn + count > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(pfn), $"range {pfn}+{count} outside 0..{FrameCount}");
        if ((byte)place > 7)
            throw new ArgumentOutOfRangeException(nameof(place), place, "not a place");
        if (count == 0)
            return;
        var bits = (ulong)place << PlaceShift;
        for (var i = pfn; i < pfn + count; i++)
        {
            ref var word = ref words[i];
            if ((word & PlaceMask) == bits)
                continue;
            var kind = (pageBytes[i] & KindMask) >> KindShift;
            MoveCount(i, (int)((word & PlaceMask) >> PlaceShift), kind, (int)place, kind);
            word = (word & ~PlaceMask) | bits;
        }

        Array.Fill(holders, holder, pfn, count);
        Touch(pfn, count);
    }

    // ---------------------------------------------------------------- buddy state

    /// <summary>PageBuddy(): the frame heads a free buddy block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBuddyHead(int pfn) => (words[pfn] & BuddyMask) != 0;

    /// <summary>buddy_order(): order of the free block this frame heads, or -1 when not PageBuddy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BuddyOrder(int pfn) => BuddyStateAt(pfn) - 1;

    /// <summary>0 when not PageBuddy, else the buddy order + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int BuddyStateAt(int pfn) => (int)((words[pfn] & BuddyMask) >> BuddyShift);

    /// <summary>Mirrors set_buddy_order(): __SetPageBuddy and page-&gt;private = order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetBuddy(int pfn, int order)
    {
        ref var word = ref words[pfn];
        word = (word & ~BuddyMask) | ((ulong)(order + 1) << BuddyShift);
        Touch(pfn, 1);
    }

    /// <summary>Mirrors __ClearPageBuddy and set_page_private(page, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ClearBuddy(int pfn)
    {
        words[pfn] &= ~BuddyMask;
        Touch(pfn, 1);
    }

    // ---------------------------------------------------------------- pcp migratetype cache

    /// <summary>The pcp migratetype cache (pre-6.10 get_pcppage_migratetype()).</summary>
    public MigrateType GetPcpMigratetype(int pfn) => (MigrateType)((words[pfn] & PcpTypeMask) >> PcpTypeShift);

    /// <summary>Sets the pcp migratetype cache (pre-6.10 set_pcppage_migratetype()).</summary>
    public void SetPcpMigratetype(int pfn, MigrateType mt)
    {
        ref var word = ref words[pfn];
        word = (word & ~PcpTypeMask) | PcpTypeBits(mt);
    }

    /// <summary>Sets the pcp migratetype cache of <paramref name="count"/> frames from <paramref name="pfn"/>.</summary>
    internal void FillPcpMigratetype(int pfn, int count, MigrateType mt)
    {
        var bits = PcpTypeBits(mt);
        foreach (ref var word in words.AsSpan(pfn, count))
            word = (word & ~PcpTypeMask) | bits;
    }

    private static ulong PcpTypeBits(MigrateType mt) =>
        (byte)mt <= 7 ? (ulong)mt << PcpTypeShift : throw new ArgumentOutOfRangeException(nameof(mt), mt, "not a migratetype");

    // ---------------------------------------------------------------- list links

    /// <summary>Next frame on the frame's list, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetNext(int pfn) => Decode(pfn, words[pfn] & LinkMask);

    /// <summary>Previous frame on the frame's list, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetPrev(int pfn) => Decode(pfn, (words[pfn] >> PrevShift) & LinkMask);

    /// <summary>Sets the next link of <paramref name="pfn"/> (-1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetNext(int pfn, int next)
    {
        ref var word = ref words[pfn];
        word = (word & ~LinkMask) | Encode(pfn, next);
    }

    /// <summary>Sets the previous link of <paramref name="pfn"/> (-1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetPrev(int pfn, int prev)
    {
        ref var word = ref words[pfn];
        word = (word & ~(LinkMask << PrevShift)) | (Encode(pfn, prev) << PrevShift);
    }

    /// <summary>Sets both links of <paramref name="pfn"/> (-1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetLinks(int pfn, int next, int prev)
    {
        ref var word = ref words[pfn];
        word = (word & ~(LinkMask | (LinkMask << PrevShift))) | Encode(pfn, next) | (Encode(pfn, prev) << PrevShift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Encode(int pfn, int link) => link < 0 ? 0 : (ulong)(uint)(link ^ pfn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(int pfn, ulong bits) => bits == 0 ? -1 : (int)bits ^ pfn;

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

    // ---------------------------------------------------------------- slot in the page table that maps the frame

    /// <summary>Largest slot <see cref="SetMapSlot"/> stores.</summary>
    public const int MaxMapSlot = (int)LinkMask - 1;

    /// <summary>
    /// The frame's slot in the page table that maps it, or -1 when none is set. A mapped frame is on no list, so its
    /// link bits are free; like a mapped page's <c>page-&gt;index</c> in the kernel, they say where its owner keeps it.
    /// A frame that goes onto a list loses its slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetMapSlot(int pfn) => ListIds[pfn] != 0 ? -1 : (int)(words[pfn] & LinkMask) - 1;

    /// <summary>Stores the frame's slot in the page table that maps it (-1: none).</summary>
    /// <exception cref="InvalidOperationException">The frame is on a list.</exception>
    public void SetMapSlot(int pfn, int slot)
    {
        if (ListIds[pfn] != 0)
            throw new InvalidOperationException($"pfn {pfn} is on {ListOf(pfn)?.Name}, so no page table maps it");
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, MaxMapSlot);
        ref var word = ref words[pfn];
        word = (word & ~LinkMask) | (uint)(slot + 1);
    }

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

    /// <summary>When false, nothing is logged; false from the start in a table built thread-safe.</summary>
    public bool TouchTracking { get; set; }

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
