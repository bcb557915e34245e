namespace CmaActors.Runtime;

/// <summary>
/// An actor's messages in flight or waiting, as an array-backed binary min-heap in mailbox order
/// (arrival, tie-break, sequence number).
/// </summary>
internal sealed class DeliveryHeap
{
    private PendingDelivery[] _items = new PendingDelivery[4];
    private int _count;

    public int Count => _count;

    public ref readonly PendingDelivery Peek() => ref _items[0];

    public void Push(in PendingDelivery item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var pos = _count++;
        while (pos > 0)
        {
            var parent = (pos - 1) >> 1;
            if (!item.PrecedesInMailbox(in _items[parent])) break;
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
                if (right < last && _items[right].PrecedesInMailbox(in _items[child])) child = right;
                if (!_items[child].PrecedesInMailbox(in item)) break;
                _items[pos] = _items[child];
                pos = child;
            }

            _items[pos] = item;
        }

        _items[last] = default;
        return top;
    }
}
