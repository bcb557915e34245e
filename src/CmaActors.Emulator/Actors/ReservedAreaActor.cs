using Akka.Actor;
using CmaActors.Emulator.Gcma;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Gcma;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A reserved area the buddy allocator never sees, under one lock (this actor): a plain carve-out, or — with a
/// <see cref="DiscardableStore"/> — a GCMA area whose free pages hold discardable copies of evicted pages. A
/// contiguous allocation takes a free bitmap range and drops every copy in it (gcma_alloc_contig()): a fixed cost
/// plus a small cost per dropped entry, no migration, no I/O, never a busy page.
/// </summary>
public sealed class ReservedAreaActor : EmulatorActor
{
    private readonly CmaAreaState _area;
    private readonly DiscardableStore? _store;
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;

    /// <summary>Creates the actor of a carve-out (<paramref name="store"/> null) or of a GCMA area.</summary>
    public ReservedAreaActor(EmulatedMachine machine, CmaAreaState area, DiscardableStore? store) : base(machine)
    {
        _area = area;
        _store = store;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        Receive<CmaAlloc>(Allocate);
        Receive<CmaRelease>(Release);
        if (store is null)
            return;
        Receive<DiscardablePut>(m =>
        {
            var evicted = 0;
            foreach (var entry in m.Entries)
                evicted += store.Put(m.Owner, entry.Page, entry.Swap);
            Spend(Machine.Costs.BitmapSearchNs * m.Entries.Count + Machine.Costs.GcmaDiscardPageNs * evicted);
        });
        Receive<DiscardableGet>(m =>
        {
            var hit = store.Get(m.Owner, m.Page, m.Swap);
            if (hit)
                Spend(Machine.Costs.PageCopyNs);
            Sender.Tell(new DiscardableGot(m.Page, hit));
        });
    }

    /// <summary>Props for the actor of <paramref name="area"/>.</summary>
    public static Props Props(EmulatedMachine machine, CmaAreaState area, DiscardableStore? store) =>
        FactoryProps.Of(() => new ReservedAreaActor(machine, area, store));

    /// <summary>The store of a GCMA area, null for a carve-out.</summary>
    public DiscardableStore? Store => _store;

    private void Allocate(CmaAlloc m)
    {
        var bitmap = _area.Bitmap;
        var bits = bitmap.PagesToBits(m.Count);
        Spend(Machine.Costs.BitmapSearchNs + (_store is null ? 0 : Machine.Costs.GcmaFixedNs));
        var bitNo = bitmap.FindNextZeroAreaOff(0, bits, bitmap.BitmapAlignedMask(m.AlignOrder), bitmap.BitmapAlignedOffset(m.AlignOrder));
        if (bitNo < 0 || bitNo + bits > bitmap.MaxNo)
        {
            Interlocked.Increment(ref _area.Counters.AllocFail);
            Interlocked.Add(ref _area.Counters.AllocPagesFail, m.Count);
            Sender.Tell(new CmaAllocResult(m.RequestId, CmaAllocStatus.NoRange, null, -1, 0));
            return;
        }

        bitmap.Set(bitNo, bits);
        _area.Reservations.Add(bitNo, bits);
        var pfn = bitmap.BasePfn + (bitNo << bitmap.OrderPerBit);
        var pfns = new int[m.Count];
        if (_store is not null)
            Spend(Machine.Costs.GcmaScanPageNs * m.Count);
        for (var i = 0; i < pfns.Length; i++)
        {
            pfns[i] = pfn + i;
            if (_store is not null && _store.Holds(pfn + i))
            {
                _store.Discard(pfn + i);
                _area.Counters.PagesDiscarded++;
                Spend(Machine.Costs.GcmaDiscardPageNs);
            }
        }

        Interlocked.Increment(ref _area.Counters.AllocSuccess);
        Interlocked.Add(ref _area.Counters.AllocPagesSuccess, m.Count);
        Sender.Tell(new CmaAllocResult(m.RequestId, CmaAllocStatus.Success, _transfer.Send(pfns, 0), pfn, 0));
    }

    private void Release(CmaRelease m)
    {
        _transfer.Receive(m.Pages);
        foreach (var pfn in m.Pages.Pfns)
        {
            _frames.SetPlace(pfn, 1, PagePlace.Reserved, -1);
            _store?.Return(pfn);
        }

        var bitmap = _area.Bitmap;
        var bitNo = (m.Pfn - bitmap.BasePfn) >> bitmap.OrderPerBit;
        bitmap.Clear(bitNo, bitmap.PagesToBits(m.Pages.PageCount));
        _area.Reservations.Remove(bitNo);
        Interlocked.Add(ref _area.Counters.ReleasePagesSuccess, m.Pages.PageCount);
        Spend(Machine.Costs.BitmapSearchNs / 2);
    }
}
