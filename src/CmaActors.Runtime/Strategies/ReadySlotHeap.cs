namespace CmaActors.Runtime;

/// <summary>
/// An indexed binary min-heap of ready slots ordered by <see cref="ReadyKey"/>, with O(log n) insert, update and removal.
/// Array-backed: no allocation once it has grown to the number of slots.
/// </summary>
public sealed class ReadySlotHeap
{
    private int[] _heap = new int[16];
    private int[] _position = CreatePositions(16);
    private ReadyKey[] _keys = new ReadyKey[16];
    private int _count;

    /// <summary>Number of ready slots.</summary>
    public int Count => _count;

    /// <summary>Empties the heap.</summary>
    public void Clear()
    {
        for (var i = 0; i < _count; i++) _position[_heap[i]] = -1;
        _count = 0;
    }

    /// <summary>Adds <paramref name="slot"/> or updates its key.</summary>
    public void Set(int slot, in ReadyKey key)
    {
        EnsureSlot(slot);
        _keys[slot] = key;
        var pos = _position[slot];
        if (pos < 0)
        {
            pos = _count++;
            if (pos == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
            _heap[pos] = slot;
            _position[slot] = pos;
            SiftUp(pos);
        }
        else
        {
            SiftUp(pos);
            SiftDown(_position[slot]);
        }
    }

    /// <summary>Removes <paramref name="slot"/> if present.</summary>
    public void Remove(int slot)
    {
        if (slot >= _position.Length) return;
        var pos = _position[slot];
        if (pos < 0) return;
        _position[slot] = -1;
        var last = --_count;
        if (pos == last) return;
        var moved = _heap[last];
        _heap[pos] = moved;
        _position[moved] = pos;
        SiftUp(pos);
        SiftDown(_position[moved]);
    }

    /// <summary>The key of <paramref name="slot"/> (valid while it is in the heap).</summary>
    public ReadyKey KeyOf(int slot) => _keys[slot];

    /// <summary>The slot with the smallest key.</summary>
    public bool TryPeek(out int slot)
    {
        if (_count == 0)
        {
            slot = -1;
            return false;
        }

        slot = _heap[0];
        return true;
    }

    private void SiftUp(int pos)
    {
        var slot = _heap[pos];
        while (pos > 0)
        {
            var parent = (pos - 1) >> 1;
            var parentSlot = _heap[parent];
            if (_keys[slot].CompareTo(in _keys[parentSlot]) >= 0) break;
            _heap[pos] = parentSlot;
            _position[parentSlot] = pos;
            pos = parent;
        }

        _heap[pos] = slot;
        _position[slot] = pos;
    }

    private void SiftDown(int pos)
    {
        var slot = _heap[pos];
        while (true)
        {
            var child = (pos << 1) + 1;
            if (child >= _count) break;
            var right = child + 1;
            if (right < _count && _keys[_heap[right]].CompareTo(in _keys[_heap[child]]) < 0) child = right;
            var childSlot = _heap[child];
            if (_keys[childSlot].CompareTo(in _keys[slot]) >= 0) break;
            _heap[pos] = childSlot;
            _position[childSlot] = pos;
            pos = child;
        }

        _heap[pos] = slot;
        _position[slot] = pos;
    }

    private void EnsureSlot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if (slot < _position.Length) return;
        var size = _position.Length;
        while (size <= slot) size *= 2;
        var positions = CreatePositions(size);
        Array.Copy(_position, positions, _position.Length);
        _position = positions;
        Array.Resize(ref _keys, size);
    }

    private static int[] CreatePositions(int size)
    {
        var positions = new int[size];
        Array.Fill(positions, -1);
        return positions;
    }
}
