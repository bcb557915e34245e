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
    // rmqueue_bulk() takes at most this many pages at once; the buffer grows to the largest refill.
    private readonly int _maxBulkPages;
    private int[] _pfns = [];
    private readonly Func<int, bool> _isUnmovable;
    // The blocks of one pcp flush with their cached migratetypes, grown to the largest flush.
    private PcpPage[] _pcpPages = [];

    /// <summary>Creates the actor that plays <paramref name="zone"/>'s lock.</summary>
    public ZoneActor(EmulatedMachine machine, Zone zone) : base(machine)
    {
        _zone = zone;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        _maxBulkPages = Math.Max(1024, 2 * machine.Cpus.SelectMany(c => c.SizingByZone).Max(p => p.MaxBulkPages));
        _isUnmovable = pfn => _frames.GetKind(pfn) == (byte)PageKind.Kernel;

        Receive<RmqueueBulk>(Handle);
        Receive<RmqueueBuddy>(Handle);
        Receive<FreePcpBulk>(Handle);
        Receive<FreeToBuddy>(Handle);
        Receive<IsolatePageblock>(Handle);
        Receive<UndoIsolatePageblock>(Handle);
        Receive<TestPagesIsolated>(Handle);
        Receive<IsolateFreepagesBlock>(Handle);
    }

    /// <summary>Props for the actor of <paramref name="zone"/>.</summary>
    public static Props Props(EmulatedMachine machine, Zone zone) =>
        FactoryProps.Of(() => new ZoneActor(machine, zone));

    private CmaActors.Emulator.Scenarios.CostSpec Costs => Machine.Costs;

    /// <summary>rmqueue_bulk(): refill a pcp list.</summary>
    private void Handle(RmqueueBulk m)
    {
        var id = _transfer.Ledger.NextId();
        var want = Math.Min(m.Count, _maxBulkPages);
        var pfns = ScratchBuffer.Fit(ref _pfns, want);
        var taken = _zone.RmqueueBulk(m.Order, m.MigrateType, want, m.Flags, pfns.AsSpan(0, want), PagePlace.InFlight, id);
        Spend(Costs.BuddyPageNs * Math.Max(1, taken));
        Sender.Tell(new RmqueueDone(_transfer.Adopt(id, pfns.AsSpan(0, taken), m.Order, allocation: true)));
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
        var pages = ScratchBuffer.Fit(ref _pcpPages, m.Pages.Count).AsSpan(0, m.Pages.Count);
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
    /// test_pages_isolated(): the pageblock types, then __test_page_isolated_in_pageblock() from outer_start under one
    /// zone->lock hold, one step per free block. The kernel accepts any free block of an isolated pageblock, whatever
    /// list it sits on (it cannot tell which).
    /// </summary>
    private void Handle(TestPagesIsolated m)
    {
        var head = _zone.FindBuddyHead(m.Start);
        var outerStart = head < 0 ? m.Start : head;
        var busy = _zone.TestPagesIsolated(outerStart, m.End, requireIsolateFreeList: false, out var steps);
        Spend(Costs.IsolatedPageScanNs * Math.Max(1, steps));
        Sender.Tell(new PagesIsolatedTested(outerStart, busy));
    }

    /// <summary>
    /// One isolate_freepages_block() hold of isolate_freepages_range(): __isolate_free_page() per free block until the
    /// lock is dropped every COMPACT_CLUSTER_MAX pfns. On a page that is not free the strict walk fails and the pages
    /// taken so far go back (release_freepages(); here in the same hold).
    /// </summary>
    private void Handle(IsolateFreepagesBlock m)
    {
        var blocks = 0;
        var next = _zone.IsolateFreePagesBlock(m.Pfn, m.End, CompactClusterMax, (head, order) =>
        {
            blocks++;
            TakeFreeBlock(m, head, order);
        });
        Spend(Costs.IsolatedPageScanNs * Math.Max(1, blocks));
        if (next < 0)
        {
            GiveBack(m.Batch);
            GiveBack(m.Outer);
        }

        Sender.Tell(new FreepagesIsolated(next));
    }

    /// <summary>COMPACT_CLUSTER_MAX (SWAP_CLUSTER_MAX): isolate_freepages_block() drops zone->lock this often.</summary>
    private const int CompactClusterMax = 32;

    /// <summary>The range's pages of a taken free block join the batch; the rest joins the outer batch, which
    /// alloc_contig_range() frees page by page once the range is taken ([outer_start, start) and [end, outer_end)).</summary>
    private void TakeFreeBlock(IsolateFreepagesBlock m, int head, int order)
    {
        var end = head + (1 << order);
        for (var pfn = head; pfn < end; pfn++)
            _transfer.AddTo(pfn >= m.Start && pfn < m.End ? m.Batch : m.Outer, pfn);
    }

    /// <summary>release_freepages(): the pages a failed strict walk took go back to the free lists, in this hold.</summary>
    private void GiveBack(OpenBatch batch)
    {
        _transfer.Ledger.CloseOpen(batch);
        foreach (var pfn in batch.Pfns)
            _zone.FreeRange(pfn, 1);
        Spend(Costs.BuddyPageNs * batch.Count);
    }
}
