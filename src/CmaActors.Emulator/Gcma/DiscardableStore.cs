using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Gcma;

/// <summary>
/// GCMA's discardable memory (dmem): copies of evicted clean file pages (cleancache) and of swapped-out anonymous pages
/// (frontswap, write-through: the swap device has them too) kept in the free pages of a reserved area. Any entry can be
/// dropped at once; when the area is full the oldest entries go first (the dmem LRU). Owned by the area's actor.
/// </summary>
public sealed class DiscardableStore
{
    private const int EvictBatch = 32;
    private readonly CmaAreaState _area;
    private readonly PageFrameTable _frames;
    private readonly PageHolder _pages;
    private readonly Dictionary<(int Owner, int Page, bool Swap), int> _pfnOf = [];
    private readonly (int Owner, int Page, bool Swap)[] _keyAt;
    private readonly long[] _storedAt;
    private readonly Queue<(int Pfn, long StoredAt)> _lru = new();
    private readonly Stack<int> _free = new();
    private long _clock;

    /// <summary>Creates the store over the free pages of <paramref name="area"/>.</summary>
    public DiscardableStore(EmulatedMachine machine, CmaAreaState area)
    {
        _area = area;
        _frames = machine.Frames;
        _pages = machine.Holders.Create($"gcma-{area.Name}-dmem", PagePlace.Owned);
        _keyAt = new (int, int, bool)[area.PageCount];
        _storedAt = new long[area.PageCount];
        for (var pfn = area.BasePfn + area.PageCount - 1; pfn >= area.BasePfn; pfn--)
            _free.Push(pfn);
    }

    /// <summary>Entries stored now.</summary>
    public int Count => _pfnOf.Count;

    /// <summary>Puts that found room (possibly after evicting).</summary>
    public long Stores { get; private set; }

    /// <summary>Gets that found their copy.</summary>
    public long Hits { get; private set; }

    /// <summary>Gets that did not.</summary>
    public long Misses { get; private set; }

    /// <summary>Entries dropped to make room.</summary>
    public long Evictions { get; private set; }

    /// <summary>Entries dropped by contiguous allocations.</summary>
    public long Discards { get; private set; }

    /// <summary>Stores a copy; returns the number of entries evicted to make room.</summary>
    public int Put(int owner, int page, bool swap)
    {
        var key = (owner, page, swap);
        if (_pfnOf.ContainsKey(key))
            return 0;
        var evicted = 0;
        var pfn = TakeFreePage();
        while (pfn < 0 && _lru.Count > 0)
        {
            evicted += EvictOldest(EvictBatch);
            pfn = TakeFreePage();
        }

        if (pfn < 0)
            return evicted;
        _pages.Add(pfn, swap ? PageKind.Frontswap : PageKind.Cleancache);
        _pfnOf.Add(key, pfn);
        _keyAt[pfn - _area.BasePfn] = key;
        _storedAt[pfn - _area.BasePfn] = ++_clock;
        _lru.Enqueue((pfn, _clock));
        Stores++;
        return evicted;
    }

    /// <summary>Takes a copy back (exclusive get); false when it is not there any more.</summary>
    public bool Get(int owner, int page, bool swap)
    {
        if (!_pfnOf.TryGetValue((owner, page, swap), out var pfn))
        {
            Misses++;
            return false;
        }

        Drop(pfn);
        Hits++;
        return true;
    }

    /// <summary>True when <paramref name="pfn"/> holds an entry.</summary>
    public bool Holds(int pfn) => _pages.Holds(pfn);

    /// <summary>Drops the entry in <paramref name="pfn"/> for a contiguous allocation; the page stays out of the free stack.</summary>
    public void Discard(int pfn)
    {
        var key = _keyAt[pfn - _area.BasePfn];
        _pfnOf.Remove(key);
        _pages.Remove(pfn);
        _storedAt[pfn - _area.BasePfn] = 0;
        Discards++;
    }

    /// <summary>A page given back to the area (released contiguous range) can store entries again.</summary>
    public void Return(int pfn) => _free.Push(pfn);

    private void Drop(int pfn)
    {
        Discard(pfn);
        Discards--;
        _frames.SetPlace(pfn, 1, PagePlace.Reserved, -1);
        _free.Push(pfn);
    }

    private int EvictOldest(int count)
    {
        var evicted = 0;
        while (evicted < count && _lru.TryDequeue(out var entry))
        {
            // Skip queue entries whose page was taken back, discarded or reused since.
            if (_storedAt[entry.Pfn - _area.BasePfn] != entry.StoredAt || !_pages.Holds(entry.Pfn))
                continue;
            Drop(entry.Pfn);
            evicted++;
        }

        Evictions += evicted;
        return evicted;
    }

    /// <summary>A free page of the area: not part of a contiguous allocation, not holding an entry.</summary>
    private int TakeFreePage()
    {
        while (_free.TryPop(out var pfn))
        {
            var bit = (pfn - _area.BasePfn) >> _area.Bitmap.OrderPerBit;
            if (!_area.Bitmap.IsSet(bit) && _frames.GetPlace(pfn) == PagePlace.Reserved)
                return pfn;
        }

        return -1;
    }
}
