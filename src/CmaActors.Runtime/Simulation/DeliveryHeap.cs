namespace CmaActors.Runtime;

/// <summary>
/// An actor's messages in flight or waiting, as an array-backed binary min-heap in mailbox order
/// (arrival, tie-break, sequence number; or tie-break and sequence number in <see cref="MailboxOrder.StrategyKey"/>).
/// </summary>
internal sealed class DeliveryHeap
{
    private PendingDelivery[] _items = new PendingDelivery[4];
    private int _count;

    public int Count => _count;

    /// <summary>The order of the heap; changed only while it is empty.</summary>
    public MailboxOrder Order { get; set; }

    public ref readonly PendingDelivery Peek() => ref _items[0];

    public void Push(in PendingDelivery item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var pos = _count++;
        while (pos > 0)
        {
            var parent = (pos - 1) >> 1;
            if (!Precedes(in item, in _items[parent])) break;
            _items[pos] = _items[parent];
            pos = parent;
        }

        _items[pos] = item;
    }

    public PendingDelivery Pop()
    {
        var top = _items[0];
        var last = --_count;
        if (last > 0)
        {
            var item = _items[last];
            var pos = 0;
            while (true)
            {
                var child = (pos << 1) + 1;
                if (child >= last) break;
                var right = child + 1;
                if (right < last && Precedes(in _items[right], in _items[child])) child = right;
                if (!Precedes(in _items[child], in item)) break;
                _items[pos] = _items[child];
                pos = child;
            }

            _items[pos] = item;
        }

        _items[last] = default;
        return top;
    }

    /// <summary>Drops every message.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    private bool Precedes(in PendingDelivery a, in PendingDelivery b)
    {
        if (Order == MailboxOrder.ArrivalTime) return a.PrecedesInMailbox(in b);
        return a.TieBreak != b.TieBreak ? a.TieBreak < b.TieBreak : a.Seq < b.Seq;
    }
}
