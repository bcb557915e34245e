using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Pages;

/// <summary>
/// Moves pages between places: into a message (<see cref="Send"/>), out of one (<see cref="Receive"/>), and on to the
/// next message (<see cref="Forward"/>). The frame table and the ledger always agree on where each frame is.
/// </summary>
public sealed class PageTransfer(PageFrameTable frames, InFlightLedger ledger)
{
    /// <summary>The ledger of batches in flight.</summary>
    public InFlightLedger Ledger { get; } = ledger;

    /// <summary>Puts blocks into a new batch: their frames become InFlight with the batch as holder.</summary>
    public PageBatch Send(ReadOnlySpan<int> pfns, int order, MigrateType[]? cachedTypes = null)
    {
        var id = Ledger.NextId();
        var copy = pfns.ToArray();
        var types = cachedTypes;
        if (copy.Length > 1 && !IsSorted(copy))
        {
            if (types is null)
                Array.Sort(copy);
            else
                Array.Sort(copy, types = (MigrateType[])types.Clone());
        }

        foreach (var pfn in copy)
            frames.SetPlace(pfn, 1 << order, PagePlace.InFlight, id);
        var batch = new PageBatch(id, copy, order, types);
        Ledger.Register(batch);
        return batch;
    }

    /// <summary>
    /// A batch for pages a zone already took out of the buddy as InFlight with holder <paramref name="id"/>;
    /// <paramref name="allocation"/> says whether they serve an allocation (rmqueue) rather than a contiguous range.
    /// </summary>
    public PageBatch Adopt(int id, ReadOnlySpan<int> pfns, int order, bool allocation)
    {
        var copy = pfns.ToArray();
        Array.Sort(copy);
        var batch = new PageBatch(id, copy, order, null, allocation);
        Ledger.Register(batch);
        return batch;
    }

    /// <summary>
    /// Takes a delivered batch out of the ledger. The caller must place every frame (pcp list, owner, buddy or another
    /// batch) within the same handler; the frames are marked touched so the invariants check that it did.
    /// </summary>
    public void Receive(PageBatch batch)
    {
        Ledger.Complete(batch);
        foreach (var pfn in batch.Pfns)
            frames.Touch(pfn, 1 << batch.Order);
    }

    /// <summary>Starts a batch to be filled block by block.</summary>
    public OpenBatch Open(int order)
    {
        var batch = new OpenBatch(Ledger.NextId(), order);
        Ledger.RegisterOpen(batch);
        return batch;
    }

    /// <summary>Adds a block (taken from a pcp list or a received batch) to an open batch.</summary>
    public void AddTo(OpenBatch batch, int pfn)
    {
        frames.SetPlace(pfn, 1 << batch.Order, PagePlace.InFlight, batch.Id);
        batch.Add(pfn);
    }

    /// <summary>Closes an open batch into the batch that is sent, with the same id.</summary>
    public PageBatch Seal(OpenBatch open)
    {
        Ledger.CloseOpen(open);
        var pfns = open.Pfns.ToArray();
        Array.Sort(pfns);
        var batch = new PageBatch(open.Id, pfns, open.Order, null);
        Ledger.Register(batch);
        return batch;
    }

    /// <summary>Receives a batch and sends the same pages on in a new one.</summary>
    public PageBatch Forward(PageBatch batch)
    {
        Receive(batch);
        return Send(batch.Pfns, batch.Order, batch.CachedTypes);
    }

    private static bool IsSorted(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
            if (values[i] < values[i - 1])
                return false;
        return true;
    }
}
