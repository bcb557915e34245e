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
// migrate_pages() by the caller on its CPU, one owner's pages after another, the old pages freed to the buddy.
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

        MigrateByOwner();
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

    /// <summary>
    /// migrate_pages() by the caller, one owner's pages after another: targets from this CPU
    /// (alloc_migration_target()), the owner's page-table entries swapped (try_to_migrate() /
    /// remove_migration_ptes()), the copies made on this CPU, the old pages freed to the buddy; then the next owner.
    /// </summary>
    private void MigrateByOwner()
    {
        var byHolder = new SortedDictionary<int, List<int>>();
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
        foreach (var (holder, old) in byHolder)
            _owners.AddLast(new OwnerPages(holder, old.ToArray(), 0, false));
        NextOwner();
    }

    private void NextOwner()
    {
        while (_owners.First is { } first)
        {
            _owners.RemoveFirst();
            var next = first.Value;
            // Pages the owner gave up since the scan are gone; the range's test will tell.
            var old = Array.FindAll(next.Old, pfn => IsHeldByProcess(pfn) && _frames.GetHolder(pfn) == next.Holder);
            if (old.Length == 0)
                continue;
            _owner = next with { Old = old };
            _homeCpu.Tell(new AllocPages(old.Length, 0, MigrateType.Movable, ForLru: true));
            Become(WaitingForTargets);
            return;
        }

        RoundDone();
    }

    /// <summary>
    /// Pages that refused (-EAGAIN) go round again at once: the batch for <see cref="Kernel.KernelProfile.MigrateBatchPasses"/>
    /// passes, then (6.3+ migrate_pages_sync()) each page alone for <see cref="Kernel.KernelProfile.MigrateFolioPasses"/>; what
    /// still refuses goes back to __alloc_contig_migrate_range(), which tries again up to <c>migrateTries</c> times.
    /// </summary>
    private void RetryRefused(int[] busy)
    {
        if (busy.Length == 0)
            return;
        var kernel = Machine.Kernel;
        var passes = _owner.Single ? kernel.MigrateFolioPasses : kernel.MigrateBatchPasses;
        if (_owner.Pass + 1 < passes)
        {
            _owners.AddFirst(_owner with { Old = busy, Pass = _owner.Pass + 1 });
            return;
        }

        if (!_owner.Single && kernel.MigrateFolioPasses > 0)
        {
            for (var i = busy.Length - 1; i >= 0; i--)
                _owners.AddFirst(new OwnerPages(_owner.Holder, [busy[i]], 0, true));
            return;
        }

        _migrateList.AddRange(busy);
    }

    private void WaitingForTargets() => Receive<PagesAllocated>(m =>
    {
        if (m.Failed > 0)
        {
            // migrate_pages() bails out on -ENOMEM.
            _homeCpu.Tell(new FreePages(_transfer.Forward(m.Pages)));
            _migrateList.Clear();
            _owners.Clear();
            _failure = AttemptFailure.OutOfMemory;
            UndoIsolation();
            return;
        }

        Machine.Holders.Find(_owner.Holder)!.Actor!.Tell(new MigratePages(_owner.Old, _transfer.Forward(m.Pages)));
        Become(Migrating);
    });

    private void Migrating() => Receive<PagesMigrated>(m =>
    {
        var migrated = m.OldPages.Count - m.Discarded;
        Interlocked.Add(ref _area.Counters.PagesMigrated, migrated);
        Interlocked.Add(ref _area.Counters.PagesDiscarded, m.Discarded);
        Interlocked.Add(ref _area.Counters.MigrateBusyPages, m.Busy.Length);
        // The copies (migrate_folio()) and the clean pages dropped instead (reclaim_clean_pages_from_list()) run here.
        Spend(Machine.Costs.MigratePageNs * migrated + Machine.Costs.FileDropNs * m.Discarded);
        if (m.UnusedTargets.Count > 0)
            _homeCpu.Tell(new FreePages(_transfer.Forward(m.UnusedTargets)));
        else
            _transfer.Receive(m.UnusedTargets);
        RetryRefused(m.Busy);
        if (m.OldPages.Count == 0)
        {
            _transfer.Receive(m.OldPages);
            NextOwner();
            return;
        }

        // The old pages' pageblocks are isolated: they go straight to the buddy (free_one_page()).
        SpinOn(_zone, new FreeToBuddy(_transfer.Forward(m.OldPages)));
        Become(FreeingOldPages);
    });

    private void FreeingOldPages() => Receive<PagesFreed>(_ => NextOwner());

    /// <summary>The round is over: pages that refused are tried again after a pause (they wait asleep), or the next cluster.</summary>
    private void RoundDone()
    {
        var backoffNs = _migrateList.Count > 0 ? BackoffRandom.NextNs(Machine.Policy.MigrateRetryBackoffMs) : 0;
        if (backoffNs > 0)
        {
            Timers.StartSingleTimer("backoff", ContinueMigration.Instance, TimeSpan.FromTicks(Math.Max(1, backoffNs / 100)));
            Become(BackingOff);
            return;
        }

        MigrateRound();
    }

    private void BackingOff() => Receive<ContinueMigration>(_ => MigrateRound());

    /// <summary>One owner's pages for one migrate_pages() pass, and whether they go one folio at a time.</summary>
    private readonly record struct OwnerPages(int Holder, int[] Old, int Pass, bool Single);

    private sealed record ContinueMigration
    {
        public static readonly ContinueMigration Instance = new();
    }
}
