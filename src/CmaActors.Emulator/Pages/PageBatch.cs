using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Pages;

/// <summary>
/// Pages travelling inside one message. While the message is in flight every frame in it has place InFlight and
/// holder = <see cref="Id"/>; the receiver takes them out with <see cref="PageTransfer.Receive"/>.
/// </summary>
public sealed class PageBatch
{
    internal PageBatch(int id, int[] pfns, int order, MigrateType[]? cachedTypes, bool fromBuddyAllocation = false)
    {
        Id = id;
        Pfns = pfns;
        Order = order;
        CachedTypes = cachedTypes;
        FromBuddyAllocation = fromBuddyAllocation;
    }

    /// <summary>Ledger id; the frames' holder while in flight.</summary>
    public int Id { get; }

    /// <summary>Head pfn of each block in the batch, ascending.</summary>
    public int[] Pfns { get; }

    /// <summary>Order of every block in the batch.</summary>
    public int Order { get; }

    /// <summary>
    /// The migratetype each page carried on its pcp list (page->index before 6.10), when it comes from one, or the type
    /// the freeing CPU read before taking zone->lock (what free_one_page() is passed).
    /// </summary>
    public MigrateType[]? CachedTypes { get; }

    /// <summary>True when a zone allocation (rmqueue) took these pages out of the buddy for this batch.</summary>
    public bool FromBuddyAllocation { get; }

    /// <summary>Number of blocks.</summary>
    public int Count => Pfns.Length;

    /// <summary>Number of base pages.</summary>
    public int PageCount => Pfns.Length << Order;

    /// <summary>True when the batch carries the block starting at <paramref name="pfn"/> (or a page inside it).</summary>
    public bool Contains(int pfn)
    {
        var hint = 0;
        return Contains(pfn, ref hint);
    }

    /// <summary>
    /// <see cref="Contains(int)"/> for frames asked in ascending order: the block is looked for at
    /// <paramref name="hint"/> and just after it before a search, and <paramref name="hint"/> is left where it was found.
    /// </summary>
    public bool Contains(int pfn, ref int hint)
    {
        var head = pfn & ~((1 << Order) - 1);
        var pfns = Pfns;
        for (var i = hint; i <= hint + 1 && i < pfns.Length; i++)
        {
            if (pfns[i] != head)
                continue;
            hint = i;
            return true;
        }

        var found = Array.BinarySearch(pfns, head);
        if (found < 0)
            return false;
        hint = found;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Pfns.Length switch
    {
        0 => $"batch#{Id}[]",
        1 => $"batch#{Id}[pfn {Pfns[0]}{OrderText}]",
        _ => $"batch#{Id}[{Pfns.Length} × order {Order}, pfn {Pfns[0]}..]",
    };

    private string OrderText => Order == 0 ? "" : $" order {Order}";
}
