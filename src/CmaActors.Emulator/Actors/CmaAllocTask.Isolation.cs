using Akka.Actor;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Actors;

// start_isolate_page_range() and undo_isolate_page_range(): set_migratetype_isolate() and
// unset_migratetype_isolate() for one pageblock after another, each its own zone->lock hold.
public sealed partial class CmaAllocTask
{
    // ---- 3. start_isolate_page_range(): one zone->lock hold per pageblock ----

    private void StartIsolation()
    {
        _isolatedBlocks.Clear();
        _nextBlock = Machine.Geometry.PageblockStart(_pfn);
        IsolateNextBlock();
        Become(Isolating);
    }

    private void IsolateNextBlock() => SpinOn(_zone, new IsolatePageblock(_nextBlock));

    private void Isolating() => Receive<PageblockIsolated>(m =>
    {
        if (!m.Isolated)
        {
            Interlocked.Increment(ref _area.Counters.IsolationFailures);
            _failure = AttemptFailure.Busy;
            UndoIsolation();
            return;
        }

        _isolatedBlocks.Add(m.Pfn);
        _nextBlock += Machine.Geometry.PageblockNrPages;
        if (_nextBlock < _end)
        {
            IsolateNextBlock();
            return;
        }

        DrainAllPages();
    });

    // ---- 7. undo_isolate_page_range() ----

    /// <summary>undo_isolate_page_range(): unset_migratetype_isolate() for one pageblock after another, each its own
    /// zone->lock hold, from the caller.</summary>
    private void UndoIsolation()
    {
        LruCacheEnable();
        _undoIndex = 0;
        Become(Undoing);
        UndoNextBlock();
    }

    private void UndoNextBlock()
    {
        if (_undoIndex < _isolatedBlocks.Count)
        {
            SpinOn(_zone, new UndoIsolatePageblock(_isolatedBlocks[_undoIndex++], MigrateType.Cma));
            return;
        }

        _isolatedBlocks.Clear();
        AfterUndo();
    }

    private void Undoing() => Receive<PageblockRestored>(_ => UndoNextBlock());
}
