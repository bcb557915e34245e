using Akka.Actor;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Gcma;
using CmaActors.Emulator.Protocol.Reclaim;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Workloads;

/// <summary>Reclaim: shrink_lruvec() on this process's pages, from the LRU tail.</summary>
public sealed partial class BackgroundProcessActor
{
    private readonly HashSet<int> _wasEvicted = [];
    private readonly List<int> _freed = [];
    private readonly List<(int Page, int Pfn)> _writeOut = [];
    private readonly List<DiscardableEntry> _puts = [];

    /// <summary>
    /// shrink_folio_list(): from the LRU tail, skip pinned, locked or isolated pages and pages waiting in an LRU add
    /// batch; start writeback of dirty file pages (pageout()) and move on; drop clean file pages (into cleancache
    /// under GCMA); swap out anonymous pages (a device write, or zram; a frontswap copy under GCMA).
    /// </summary>
    private void OnShrink(ShrinkLru m) => Sender.Tell(new LruShrunk(ShrinkOwnLru(m.Pages)));

    /// <summary>Reclaims up to <paramref name="pages"/> pages from this process's LRU tail; returns how many were freed.</summary>
    private int ShrinkOwnLru(int pages)
    {
        _freed.Clear();
        _writeOut.Clear();
        _puts.Clear();
        var swapWrites = 0;
        var scanned = 0;
        var limit = Math.Min(_ws.Resident, 4 * pages + 64);
        for (var page = _ws.LruTail; page >= 0 && _freed.Count < pages && scanned < limit; scanned++)
        {
            var newer = _ws.Newer(page);
            var pfn = _ws.PfnOf(page);
            var flags = _frames.GetFlags(pfn);
            if (_frames.GetPinCount(pfn) > 0 || _isolated.Contains(page) || (flags & (PageFlags.Lru | PageFlags.Writeback)) != PageFlags.Lru)
            {
                page = newer;
                continue;
            }

            if (!_ws.IsAnon(page) && (flags & PageFlags.Dirty) != 0)
            {
                _frames.ClearFlags(pfn, PageFlags.Dirty);
                _frames.SetFlags(pfn, PageFlags.Writeback);
                _writeOut.Add((page, pfn));
                page = newer;
                continue;
            }

            var anon = _ws.IsAnon(page);
            _freed.Add(Unmap(page));
            if (anon)
            {
                _stats.SwapOuts++;
                if (_swap == SwapBackend.Zram)
                    Spend(Machine.Scenario.Storage.ZramPageNs);
                else
                    swapWrites++;
            }
            else
            {
                _stats.FileDrops++;
            }

            _puts.Add(new DiscardableEntry(page, Swap: anon));
            page = newer;
        }

        Spend(Machine.Costs.ReclaimScanPageNs * scanned);
        if (_store is not null && _puts.Count > 0)
        {
            // The copies are made by this task, outside the GCMA area's lock; the area files them in one hold.
            Spend(Machine.Costs.PageCopyNs * _puts.Count);
            _store.Tell(new DiscardablePut(OwnerId, [.. _puts]));
        }

        if (_writeOut.Count > 0)
            Submit(_writeOut.Count, write: true, new IoWork(IoKind.Writeback, [.. _writeOut]));
        if (swapWrites > 0)
            Submit(swapWrites, write: true, new IoWork(IoKind.SwapWrite, []));
        FreeToCpu(_freed);
        return _freed.Count;
    }
}
