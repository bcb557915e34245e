namespace CmaActors.Emulator.Pages;

/// <summary>
/// A batch still being filled (an allocation that collects pages across several zone calls). Its frames are already
/// InFlight with holder = <see cref="Id"/>; <see cref="PageTransfer.Seal"/> turns it into the <see cref="PageBatch"/>
/// that is sent.
/// </summary>
public sealed class OpenBatch
{
    private readonly List<int> _pfns = [];
    private readonly HashSet<int> _members = [];

    internal OpenBatch(int id, int order)
    {
        Id = id;
        Order = order;
    }

    /// <summary>Ledger id; the frames' holder.</summary>
    public int Id { get; }

    /// <summary>Order of every block.</summary>
    public int Order { get; }

    /// <summary>Blocks collected so far.</summary>
    public int Count => _pfns.Count;

    /// <summary>Head pfns collected so far, in the order they came.</summary>
    public IReadOnlyList<int> Pfns => _pfns;

    /// <summary>True when the block containing <paramref name="pfn"/> is in the batch.</summary>
    public bool Contains(int pfn) => _members.Contains(pfn & ~((1 << Order) - 1));

    internal void Add(int pfn)
    {
        _pfns.Add(pfn);
        _members.Add(pfn);
    }
}
