using System.Runtime.InteropServices;

namespace CmaActors.Emulator.Pages;

/// <summary>
/// A batch still being filled (an allocation that collects pages across several zone calls). Its frames are already
/// InFlight with holder = <see cref="Id"/>; <see cref="PageTransfer.Seal"/> turns it into the <see cref="PageBatch"/>
/// that is sent.
/// </summary>
public sealed class OpenBatch
{
    // Up to this many blocks membership is a scan of the list; most batches are one pcp allocation of a few blocks.
    private const int ScannedBlocks = 32;
    private readonly List<int> _pfns = [];
    private HashSet<int>? _members;

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
    public bool Contains(int pfn)
    {
        var head = pfn & ~((1 << Order) - 1);
        return _members?.Contains(head) ?? CollectionsMarshal.AsSpan(_pfns).Contains(head);
    }

    internal void Add(int pfn)
    {
        _pfns.Add(pfn);
        if (_members is not null)
            _members.Add(pfn);
        else if (_pfns.Count > ScannedBlocks)
            _members = [.. _pfns];
    }
}
