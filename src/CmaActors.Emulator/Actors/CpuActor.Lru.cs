using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Actors;

// The per-CPU LRU add batch: folio_add_lru() (lru_cache_add()) and lru_add_drain_cpu().
public sealed partial class CpuActor
{
    // ---- the per-CPU LRU add batch: lru_cache_add() / lru_add_drain_cpu() ----

    /// <summary>
    /// folio_add_lru(): a new process page waits in this CPU's batch, holding a reference, until the batch is full or
    /// drained; only then is it on the LRU (PG_lru) where migration can isolate it. lru_cache_disable() bypasses it.
    /// </summary>
    private void LruCacheAdd(PageBatch pages)
    {
        var batchPages = Machine.Policy.LruBatchPages;
        foreach (var pfn in pages.Pfns)
        {
            if (batchPages == 0 || Volatile.Read(ref Machine.LruDisableCount) > 0)
            {
                _frames.SetFlags(pfn, PageFlags.Lru);
                continue;
            }

            _frames.IncrementRefCount(pfn);
            _lruBatch.Add(pfn);
            _cpu.LruBatchPages = _lruBatch.Count;
            if (_lruBatch.Count >= batchPages)
                DrainLruBatch();
        }
    }

    private void DrainLruBatch()
    {
        foreach (var pfn in _lruBatch)
        {
            // A page freed while waiting here lost its reference on free; do not touch it again. The reference count
            // is atomic, as page_ref_dec_and_test() is: the owner's CPU may free the page while this one drains.
            if (!_frames.TryDecrementRefCount(pfn))
                continue;
            _frames.SetFlags(pfn, PageFlags.Lru);
        }

        Spend(Machine.Costs.PcpPageNs * _lruBatch.Count);
        _lruBatch.Clear();
        _cpu.LruBatchPages = 0;
    }
}
