using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A zone (struct zone). Handling one message is holding zone->lock: the buddy free lists, the free counters and the
/// pageblock migratetypes change only here, and every request is answered to its sender once done.
/// </summary>
public sealed class ZoneActor : EmulatorActor
{
    private readonly Zone _zone;
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private readonly int[] _pfns;
    private readonly Func<int, bool> _isUnmovable;

    /// <summary>Creates the actor that plays <paramref name="zone"/>'s lock.</summary>
    public ZoneActor(EmulatedMachine machine, Zone zone) : base(machine)
    {
        _zone = zone;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        _pfns = new int[Math.Max(1024, 2 * machine.Cpus.SelectMany(c => c.SizingByZone).Max(p => p.MaxBulkPages))];
        _isUnmovable = pfn => _frames.Kind(pfn) == (byte)PageKind.Kernel;

        Receive<RmqueueBulk>(Handle);
        Receive<RmqueueBuddy>(Handle);
        Receive<FreePcpBulk>(Handle);
        Receive<FreeToBuddy>(Handle);
        Receive<IsolatePageblock>(Handle);
        Receive<UndoIsolatePageblock>(Handle);
        Receive<TakeIsolatedRange>(Handle);
    }

    /// <summary>Props for the actor of <paramref name="zone"/>.</summary>
    public static Props Props(EmulatedMachine machine, Zone zone) =>
        FactoryProps.Of(() => new ZoneActor(machine, zone));

    private CmaActors.Emulator.Scenarios.CostSpec Costs => Machine.Costs;

    /// <summary>rmqueue_bulk(): refill a pcp list.</summary>
    private void Handle(RmqueueBulk m)
    {
        var id = _transfer.Ledger.NextId();
        var want = Math.Min(m.Count, _pfns.Length);
        var taken = _zone.RmqueueBulk(m.Order, m.MigrateType, want, m.Flags, _pfns.AsSpan(0, want), PagePlace.InFlight, id);
        Spend(Costs.BuddyPageNs * Math.Max(1, taken));
        Sender.Tell(new RmqueueDone(_transfer.Adopt(id, _pfns.AsSpan(0, taken), m.Order, allocation: true)));
    }

    /// <summary>rmqueue_buddy(): one block of a high order.</summary>
    private void Handle(RmqueueBuddy m)
    {
        var id = _transfer.Ledger.NextId();
        var pfn = _zone.Rmqueue(m.Order, m.MigrateType, m.Flags, PagePlace.InFlight, id);
        Spend(Costs.BuddyPageNs);
        Sender.Tell(new RmqueueDone(_transfer.Adopt(id, pfn >= 0 ? [pfn] : [], m.Order, allocation: true)));
    }

    /// <summary>free_pcppages_bulk(): the zone half of a pcp flush.</summary>
    private void Handle(FreePcpBulk m)
    {
        _transfer.Receive(m.Pages);
        var pages = new PcpPage[m.Pages.Count];
        for (var i = 0; i < pages.Length; i++)
            pages[i] = new PcpPage(m.Pages.Pfns[i], m.Pages.Order, m.Pages.CachedTypes?[i] ?? _frames.GetPageblockMigratetype(m.Pages.Pfns[i]));
        _zone.FreePcpBulk(pages, MigratetypeLookup.ForPcpFlush(Machine.Bugs, Machine.Kernel.FreeType));
        Spend(Costs.BuddyPageNs * pages.Length);
        Sender.Tell(new PagesFreed(m.Pages.PageCount));
    }

    /// <summary>free_one_page() for each block, the migratetype read under the lock (unless a bug brings back an older era).</summary>
    private void Handle(FreeToBuddy m)
    {
        _transfer.Receive(m.Pages);
        var isolating = _zone.NrIsolatePageblock != 0;
        for (var i = 0; i < m.Pages.Count; i++)
        {
            var pfn = m.Pages.Pfns[i];
            _frames.ResetOnFree(pfn, m.Pages.Order);
            var mt = MigratetypeLookup.ForFreeOnePage(Machine.Bugs, Machine.Kernel.FreeType, m.Pages.CachedTypes?[i],
                _frames.GetPageblockMigratetype(pfn), isolating, m.TrylockFallback);
            _zone.FreeOnePage(pfn, m.Pages.Order, mt);
        }
        Spend(Costs.BuddyPageNs * m.Pages.Count);
        Sender.Tell(new PagesFreed(m.Pages.PageCount));
    }

    /// <summary>set_migratetype_isolate().</summary>
    private void Handle(IsolatePageblock m)
    {
        var free = FreeBlocksInPageblock(m.Pfn);
        var result = _zone.SetMigratetypeIsolate(m.Pfn, _isUnmovable);
        Spend(Costs.PageblockIsolateNs + (result.Succeeded ? Costs.FreeBlockMoveNs * free : 0));
        Sender.Tell(new PageblockIsolated(m.Pfn, result.Succeeded));
    }

    /// <summary>unset_migratetype_isolate().</summary>
    private void Handle(UndoIsolatePageblock m)
    {
        var free = FreeBlocksInPageblock(m.Pfn);
        _zone.UnsetMigratetypeIsolate(m.Pfn, m.RestoreTo);
        Spend(Costs.PageblockIsolateNs + Costs.FreeBlockMoveNs * free);
        Sender.Tell(new PageblockRestored(m.Pfn));
    }

    /// <summary>Free buddy blocks in the pageblock of <paramref name="pfn"/>: what move_freepages_block() moves.</summary>
    private int FreeBlocksInPageblock(int pfn)
    {
        var geometry = Machine.Geometry;
        var start = geometry.PageblockStart(pfn);
        var blocks = 0;
        for (var p = start; p < start + geometry.PageblockNrPages; p++)
            if (_frames.IsBuddyHead(p))
                blocks++;
        return blocks;
    }

    /// <summary>
    /// test_pages_isolated() then isolate_freepages_range(). alloc_contig_range() tests from outer_start, the head of
    /// the free block holding the range's first page (find_large_buddy()), and the kernel's test accepts any free block
    /// of an isolated pageblock whatever list it sits on (it cannot tell which).
    /// </summary>
    private void Handle(TakeIsolatedRange m)
    {
        var pages = m.End - m.Start;
        Spend(Costs.IsolatedPageScanNs * pages);
        var outerStart = _zone.FindBuddyHead(m.Start);
        var busy = _zone.TestPagesIsolated(outerStart < 0 ? m.Start : outerStart, m.End, requireIsolateFreeList: false);
        if (busy >= 0)
        {
            Sender.Tell(new IsolatedRangeTaken(null, busy));
            return;
        }

        var id = _transfer.Ledger.NextId();
        if (!_zone.IsolateFreePagesRange(m.Start, m.End, PagePlace.InFlight, id))
        {
            Sender.Tell(new IsolatedRangeTaken(null, m.Start));
            return;
        }

        Spend(Costs.IsolatedPageScanNs * pages);
        var range = new int[pages];
        for (var i = 0; i < pages; i++)
            range[i] = m.Start + i;
        Sender.Tell(new IsolatedRangeTaken(_transfer.Adopt(id, range, 0, allocation: false), -1));
    }
}
