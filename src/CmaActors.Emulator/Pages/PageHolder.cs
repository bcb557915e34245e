using System.Runtime.InteropServices;
using Akka.Actor;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Pages;

/// <summary>
/// The pages one owner holds — a process's page table, a device's contiguous ranges — keyed by pfn with stable slots
/// so that migration can swap a page in place. Frames held here have place <see cref="Place"/> and holder
/// <see cref="Id"/>, and carry their slot (<see cref="PageFrameTable.GetMapSlot"/>), so that finding a page's slot
/// costs one read of its frame and the table needs no index of its own.
/// </summary>
public sealed class PageHolder
{
    private readonly PageFrameTable _frames;
    private readonly byte[] _claims;
    // Pfn and generation side by side: an expiring page reads both, and one cache line serves it.
    private readonly List<Slot> _slots = [];
    private readonly Stack<int> _freeSlots = new();
    private int _count;

    internal PageHolder(int id, string name, PagePlace place, PageFrameTable frames, byte[] claims)
    {
        _claims = claims;
        Id = id;
        Name = name;
        Place = place;
        _frames = frames;
    }

    /// <summary>Holder id stored in the frames.</summary>
    public int Id { get; }

    /// <summary>Who holds the pages, for reports.</summary>
    public string Name { get; }

    /// <summary>Owned (process pages) or Contig (contiguous allocations).</summary>
    public PagePlace Place { get; }

    /// <summary>The actor that answers for these pages (migration requests), when there is one.</summary>
    public IActorRef? Actor { get; set; }

    /// <summary>Pages held.</summary>
    public int Count => _count;

    /// <summary>Number of slots ever used (live or free).</summary>
    public int SlotCount => _slots.Count;

    /// <summary>True when this holder's page table has <paramref name="pfn"/>.</summary>
    public bool Holds(int pfn) => SlotOf(pfn) >= 0;

    /// <summary>Makes room for <paramref name="pages"/> more pages at once (a boot-time fill of many pages).</summary>
    public void EnsureCapacity(int pages)
    {
        _slots.EnsureCapacity(_slots.Count + pages);
    }

    /// <summary>Takes a page: its frame gets this holder and kind; returns its slot.</summary>
    /// <exception cref="InvalidOperationException">The page is already in this page table.</exception>
    public int Add(int pfn, PageKind kind)
    {
        if (Holds(pfn))
            throw new InvalidOperationException($"{Name} already holds pfn {pfn}");
        _frames.SetPlace(pfn, 1, Place, Id);
        _frames.SetKind(pfn, (byte)kind);
        int slot;
        if (_freeSlots.Count > 0)
        {
            slot = _freeSlots.Pop();
            ref var reused = ref CollectionsMarshal.AsSpan(_slots)[slot];
            reused = new Slot(pfn, reused.Generation + 1);
        }
        else
        {
            slot = _slots.Count;
            _slots.Add(new Slot(pfn, 0));
        }

        _frames.SetMapSlot(pfn, slot);
        _count++;
        AtomicByte.Add(ref _claims[pfn], 1);
        return slot;
    }

    /// <summary>
    /// Gives up a page, to be put into a batch by the caller in the same handler (the frame is marked touched, so the
    /// per-delivery check sees a page left owned by no page table); false if it was not held.
    /// </summary>
    public bool Remove(int pfn)
    {
        var slot = SlotOf(pfn);
        if (slot < 0)
            return false;
        SetPfn(slot, -1);
        _frames.SetMapSlot(pfn, -1);
        _count--;
        _freeSlots.Push(slot);
        AtomicByte.Add(ref _claims[pfn], -1);
        _frames.SetKind(pfn, (byte)PageKind.None);
        _frames.Touch(pfn, 1);
        return true;
    }

    /// <summary>Migration: the page in <paramref name="oldPfn"/>'s slot now lives at <paramref name="newPfn"/>.</summary>
    /// <exception cref="InvalidOperationException">This page table does not hold <paramref name="oldPfn"/>.</exception>
    public void Replace(int oldPfn, int newPfn)
    {
        var slot = SlotOf(oldPfn);
        if (slot < 0)
            throw new InvalidOperationException($"{Name} does not hold pfn {oldPfn}");
        SetPfn(slot, newPfn);
        _frames.SetMapSlot(oldPfn, -1);
        _frames.SetMapSlot(newPfn, slot);
        AtomicByte.Add(ref _claims[oldPfn], -1);
        AtomicByte.Add(ref _claims[newPfn], 1);
        _frames.SetPlace(newPfn, 1, Place, Id);
        _frames.SetKind(newPfn, _frames.GetKind(oldPfn));
        _frames.SetKind(oldPfn, (byte)PageKind.None);
        _frames.Touch(oldPfn, 1);
    }

    /// <summary>The pfn in a slot, or -1 when the slot is free.</summary>
    public int PfnAt(int slot) => _slots[slot].Pfn;

    /// <summary>The slot's generation: it changes each time the slot is reused.</summary>
    public int GenerationOf(int slot) => _slots[slot].Generation;

    /// <summary>The slot holding <paramref name="pfn"/>, or -1.</summary>
    public int SlotOf(int pfn)
    {
        // The frame's slot is that of whichever page table set it last; it is ours if our slot has the page.
        var slot = _frames.GetMapSlot(pfn);
        return (uint)slot < (uint)_slots.Count && _slots[slot].Pfn == pfn ? slot : -1;
    }

    /// <summary>Calls <paramref name="visit"/> for every held pfn, in slot order.</summary>
    public void ForEach(Action<int> visit)
    {
        foreach (var slot in _slots)
            if (slot.Pfn >= 0)
                visit(slot.Pfn);
    }

    private void SetPfn(int slot, int pfn)
    {
        ref var entry = ref CollectionsMarshal.AsSpan(_slots)[slot];
        entry = entry with { Pfn = pfn };
    }

    private readonly record struct Slot(int Pfn, int Generation);
}
