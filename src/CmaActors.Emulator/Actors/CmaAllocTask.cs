using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Workloads;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// One cma_alloc() call, running on the caller's CPU, step by step as mm/cma.c and alloc_contig_range() do it:
/// reserve bits under cma->lock → take the contiguous-allocation mutex → isolate each pageblock under zone->lock
/// (fails on unmovable or already isolated blocks) → drain_all_pages() under pcpu_drain_mutex (6.0+: this task drains
/// each CPU in turn under its pcp->lock; 4.11–5.19: every CPU drains itself) → lru_cache_disable() → migrate the pages in use, COMPACT_CLUSTER_MAX at a time, up to <c>migrateTries</c> rounds for pages that
/// refuse → test_pages_isolated() and take the free pages → undo the isolation → release the mutex. On -EBUSY the
/// bits are cleared and the search goes on at bitmap_no + mask + 1 until no range is left.
/// </summary>
public sealed class CmaAllocTask : EmulatorActor, IWithTimers
{
    private readonly CmaAreaState _area;
    private readonly MachineActors _actors;
    private readonly IActorRef? _contigMutex;
    private readonly CmaAlloc _request;
    private readonly IActorRef _replyTo;
    private readonly IActorRef _zone;
    private readonly IActorRef _homeCpu;
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private readonly int _bits;
    private readonly int _mask;
    private readonly int _offset;
    private readonly List<int> _isolatedBlocks = [];
    private readonly List<int> _migrateList = [];

    private int _searchStart;
    private int _bitNo;
    private int _pfn;
    private int _end;
    private int _nextBlock;
    private int _undoIndex;
    private int _pending;
    private int _scanPfn;
    private int _tries;
    private int _busyRetries;
    private AttemptFailure? _failure;
    private PageBatch? _taken;
    private OpenBatch? _taking;
    private OpenBatch? _outer;
    private readonly Queue<PageBatch> _outerPages = new();
    private readonly Queue<PageBatch> _oldPages = new();
    private bool _freeInFlight;
    private bool _lruDisabled;
    private RemotePcpDrain? _remoteDrain;
    private readonly Random _random;

    /// <summary>Creates the task for one cma_alloc() request.</summary>
    public CmaAllocTask(EmulatedMachine machine, CmaAreaState area, MachineActors actors, IActorRef? contigMutex,
        CmaAlloc request, IActorRef replyTo) : base(machine)
    {
        _area = area;
        _actors = actors;
        _contigMutex = contigMutex;
        _request = request;
        _replyTo = replyTo;
        _zone = actors.Zones[area.Zone.Id];
        _homeCpu = actors.Cpus[request.Cpu];
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        var bitmap = area.Bitmap;
        _bits = bitmap.PagesToBits(request.Count);
        _mask = bitmap.BitmapAlignedMask(request.AlignOrder);
        _offset = bitmap.BitmapAlignedOffset(request.AlignOrder);
        _random = new Random(Workloads.StableSeed.For(machine.Scenario.Seed, $"{area.Name}/cma_alloc-{request.RequestId}-{request.Cpu}"));
        Become(Reserving);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for one request.</summary>
    public static Props Props(EmulatedMachine machine, CmaAreaState area, MachineActors actors, IActorRef? contigMutex,
        CmaAlloc request, IActorRef replyTo) =>
        FactoryProps.Of(() => new CmaAllocTask(machine, area, actors, contigMutex, request, replyTo));

    /// <inheritdoc />
    protected override void PreStart() => ReserveNext();

    // ---- 1. bitmap under cma->lock ----

    private void ReserveNext()
    {
        Context.Parent.Tell(new ReserveBits(_searchStart, _bits, _mask, _offset));
        Become(Reserving);
    }

    private void Reserving() => Receive<BitsReserved>(m =>
    {
        if (m.BitNo < 0)
        {
            Finish(CmaAllocStatus.NoRange);
            return;
        }

        _bitNo = m.BitNo;
        _pfn = _area.BasePfn + (m.BitNo << _area.Bitmap.OrderPerBit);
        _end = _pfn + _request.Count;
        _failure = null;
        _taken = null;
        if (_contigMutex is null)
        {
            StartIsolation();
            return;
        }

        _contigMutex.Tell(MutexLock.Instance);
        Become(WaitingForContigMutex);
    });

    // ---- 2. the contiguous-allocation mutex ----

    private void WaitingForContigMutex() => Receive<MutexGranted>(_ => StartIsolation());

    // ---- 3. start_isolate_page_range(): one zone->lock hold per pageblock ----

    private void StartIsolation()
    {
        _isolatedBlocks.Clear();
        _nextBlock = Machine.Geometry.PageblockStart(_pfn);
        IsolateNextBlock();
        Become(Isolating);
    }

    private void IsolateNextBlock() => _zone.Tell(new IsolatePageblock(_nextBlock));

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

    // ---- 4. drain_all_pages(zone) under pcpu_drain_mutex ----

    private void DrainAllPages()
    {
        _actors.DrainMutex.Tell(MutexLock.Instance);
        Become(WaitingForDrainMutex);
    }

    private void WaitingForDrainMutex() => Receive<MutexGranted>(_ =>
    {
        Interlocked.Increment(ref _area.Counters.Drains);
        if (Machine.Kernel.Drain == DrainProtocol.CallerUnderPcpLock)
        {
            StartCallerDrain();
            return;
        }

        DrainByWorkItems();
    });

    /// <summary>
    /// __drain_all_pages()'s cpus_with_pcps filter: pcp->count read without the pcp lock (racy by design), skipped
    /// when every CPU must be drained (force_all_cpus). Bug R5: before ec6e8c7e0314 even such drains used the filter.
    /// </summary>
    private bool SkippedByFilter(CpuState cpu)
    {
        var filter = Machine.Policy.Drain == DrainScope.CpusWithPages || Machine.Has(KernelBug.RacyDrainFilter);
        return filter && cpu.PcpByZone[_area.Zone.Id].Count == 0;
    }

    // -- 4.11–5.19: a work item per CPU, all CPUs drain at once, the caller waits for all (flush_work()) --

    private void DrainByWorkItems()
    {
        _pending = 0;
        var zoneId = _area.Zone.Id;
        if (!Machine.Kernel.LruDisableAfterDrain)
        {
            // The emulator's older step: lru_cache_disable() — new pages skip the LRU add batches from now on —
            // and lru_add_drain_all() together with the pcp drain.
            LruCacheDisable();
            foreach (var cpu in _actors.Cpus)
            {
                cpu.Tell(DrainLru.Instance);
                _pending++;
            }
        }

        foreach (var cpu in Machine.Cpus)
        {
            if (SkippedByFilter(cpu))
                continue;
            _actors.Cpus[cpu.Cpu].Tell(new DrainPcp(zoneId));
            _pending++;
        }

        if (_pending == 0)
        {
            DrainDone();
            return;
        }

        Become(Draining);
    }

    private void Draining()
    {
        Receive<PcpDrained>(_ => DrainAcked());
        Receive<LruDrained>(_ => DrainAcked());
    }

    private void DrainAcked()
    {
        if (--_pending == 0)
            DrainDone();
    }

    // -- 6.0+: the caller drains each CPU in turn under that CPU's pcp->lock (drain_pages_zone()) --

    private void StartCallerDrain()
    {
        var zoneId = _area.Zone.Id;
        _remoteDrain ??= new RemotePcpDrain(Machine, Self, _actors.Zones, Spend);
        if (_remoteDrain.Start(Machine.Cpus.Where(c => !SkippedByFilter(c)).Select(c => (c.Cpu, zoneId))))
        {
            DrainDone();
            return;
        }

        Become(DrainingRemotely);
    }

    private void DrainingRemotely()
    {
        Receive<PcpLockGranted>(_ =>
        {
            if (_remoteDrain!.OnGranted())
                DrainDone();
        });
        Receive<PagesFreed>(_ =>
        {
            if (_remoteDrain!.OnFreed())
                DrainDone();
        });
    }

    private void LruCacheDisable()
    {
        if (!Machine.Policy.LruCacheDisable || _lruDisabled)
            return;
        _lruDisabled = true;
        Interlocked.Increment(ref Machine.LruDisableCount);
    }

    /// <summary>lru_cache_enable(), at the end of the migration step (or on the way out after a failure).</summary>
    private void LruCacheEnable()
    {
        if (!_lruDisabled)
            return;
        _lruDisabled = false;
        Interlocked.Decrement(ref Machine.LruDisableCount);
    }

    private void DrainDone()
    {
        _actors.DrainMutex.Tell(MutexUnlock.Instance);
        if (Machine.Kernel.LruDisableAfterDrain)
        {
            StartLruCacheDisable();
            return;
        }

        StartMigration();
    }

    // ---- 4b. lru_cache_disable(), outside pcpu_drain_mutex (6.x) ----

    /// <summary>
    /// lru_cache_disable(): atomic_inc(&amp;lru_disable_count), then synchronize_rcu_expedited() (the task sleeps), then
    /// __lru_add_drain_all(): a work item queued on each CPU whose LRU batches hold pages (cpu_needs_drain(), read
    /// without a lock) and flushed. Without <c>lruCacheDisable</c> the same drain is lru_add_drain_all() alone.
    /// </summary>
    private void StartLruCacheDisable()
    {
        if (Machine.Policy.LruCacheDisable && !_lruDisabled)
        {
            LruCacheDisable();
            Timers.StartSingleTimer("synchronize_rcu_expedited", RcuGracePeriodElapsed.Instance,
                TimeSpan.FromTicks(Math.Max(1, Machine.Costs.RcuExpeditedNs / 100)));
            Become(WaitingForRcu);
            return;
        }

        LruAddDrainAll();
    }

    private void WaitingForRcu() => Receive<RcuGracePeriodElapsed>(_ => LruAddDrainAll());

    private void LruAddDrainAll()
    {
        _pending = 0;
        foreach (var cpu in Machine.Cpus)
        {
            if (cpu.LruBatchPages == 0)
                continue;
            _actors.Cpus[cpu.Cpu].Tell(DrainLru.Instance);
            _pending++;
        }

        if (_pending == 0)
        {
            StartMigration();
            return;
        }

        Become(FlushingLruWork);
    }

    private void FlushingLruWork() => Receive<LruDrained>(_ =>
    {
        if (--_pending == 0)
            StartMigration();
    });

    private void StartMigration()
    {
        _scanPfn = _pfn;
        _migrateList.Clear();
        _tries = 0;
        MigrateRound();
    }

    // ---- 5. __alloc_contig_migrate_range() ----

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
        return _frames.Kind(pfn) != (byte)PageKind.Anon || _frames.PinCount(pfn) == 0;
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

    // ---- 6. test_pages_isolated() + isolate_freepages_range() ----

    private void TakeRange()
    {
        LruCacheEnable();
        _zone.Tell(new TestPagesIsolated(_pfn, _end));
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
        _zone.Tell(new IsolateFreepagesBlock(m.OuterStart, _pfn, _end, _taking, _outer));
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
            _zone.Tell(new IsolateFreepagesBlock(m.NextPfn, _pfn, _end, _taking!, _outer!));
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
            _zone.Tell(new FreeToBuddy(page));
            return;
        }

        UndoIsolation();
    }

    private void FreeingOuterPages() => Receive<PagesFreed>(_ => FreeNextOuterPage());

    // ---- 7. undo_isolate_page_range(), then the mutex ----

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
            _zone.Tell(new UndoIsolatePageblock(_isolatedBlocks[_undoIndex++], MigrateType.Cma));
            return;
        }

        _isolatedBlocks.Clear();
        AfterUndo();
    }

    private void Undoing() => Receive<PageblockRestored>(_ => UndoNextBlock());

    private void AfterUndo()
    {
        _contigMutex?.Tell(MutexUnlock.Instance);
        if (_failure is null)
        {
            Succeed();
            return;
        }

        if (_taken is { } taken)
        {
            // alloc_contig_range() took the range yet returned an error (bug R10): cma_alloc() never sees these pages.
            _transfer.Receive(taken);
            _taken = null;
        }

        // cma_alloc(): cma_clear_bitmap(), then on -EBUSY look further on once cma->lock is released.
        var busy = _failure == AttemptFailure.Busy;
        Context.Parent.Tell(new ClearBits(_pfn, _request.Count, Released: false, Answer: busy));
        if (!busy)
        {
            Finish(CmaAllocStatus.OutOfMemory);
            return;
        }

        Interlocked.Increment(ref _area.Counters.BusyRetries);
        _busyRetries++;
        _searchStart = _bitNo + _mask + 1;
        Become(ClearingBits);
    }

    private void ClearingBits() => Receive<BitsCleared>(_ => ReserveNext());

    private void Succeed()
    {
        var counters = _area.Counters;
        Interlocked.Increment(ref counters.AllocSuccess);
        Interlocked.Add(ref counters.AllocPagesSuccess, _request.Count);
        _replyTo.Tell(new CmaAllocResult(_request.RequestId, CmaAllocStatus.Success, _transfer.Forward(_taken!), _pfn, _busyRetries));
        Context.Stop(Self);
    }

    private void Finish(CmaAllocStatus status)
    {
        var counters = _area.Counters;
        Interlocked.Increment(ref counters.AllocFail);
        Interlocked.Add(ref counters.AllocPagesFail, _request.Count);
        _replyTo.Tell(new CmaAllocResult(_request.RequestId, status, null, -1, _busyRetries));
        Context.Stop(Self);
    }

    private enum AttemptFailure
    {
        Busy,
        OutOfMemory,
    }

    private sealed record ContinueMigration
    {
        public static readonly ContinueMigration Instance = new();
    }

    private sealed record RcuGracePeriodElapsed
    {
        public static readonly RcuGracePeriodElapsed Instance = new();
    }
}
