using System.Runtime.CompilerServices;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Pcp;

/// <summary>
/// <c>struct per_cpu_pages</c> of one CPU for one zone: <see cref="NrPcpLists"/> lists indexed by
/// order_to_pindex() (one per pcp migratetype and order 0..PAGE_ALLOC_COSTLY_ORDER, plus one for
/// pageblock-order THP pages), <see cref="Count"/> in pages, <see cref="High"/> and <see cref="Batch"/>.
/// CMA and HIGHATOMIC pages ride on the MOVABLE lists. With <c>highOrderLists</c> false the lists hold
/// order-0 pages only (before 5.14).
/// </summary>
/// <remarks>The owner of this structure (the CPU) is its only user; it is not thread-safe.</remarks>
public sealed class PerCpuPages
{
    /// <summary>PAGE_ALLOC_COSTLY_ORDER.</summary>
    public const int PageAllocCostlyOrder = 3;

    /// <summary>NR_LOWORDER_PCP_LISTS = MIGRATE_PCPTYPES × (PAGE_ALLOC_COSTLY_ORDER + 1).</summary>
    public const int NrLowOrderPcpLists = MigrateTypes.PcpTypes * (PageAllocCostlyOrder + 1);

    /// <summary>NR_PCP_LISTS: the low-order lists plus one THP list.</summary>
    public const int NrPcpLists = NrLowOrderPcpLists + 1;

    private readonly PageFrameTable frames;
    private readonly PageList[] lists;
    private readonly ListChanges changes = new();
    private int count;
    private readonly int thpOrder;
    private int lastFreedPindex;

    /// <summary>Creates the empty pcp lists of <paramref name="cpu"/> for <paramref name="zone"/>.</summary>
    public PerCpuPages(int cpu, Zone zone, int high, int batch, bool highOrderLists = true)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(high);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        Cpu = cpu;
        Zone = zone;
        High = high;
        Batch = batch;
        HighOrderLists = highOrderLists;
        frames = zone.Frames;
        thpOrder = zone.Geometry.PageblockOrder;
        lists = new PageList[NrPcpLists];
        for (var i = 0; i < NrPcpLists; i++)
            lists[i] = new PageList(frames, $"cpu{cpu}.{zone.Name}.pcp.lists[{i}]", changes);
    }

    /// <summary>The CPU owning these lists; also the holder of their frames.</summary>
    public int Cpu { get; }

    /// <summary>The zone the pages belong to.</summary>
    public Zone Zone { get; }

    /// <summary>pcp-&gt;count: pages on all lists.</summary>
    public int Count
    {
        get => count;
        private set
        {
            count = value;
            changes.Add();
        }
    }

    /// <summary>Grows by one at every change of <see cref="Count"/> and every link or unlink on the lists, whoever
    /// makes it: equal values mean nothing changed in between.</summary>
    public long Changes => changes.Value;

    /// <summary>pcp-&gt;high: above this the CPU frees a batch back to the zone.</summary>
    public int High { get; set; }

    /// <summary>pcp-&gt;batch: pages moved per refill or flush.</summary>
    public int Batch { get; set; }

    /// <summary>True when orders 1..3 and THP have lists (5.14+).</summary>
    public bool HighOrderLists { get; }

    /// <summary>count &gt;= high: free_unref_page_commit() would call free_pcppages_bulk().</summary>
    public bool OverHigh => Count >= High;

    /// <summary>The pindex the last <see cref="Add"/> used; free_pcppages_bulk() starts draining there.</summary>
    public int LastFreedPindex => lastFreedPindex;

    /// <summary>Mirrors pcp_allowed_order(): orders the pcp lists hold.</summary>
    public bool IsPcpOrder(int order) =>
        HighOrderLists ? order is >= 0 and <= PageAllocCostlyOrder || order == thpOrder : order == 0;

    /// <summary>Mirrors order_to_pindex(): MIGRATE_PCPTYPES × order + mt for low orders, the THP list for
    /// pageblock_order; CMA, HIGHATOMIC (and ISOLATE) use the MOVABLE index.</summary>
    public int OrderToPindex(MigrateType mt, int order)
    {
        if (!IsPcpOrder(order))
            throw new ArgumentOutOfRangeException(nameof(order), order, "not a pcp order");
        if ((int)mt >= MigrateTypes.PcpTypes)
            mt = MigrateType.Movable;
        return order <= PageAllocCostlyOrder ? MigrateTypes.PcpTypes * order + (int)mt : NrLowOrderPcpLists;
    }

    /// <summary>Mirrors pindex_to_order().</summary>
    public int PindexToOrder(int pindex)
    {
        if ((uint)pindex >= NrPcpLists)
            throw new ArgumentOutOfRangeException(nameof(pindex), pindex, null);
        return pindex < NrLowOrderPcpLists ? pindex / MigrateTypes.PcpTypes : thpOrder;
    }

    /// <summary>pcp-&gt;lists[pindex], read-only.</summary>
    public PageListView List(int pindex) => new(lists[pindex]);

    internal PageList ListInternal(int pindex) => lists[pindex];

    /// <summary>rmqueue_bulk()'s batch for <paramref name="order"/>: batch for order 0, else max(batch &gt;&gt; order, 2).</summary>
    public int BulkBatch(int order) => order == 0 ? Batch : Math.Max(Batch >> order, 2);

    /// <summary>
    /// Mirrors the list step of __rmqueue_pcplist(): unlinks the first page of lists[order_to_pindex(mt, order)],
    /// count -= 2^order. Returns its pfn or -1 when the list is empty. The frames stay
    /// <see cref="PagePlace.Pcp"/> until the caller gives them a new place.
    /// </summary>
    public int TakeFirst(int order, MigrateType mt)
    {
        var pfn = lists[OrderToPindex(mt, order)].PopHead();
        if (pfn >= 0)
            Count -= 1 << order;
        return pfn;
    }

    /// <summary><see cref="TakeFirst(int, MigrateType)"/> and give the frames <paramref name="place"/>/<paramref name="holder"/>.</summary>
    public int TakeFirst(int order, MigrateType mt, PagePlace place, int holder)
    {
        var pfn = TakeFirst(order, mt);
        if (pfn >= 0)
            frames.SetPlace(pfn, 1 << order, place, holder);
        return pfn;
    }

    /// <summary>
    /// Mirrors free_unref_page_commit()'s list step: links the page at the head of
    /// lists[order_to_pindex(cachedType, order)], records <paramref name="cachedType"/> in the pcp migratetype
    /// cache, frames become <see cref="PagePlace.Pcp"/> held by <see cref="Cpu"/>, count += 2^order.
    /// </summary>
    public void Add(int pfn, int order, MigrateType cachedType)
    {
        var pindex = OrderToPindex(cachedType, order);
        CheckPage(pfn, order);
        frames.SetPlace(pfn, 1 << order, PagePlace.Pcp, Cpu);
        frames.SetPcpMigratetype(pfn, cachedType);
        lists[pindex].AddHead(pfn);
        Count += 1 << order;
        lastFreedPindex = pindex;
    }

    /// <summary>
    /// Mirrors the list step of rmqueue_bulk() as __rmqueue_pcplist() uses it: links pages just taken from the
    /// zone at the tail of lists[order_to_pindex(listType, order)] in the given order, keeping the pcp
    /// migratetype cache the zone recorded; count += n × 2^order.
    /// </summary>
    public void AddRefill(ReadOnlySpan<int> pfns, int order, MigrateType listType)
    {
        var list = lists[OrderToPindex(listType, order)];
        foreach (var pfn in pfns)
        {
            CheckPage(pfn, order);
            frames.SetPlace(pfn, 1 << order, PagePlace.Pcp, Cpu);
            list.AddTail(pfn);
            Count += 1 << order;
        }
    }

    /// <summary>
    /// Mirrors free_pcppages_bulk()'s selection (6.x): frees at least min(nrPages, count) pages worth, starting
    /// with the list last freed to and going round the lists, emptying each from its tail (coldest pages)
    /// before moving on. The pages are unlinked and count drops; their frames stay <see cref="PagePlace.Pcp"/>
    /// until the zone frees them. Stops early when <paramref name="output"/> is full. Returns the entries written.
    /// </summary>
    public int TakeForFree(int nrPages, Span<PcpPage> output) => TakeForFree(nrPages, lastFreedPindex, output);

    /// <summary><see cref="TakeForFree(int, Span{PcpPage})"/> starting at <paramref name="startPindex"/>.</summary>
    public int TakeForFree(int nrPages, int startPindex, Span<PcpPage> output)
    {
        if ((uint)startPindex >= NrPcpLists)
            throw new ArgumentOutOfRangeException(nameof(startPindex), startPindex, null);
        var count = Math.Min(Count, nrPages);
        var written = 0;
        var pindex = startPindex - 1;
        while (count > 0 && written < output.Length)
        {
            PageList list;
            do
            {
                if (++pindex > NrPcpLists - 1)
                    pindex = 0;
                list = lists[pindex];
            }
            while (list.IsEmpty);

            var order = PindexToOrder(pindex);
            do
            {
                var pfn = list.PopTail();
                count -= 1 << order;
                Count -= 1 << order;
                output[written++] = new PcpPage(pfn, order, frames.GetPcpMigratetype(pfn));
            }
            while (count > 0 && !list.IsEmpty && written < output.Length);
        }
        return written;
    }

    /// <summary>Drain (drain_pages_zone()): takes every page, up to the size of <paramref name="output"/>.
    /// Returns the entries written.</summary>
    public int TakeAll(Span<PcpPage> output)
    {
        var written = 0;
        for (var pindex = 0; pindex < NrPcpLists && written < output.Length; pindex++)
        {
            var list = lists[pindex];
            var order = PindexToOrder(pindex);
            while (!list.IsEmpty && written < output.Length)
            {
                var pfn = list.PopTail();
                Count -= 1 << order;
                output[written++] = new PcpPage(pfn, order, frames.GetPcpMigratetype(pfn));
            }
        }
        return written;
    }

    /// <inheritdoc />
    public override string ToString() => $"cpu{Cpu} pcp {Zone.Name}: count {Count} high {High} batch {Batch}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckPage(int pfn, int order)
    {
        if (!Zone.SpansPfn(pfn) || (pfn & ((1 << order) - 1)) != 0 || pfn + (1 << order) > Zone.ZoneEndPfn)
            throw new ArgumentOutOfRangeException(nameof(pfn), pfn, $"not an order-{order} block of zone {Zone.Name}");
    }
}
