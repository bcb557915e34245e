using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Emulator.Workloads;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Actors;

// __alloc_contig_migrate_range(): isolate_migratepages_range() / isolate_migratepages_block() scans,
// alloc_migration_target() on the caller's CPU, migrate_pages() by the owners, the old pages freed to the buddy.
public sealed partial class CmaAllocTask
{
    // ---- 5. __alloc_contig_migrate_range() ----

    private void StartMigration()
    {
        _scanPfn = _pfn;
        _migrateList.Clear();
        _tries = 0;
        MigrateRound();
    }

    private void MigrateRound()
    {
        if (_migrateList.Count == 0)
        {
            ScanForMigration();
            _tries = 0;
            if (_migrateList.Count == 0)
            {
                TakeRange();
                return;
            }
        }
        else if (++_tries == Machine.Policy.MigrateTries)
        {
            // -EBUSY from migration is not fatal: alloc_contig_range() goes on to test the range. Bug R10: before
            // "mm/cma: fix alloc_contig_range ret code/potential leak" that -EBUSY stayed in ret whatever the test said.
            _migrateList.Clear();
            if (Machine.Has(KernelBug.StaleBusyReturn))
                _failure = AttemptFailure.Busy;
            TakeRange();
            return;
        }

        _homeCpu.Tell(new AllocPages(_migrateList.Count, 0, MigrateType.Movable, ForLru: true));
        Become(WaitingForTargets);
    }

    /// <summary>isolate_migratepages_range(): up to a cluster of pages in use by processes, from the scan cursor.</summary>
    private void ScanForMigration()
    {
        var chunk = Machine.Policy.MigrateChunkPages;
        var scanned = 0;
        while (_scanPfn < _end && _migrateList.Count < chunk)
        {
            if (IsMigratable(_scanPfn))
                _migrateList.Add(_scanPfn);
            _scanPfn++;
            scanned++;
        }

        Spend(Machine.Costs.MigrateScanPageNs * scanned);
    }

    /// <summary>
    /// isolate_migratepages_block()'s racy checks before it isolates a page: a page in use by a process, on the LRU
    /// (<c>folio_test_lru()</c>; non-LRU pages go to isolate_fail), and, when anonymous, not pinned
    /// (<c>!mapping &amp;&amp; folio_ref_count(folio) - 1 &gt; folio_mapcount(folio)</c>: isolate_fail_put). Skipped
    /// pages are never queued for migration, so the range fails test_pages_isolated() at once.
    /// </summary>
    private bool IsMigratable(int pfn)
    {
        if (!IsHeldByProcess(pfn))
            return false;
        if (!_frames.Has(pfn, PageFlags.Lru))
            return false;
        return _frames.GetKind(pfn) != (byte)PageKind.Anon || _frames.GetPinCount(pfn) == 0;
    }

    /// <summary>A page still in use by a process; an isolated page pinned since then is sent and refuses (-EAGAIN).</summary>
    private bool IsHeldByProcess(int pfn) =>
        _frames.GetPlace(pfn) == PagePlace.Owned && Machine.Holders.Find(_frames.GetHolder(pfn))?.Actor is not null;

    private void WaitingForTargets() => Receive<PagesAllocated>(m =>
    {
        if (m.Failed > 0)
        {
            // migrate_pages() bails out on -ENOMEM.
            _homeCpu.Tell(new FreePages(_transfer.Forward(m.Pages)));
            _migrateList.Clear();
            _failure = AttemptFailure.OutOfMemory;
            UndoIsolation();
            return;
        }

        SendMigrations(m.Pages);
    });

    private void SendMigrations(PageBatch targets)
    {
        _transfer.Receive(targets);
        var byHolder = new SortedDictionary<int, List<int>>();
        var unused = new List<int>();
        var next = 0;
        foreach (var pfn in _migrateList)
        {
            if (!IsHeldByProcess(pfn))
                continue;
            var holder = _frames.GetHolder(pfn);
            if (!byHolder.TryGetValue(holder, out var list))
                byHolder.Add(holder, list = []);
            list.Add(pfn);
        }

        _migrateList.Clear();
        _pending = 0;
        foreach (var (holderId, old) in byHolder)
        {
            var slice = targets.Pfns.AsSpan(next, old.Count);
            next += old.Count;
            Machine.Holders.Find(holderId)!.Actor!.Tell(new MigratePages(old.ToArray(), _transfer.Send(slice, 0)));
            _pending++;
        }

        for (; next < targets.Pfns.Length; next++)
            unused.Add(targets.Pfns[next]);
        if (unused.Count > 0)
            _homeCpu.Tell(new FreePages(_transfer.Send(unused.ToArray(), 0)));

        if (_pending == 0)
        {
            MigrateRound();
            return;
        }

        Become(Migrating);
    }

    private void Migrating()
    {
        Receive<PagesMigrated>(m =>
        {
            Interlocked.Add(ref _area.Counters.PagesMigrated, m.OldPages.Count - m.Discarded);
            Interlocked.Add(ref _area.Counters.PagesDiscarded, m.Discarded);
            Interlocked.Add(ref _area.Counters.MigrateBusyPages, m.Busy.Length);
            if (m.OldPages.Count > 0)
            {
                // The old pages are freed by the caller, one owner's after another; their pageblocks are isolated,
                // so they go straight to the buddy (free_one_page()).
                FreeOldPages(_transfer.Forward(m.OldPages));
                _pending++;
            }
            else
            {
                _transfer.Receive(m.OldPages);
            }

            if (m.UnusedTargets.Count > 0)
                _homeCpu.Tell(new FreePages(_transfer.Forward(m.UnusedTargets)));
            else
                _transfer.Receive(m.UnusedTargets);
            _migrateList.AddRange(m.Busy);
            RoundPartDone();
        });
        Receive<PagesFreed>(_ =>
        {
            _freeInFlight = false;
            if (_oldPages.TryDequeue(out var next))
                FreeOldPages(next);
            RoundPartDone();
        });
        Receive<ContinueMigration>(_ => MigrateRound());
    }

    private void FreeOldPages(PageBatch pages)
    {
        if (_freeInFlight)
        {
            _oldPages.Enqueue(pages);
            return;
        }

        _freeInFlight = true;
        _zone.Tell(new FreeToBuddy(pages));
    }

    private void RoundPartDone()
    {
        if (--_pending > 0)
            return;
        var backoffNs = _migrateList.Count > 0 ? _random.NextNs(Machine.Policy.MigrateRetryBackoffMs) : 0;
        if (backoffNs > 0)
        {
            Timers.StartSingleTimer("backoff", ContinueMigration.Instance, TimeSpan.FromTicks(Math.Max(1, backoffNs / 100)));
            return;
        }

        MigrateRound();
    }

    private sealed record ContinueMigration
    {
        public static readonly ContinueMigration Instance = new();
    }
}
