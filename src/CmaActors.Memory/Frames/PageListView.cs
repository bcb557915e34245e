namespace CmaActors.Memory.Frames;

/// <summary>A read-only view of a <see cref="PageList"/>, handed out by zones and pcp lists so callers can
/// inspect and enumerate without linking or unlinking frames.</summary>
public readonly struct PageListView
{
    private readonly PageList list;

    internal PageListView(PageList list) => this.list = list;

    /// <summary>Id recorded in each linked frame.</summary>
    public int Id => list.Id;

    /// <summary>Description.</summary>
    public string Name => list.Name;

    /// <summary>First frame or -1.</summary>
    public int Head => list.Head;

    /// <summary>Last frame or -1.</summary>
    public int Tail => list.Tail;

    /// <summary>Number of linked frames.</summary>
    public int Count => list.Count;

    /// <summary>True when empty.</summary>
    public bool IsEmpty => list.IsEmpty;

    /// <summary>O(1) membership test.</summary>
    public bool Contains(int pfn) => list.Contains(pfn);

    /// <summary>Enumerates from head to tail without allocating.</summary>
    public PageList.Enumerator GetEnumerator() => list.GetEnumerator();
}
