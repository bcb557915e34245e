using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Pages;

/// <summary>
/// Every <see cref="PageHolder"/> of the machine, by id (ids in creation order), and per frame the number of page
/// tables that claim it — an index kept apart from the frame table, so the invariants can compare the two. Holders
/// may be created while other actors look them up (parallel mode): the table is replaced, never changed in place, and
/// claim counts change atomically.
/// </summary>
public sealed class PageHolders(PageFrameTable frames)
{
    private readonly object _gate = new();
    private PageHolder[] _holders = [];
    private readonly byte[] _claims = new byte[frames.FrameCount];

    /// <summary>Creates and registers a holder.</summary>
    public PageHolder Create(string name, PagePlace place)
    {
        lock (_gate)
        {
            var holder = new PageHolder(_holders.Length, name, place, frames, _claims);
            Volatile.Write(ref _holders, [.. _holders, holder]);
            return holder;
        }
    }

    /// <summary>The holder with this id, or null.</summary>
    public PageHolder? Find(int id)
    {
        var holders = Volatile.Read(ref _holders);
        return id >= 0 && id < holders.Length ? holders[id] : null;
    }

    /// <summary>How many holders claim <paramref name="pfn"/> (0 or 1 when all is well).</summary>
    public int ClaimsOn(int pfn) => _claims[pfn];

    /// <summary>Live holders in id order.</summary>
    public IEnumerable<PageHolder> All => Volatile.Read(ref _holders);
}
