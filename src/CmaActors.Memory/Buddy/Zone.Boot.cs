using System.Numerics;
using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Buddy;

public sealed partial class Zone
{
    /// <summary>
    /// Mirrors memblock_free_all() / __free_pages_memory(): hands [start, start + count) of reserved frames
    /// to the buddy in the largest naturally aligned blocks (to the tail of the lists, FPI_TO_TAIL), each
    /// pageblock keeping its type (MIGRATE_MOVABLE from memmap_init()). Adds to ManagedPages.
    /// </summary>
    public void FreeBootRange(int start, int count)
    {
        CheckBootRange(start, count);
        var end = start + count;
        var pfn = start;
        while (pfn < end)
        {
            var order = pfn == 0 ? maxOrder : Math.Min(maxOrder, BitOperations.TrailingZeroCount(pfn));
            while (pfn + (1 << order) > end)
                order--;
            FreePagesCore(pfn, order, toTail: true);
            pfn += 1 << order;
        }
        ManagedPages += count;
    }

    /// <summary>
    /// Mirrors init_cma_reserved_pageblock() for each pageblock of a CMA range: the pageblock becomes
    /// MIGRATE_CMA and is freed at pageblock_order. The range must be pageblock aligned. Adds to
    /// ManagedPages and CmaPages.
    /// </summary>
    public void InitCmaReservedRange(int start, int count)
    {
        CheckBootRange(start, count);
        if ((start & (pageblockNrPages - 1)) != 0 || (count & (pageblockNrPages - 1)) != 0)
            throw new ArgumentException($"CMA range {start}+{count} is not pageblock aligned");
        for (var pfn = start; pfn < start + count; pfn += pageblockNrPages)
        {
            frames.SetPageblockMigratetype(pfn, MigrateType.Cma);
            FreePagesCore(pfn, pageblockOrder, toTail: false);
        }
        ManagedPages += count;
        CmaPages += count;
    }

    /// <summary>Declares reserved frames a carve-out that nothing may use: they stay
    /// <see cref="PagePlace.Reserved"/>, with <paramref name="holder"/> recorded.</summary>
    public void ReserveRange(int start, int count, int holder = -1)
    {
        CheckBootRange(start, count);
        frames.SetPlace(start, count, PagePlace.Reserved, holder);
        ReservedPages += count;
    }

    private void CheckBootRange(int start, int count)
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "negative");
        CheckRange(start, start + count);
        if (frames.CountPlace(start, count, PagePlace.Reserved) != count)
            throw new InvalidOperationException($"frames {start}+{count} are not all reserved");
    }
}
