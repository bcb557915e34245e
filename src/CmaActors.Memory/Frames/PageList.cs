using System.Runtime.CompilerServices;

namespace CmaActors.Memory.Frames;

/// <summary>
/// An intrusive doubly-linked list of page frames threaded through the frame table's next/prev
/// links (the kernel's <c>struct list_head</c> in <c>page-&gt;buddy_list</c> / <c>page-&gt;pcp_list</c>).
/// Every frame records the id of the list it is linked on, so <see cref="Contains"/> is O(1).
/// <see cref="Count"/> changes only when a frame is linked or unlinked: it is ground truth for audits,
/// independent of any allocator counter.
/// </summary>
public sealed class PageList
{
    private readonly PageFrameTable frames;
    private readonly ushort id;
    private readonly ListChanges? changes;

    /// <summary>Creates an empty list registered with <paramref name="frames"/>; each link and unlink adds one to
    /// <paramref name="changes"/> when given.</summary>
    public PageList(PageFrameTable frames, string? name = null, ListChanges? changes = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        this.frames = frames;
        this.changes = changes;
        id = frames.RegisterList(this);
        Name = name ?? $"list{id}";
    }

    /// <summary>Id recorded in each linked frame; unique within the frame table.</summary>
    public int Id => id;

    /// <summary>Description for audits and traces.</summary>
    public string Name { get; }

    /// <summary>First frame, or -1 when empty (list_first_entry_or_null).</summary>
    public int Head { get; private set; } = -1;

    /// <summary>Last frame, or -1 when empty (list_last_entry).</summary>
    public int Tail { get; private set; } = -1;

    /// <summary>Number of linked frames.</summary>
    public int Count { get; private set; }

    /// <summary>list_empty().</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>True when <paramref name="pfn"/> is linked on this list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int pfn) => (uint)pfn < (uint)frames.FrameCount && frames.ListIds[pfn] == id;

    /// <summary>list_add(): links <paramref name="pfn"/> at the head.</summary>
    public void AddHead(int pfn)
    {
        EnsureUnlinked(pfn);
        frames.ListIds[pfn] = id;
        frames.SetLinks(pfn, Head, -1);
        if (Head >= 0)
            frames.SetPrev(Head, pfn);
        else
            Tail = pfn;
        Head = pfn;
        Count++;
        changes?.Add();
    }

    /// <summary>list_add_tail(): links <paramref name="pfn"/> at the tail.</summary>
    public void AddTail(int pfn)
    {
        EnsureUnlinked(pfn);
        frames.ListIds[pfn] = id;
        frames.SetLinks(pfn, -1, Tail);
        if (Tail >= 0)
            frames.SetNext(Tail, pfn);
        else
            Head = pfn;
        Tail = pfn;
        Count++;
        changes?.Add();
    }

    /// <summary>list_del(): unlinks <paramref name="pfn"/>, which must be on this list.</summary>
    public void Remove(int pfn)
    {
        if (!Contains(pfn))
            throw new InvalidOperationException($"pfn {pfn} is not on {Name}");
        var next = frames.GetNext(pfn);
        var prev = frames.GetPrev(pfn);
        if (prev >= 0)
            frames.SetNext(prev, next);
        else
            Head = next;
        if (next >= 0)
            frames.SetPrev(next, prev);
        else
            Tail = prev;
        frames.SetLinks(pfn, -1, -1);
        frames.ListIds[pfn] = 0;
        Count--;
        changes?.Add();
    }

    /// <summary>Unlinks and returns the head, or -1 when empty.</summary>
    public int PopHead()
    {
        var pfn = Head;
        if (pfn >= 0)
            Remove(pfn);
        return pfn;
    }

    /// <summary>Unlinks and returns the tail, or -1 when empty.</summary>
    public int PopTail()
    {
        var pfn = Tail;
        if (pfn >= 0)
            Remove(pfn);
        return pfn;
    }

    /// <summary>Enumerates linked frames from head to tail without allocating.</summary>
    public Enumerator GetEnumerator() => new(frames, Head);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Count})";

    private void EnsureUnlinked(int pfn)
    {
        if ((uint)pfn >= (uint)frames.FrameCount)
            throw new ArgumentOutOfRangeException(nameof(pfn), pfn, "outside the frame table");
        if (frames.ListIds[pfn] != 0)
            throw new InvalidOperationException($"pfn {pfn} is already on {frames.ListOf(pfn)?.Name}");
    }

    /// <summary>Struct enumerator over a <see cref="PageList"/>; do not modify the list while enumerating.</summary>
    public struct Enumerator
    {
        private readonly PageFrameTable frames;
        private int next;

        internal Enumerator(PageFrameTable frames, int head)
        {
            this.frames = frames;
            next = head;
            Current = -1;
        }

        /// <summary>Current frame.</summary>
        public int Current { get; private set; }

        /// <summary>Advances to the next frame.</summary>
        public bool MoveNext()
        {
            if (next < 0)
                return false;
            Current = next;
            next = frames.GetNext(next);
            return true;
        }
    }
}
