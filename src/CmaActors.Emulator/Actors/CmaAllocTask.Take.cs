using Akka.Actor;
using CmaActors.Emulator.Protocol.Zone;

namespace CmaActors.Emulator.Actors;

// test_pages_isolated(), isolate_freepages_range() (isolate_freepages_block(), split_map_pages()) and
// free_contig_range() of the rest of the taken free blocks.
public sealed partial class CmaAllocTask
{
    // ---- 6. test_pages_isolated() + isolate_freepages_range() ----

    private void TakeRange()
    {
        LruCacheEnable();
        SpinOn(_zone, new TestPagesIsolated(_pfn, _end));
        Become(Testing);
    }

    private void Testing() => Receive<PagesIsolatedTested>(m =>
    {
        if (m.BusyPfn >= 0)
        {
            _failure = AttemptFailure.Busy;
            UndoIsolation();
            return;
        }

        _taking = _transfer.Open(0);
        _outer = _transfer.Open(0);
        SpinOn(_zone, new IsolateFreepagesBlock(m.OuterStart, _pfn, _end, _taking, _outer));
        Become(Taking);
    });

    /// <summary>isolate_freepages_range(): one zone->lock hold per message, until the range's end.</summary>
    private void Taking() => Receive<FreepagesIsolated>(m =>
    {
        if (m.NextPfn < 0)
        {
            _taking = null;
            _outer = null;
            _failure = AttemptFailure.Busy;
            UndoIsolation();
            return;
        }

        if (m.NextPfn < _end)
        {
            SpinOn(_zone, new IsolateFreepagesBlock(m.NextPfn, _pfn, _end, _taking!, _outer!));
            return;
        }

        _taken = _transfer.Seal(_taking!);
        _taking = null;
        // split_map_pages(): post_alloc_hook() per page, outside zone->lock.
        Spend(Machine.Costs.IsolatedPageScanNs * (_end - _pfn));
        FreeContigRange();
    });

    /// <summary>
    /// free_contig_range() of [outer_start, start) and [end, outer_end): the parts of the taken free blocks outside the
    /// range, one page after another from the caller; their pageblocks are isolated, so each __free_page() goes
    /// through free_unref_page() to free_one_page(), one zone->lock hold per page.
    /// </summary>
    private void FreeContigRange()
    {
        var outer = _transfer.Seal(_outer!);
        _outer = null;
        _transfer.Receive(outer);
        foreach (var pfn in outer.Pfns)
            _outerPages.Enqueue(_transfer.Send([pfn], 0));
        Become(FreeingOuterPages);
        FreeNextOuterPage();
    }

    private void FreeNextOuterPage()
    {
        if (_outerPages.TryDequeue(out var page))
        {
            SpinOn(_zone, new FreeToBuddy(page));
            return;
        }

        UndoIsolation();
    }

    private void FreeingOuterPages() => Receive<PagesFreed>(_ => FreeNextOuterPage());
}
