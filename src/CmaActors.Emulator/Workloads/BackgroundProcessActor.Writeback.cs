using CmaActors.Emulator.Pages;

namespace CmaActors.Emulator.Workloads;

/// <summary>The flusher: wb_writeback() of file pages dirty for longer than dirty_expire.</summary>
public sealed partial class BackgroundProcessActor
{
    private readonly Queue<(int Page, long DirtiedAt)> _dirtyQueue = new();
    private readonly Dictionary<long, IoWork> _io = [];

    private void OnFlush()
    {
        var expireNs = (long)(_spec.DirtyExpireMs * 1e6);
        var batch = new List<(int Page, int Pfn)>();
        while (_dirtyQueue.TryPeek(out var entry) && entry.DirtiedAt + expireNs <= Now)
        {
            _dirtyQueue.Dequeue();
            var page = entry.Page;
            var pfn = _ws.PfnOf(page);
            // Stale entries: the page was cleaned, redirtied later, evicted or is being migrated.
            if (pfn < 0 || _ws.DirtiedAt(page) != entry.DirtiedAt || _isolated.Contains(page) ||
                _frames.GetFlags(pfn) is var flags && (flags & (PageFlags.Dirty | PageFlags.Writeback)) != PageFlags.Dirty)
                continue;
            _frames.ClearFlags(pfn, PageFlags.Dirty);
            _frames.SetFlags(pfn, PageFlags.Writeback);
            batch.Add((page, pfn));
            if (batch.Count == _spec.FlushBatchPages)
            {
                Submit(batch.Count, write: true, new IoWork(IoKind.Writeback, batch));
                batch = [];
            }
        }

        if (batch.Count > 0)
            Submit(batch.Count, write: true, new IoWork(IoKind.Writeback, batch));
    }

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }
}
