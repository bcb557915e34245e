namespace CmaActors.Memory.Frames;

/// <summary>
/// Sizes that the kernel fixes at build time: <c>pageblock_order</c> and <c>MAX_PAGE_ORDER</c>
/// (the largest buddy order, inclusive, as since 6.8). Orders run 0..<see cref="MaxPageOrder"/>.
/// </summary>
public sealed record MemoryGeometry
{
    /// <summary>Creates a geometry; <paramref name="PageblockOrder"/> must not exceed <paramref name="MaxPageOrder"/>.</summary>
    public MemoryGeometry(int PageblockOrder = 9, int MaxPageOrder = 10)
    {
        if (MaxPageOrder is < 0 or > 20)
            throw new ArgumentOutOfRangeException(nameof(MaxPageOrder), MaxPageOrder, "must be in 0..20");
        if (PageblockOrder < 0 || PageblockOrder > MaxPageOrder)
            throw new ArgumentOutOfRangeException(nameof(PageblockOrder), PageblockOrder, "must be in 0..MaxPageOrder");
        this.PageblockOrder = PageblockOrder;
        this.MaxPageOrder = MaxPageOrder;
    }

    /// <summary>pageblock_order.</summary>
    public int PageblockOrder { get; }

    /// <summary>MAX_PAGE_ORDER (inclusive).</summary>
    public int MaxPageOrder { get; }

    /// <summary>NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1.</summary>
    public int NrPageOrders => MaxPageOrder + 1;

    /// <summary>pageblock_nr_pages.</summary>
    public int PageblockNrPages => 1 << PageblockOrder;

    /// <summary>MAX_ORDER_NR_PAGES.</summary>
    public int MaxOrderNrPages => 1 << MaxPageOrder;

    /// <summary>PAGE_SIZE in bytes.</summary>
    public int PageSizeBytes => 4096;

    /// <summary>Index of the pageblock that holds <paramref name="pfn"/>.</summary>
    public int PageblockIndex(int pfn) => pfn >> PageblockOrder;

    /// <summary>Mirrors pageblock_start_pfn().</summary>
    public int PageblockStart(int pfn) => pfn & ~(PageblockNrPages - 1);

    /// <summary>Mirrors pageblock_end_pfn().</summary>
    public int PageblockEnd(int pfn) => PageblockStart(pfn) + PageblockNrPages;

    /// <summary>Mirrors IS_ALIGNED(pfn, 1 &lt;&lt; order).</summary>
    public static bool IsAligned(int pfn, int order) => (pfn & ((1 << order) - 1)) == 0;
}
