namespace CmaActors.Runtime;

/// <summary>
/// Pending timers as an array-backed binary min-heap by due time, then scheduling order.
/// Cancelled timers are dropped lazily when they reach the top.
/// </summary>
internal sealed class TimerQueue
{
    private TimerEntry[] _items = new TimerEntry[8];
    private int _count;

    public int Count => _count;

    public void Push(long dueNs, long seq, VirtualTimer timer)
    {
        var item = new TimerEntry(dueNs, seq, timer);
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var pos = _count++;
        while (pos > 0)
        {
            var parent = (pos - 1) >> 1;
            if (!item.Precedes(in _items[parent])) break;
            _items[pos] = _items[parent];
            pos = parent;
        }

        _items[pos] = item;
    }

    /// <summary>The due time of the earliest timer that is not cancelled.</summary>
    public bool TryPeekLive(out long dueNs)
    {
        while (_count > 0)
        {
            if (!_items[0].Timer.IsCancelled)
            {
                dueNs = _items[0].DueNs;
                return true;
            }

            Pop();
        }

        dueNs = 0;
        return false;
    }

    public TimerEntry Pop()
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
                if (right < last && _items[right].Precedes(in _items[child])) child = right;
                if (!_items[child].Precedes(in item)) break;
                _items[pos] = _items[child];
                pos = child;
            }

            _items[pos] = item;
        }

        _items[last] = default;
        return top;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }
}
