namespace CmaActors.Runtime;

/// <summary>
/// An array-backed double-ended queue of structs; grows by doubling and does not allocate otherwise.
/// </summary>
internal sealed class FifoQueue<T>
{
    private T[] _items = new T[4];
    private int _head;
    private int _count;

    public int Count => _count;

    public ref T PeekFront() => ref _items[_head];

    public ref T At(int index) => ref _items[(_head + index) & (_items.Length - 1)];

    public void PushBack(in T item)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    public void PushFront(in T item)
    {
        if (_count == _items.Length) Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = item;
        _count++;
    }

    public T PopFront()
    {
        var item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    public void Clear()
    {
        while (_count > 0) PopFront();
        _head = 0;
    }

    private void Grow()
    {
        var bigger = new T[_items.Length * 2];
        for (var i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
