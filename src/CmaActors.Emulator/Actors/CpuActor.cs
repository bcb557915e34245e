using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Reclaim;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// A CPU and its per-CPU page lists (struct per_cpu_pages, pcp->lock). It runs the page allocator's fast paths for
/// the tasks on it: allocation from the pcp lists with rmqueue_bulk() refills, free_unref_page() with flushes when a
/// list goes over pcp->high (sized by the kernel profile, <see cref="PcpHighBatch"/>), drains for drain_all_pages()
/// in the work-item protocol (4.11–5.19), the LRU drain work item, and free_contig_range() for cma_release(). While
/// it waits for a zone it handles nothing else (it spins on zone->lock with interrupts off): other messages are
/// stashed. With the 6.0+ protocol its pcp->lock (<see cref="PcpLock"/>) can be held by a remote drainer; then its
/// own allocations and frees fall back to zone->lock one page at a time (pcp_spin_trylock() failing).
/// </summary>
public sealed class CpuActor : EmulatorActor, IWithUnboundedStash, IWithTimers
{
    private readonly CpuState _cpu;
    private readonly IReadOnlyList<IActorRef> _zones;
    private readonly IActorRef _kswapd;
    private readonly List<int> _lruBatch = [];
    private readonly PageFrameTable _frames;
    private readonly PageTransfer _transfer;
    private readonly PcpPage[] _flush;
    private readonly Queue<(IActorRef Zone, object Request)> _zoneCalls = new();
    private Action? _afterZoneCalls;
    private PendingAlloc? _alloc;
    private bool _waiting;
    private RemotePcpDrain? _drainAll;

    /// <summary>Creates the actor of one CPU.</summary>
    public CpuActor(EmulatedMachine machine, CpuState cpu, IReadOnlyList<IActorRef> zones, IActorRef kswapd) : base(machine)
    {
        _cpu = cpu;
        _zones = zones;
        _kswapd = kswapd;
        _frames = machine.Frames;
        _transfer = machine.Transfer;
        _flush = new PcpPage[Math.Max(4096, 2 * cpu.SizingByZone.Max(p => p.MaxBulkPages) + 64)];
        Become(Ready);
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        base.PreStart();
        // vmstat_update() runs refresh_cpu_vm_stats() every second (sysctl_stat_interval); with auto-tuned pcp high it
        // calls decay_pcp_high() for each zone.
        if (Machine.Kernel.PcpSizing == PcpSizingMode.AutoTuned)
            Timers.StartPeriodicTimer("vmstat_update", VmstatUpdate.Instance, TimeSpan.FromSeconds(1));
    }

    /// <summary>Props for the actor of <paramref name="cpu"/>.</summary>
    public static Props Props(EmulatedMachine machine, CpuState cpu, IReadOnlyList<IActorRef> zones, IActorRef kswapd) =>
        FactoryProps.Of(() => new CpuActor(machine, cpu, zones, kswapd));

    private void Ready()
    {
        Receive<AllocPages>(StartAlloc);
        Receive<FreePages>(m => FreeBatch(m.Pages, then: null));
        Receive<DrainPcp>(Drain);
        Receive<DrainLru>(_ =>
        {
            // 6.x: lru_add_drain_per_cpu() runs as a work item: the kworker is woken and switched in on this CPU.
            if (Machine.Kernel.LruDisableAfterDrain)
                Spend(Machine.Costs.WorkItemNs);
            DrainLruBatch();
            Sender.Tell(new LruDrained(_cpu.Cpu));
        });
        Receive<ReleaseContig>(Release);
        Receive<VmstatUpdate>(_ => DecayPcpHigh());
    }

    /// <summary>
    /// decay_pcp_high() for each zone's lists: pcp->high drops by an eighth towards high_min, and what the lists hold
    /// above it is freed, at most a batch per free_pcppages_bulk().
    /// </summary>
    private void DecayPcpHigh()
    {
        foreach (var pcp in _cpu.PcpByZone)
        {
            if (!TryPcpLock(pcp.Zone.Id))
                continue;
            var sizing = _cpu.SizingByZone[pcp.Zone.Id];
            var toDrain = sizing.Decay(pcp.Count);
            pcp.High = sizing.High;
            while (toDrain > 0)
            {
                var chunk = Math.Min(toDrain, sizing.Batch);
                Flush(pcp, chunk);
                toDrain -= chunk;
            }
        }

        if (_zoneCalls.Count > 0)
            AwaitZone(null);
    }

    private void WaitingForZone()
    {
        Receive<RmqueueDone>(OnZoneAnswer);
        Receive<PagesFreed>(OnZoneAnswer);
        // Bug R4: drain_pages_zone() read pcp->count without pcp->lock, so an empty list whose refill is on its way
        // (this CPU holds the lock in rmqueue_bulk()) reads 0 and is not drained. The fix reads it under the lock.
        Receive<DrainPcp>(m => Machine.Has(KernelBug.DrainCountUnlocked) && _cpu.PcpByZone[m.ZoneId].Count == 0,
            _ => Sender.Tell(new PcpDrained(_cpu.Cpu)));
        ReceiveAny(_ => Stash.Stash());
    }

    // ---- allocation: rmqueue_pcplist() / rmqueue_buddy() ----

    private void StartAlloc(AllocPages m)
    {
        _alloc = new PendingAlloc(m, Sender, _transfer.Open(m.Order));
        ContinueAlloc();
    }

    private void ContinueAlloc()
    {
        var alloc = _alloc!;
        var request = alloc.Request;
        while (alloc.Taken.Count < request.Count && !alloc.ZoneEmpty)
        {
            var zone = PickZone(request.Order, request.MigrateType);
            if (zone is null)
                break;
            var pcp = _cpu.PcpByZone[zone.Id];
            if (!pcp.IsPcpOrder(request.Order))
            {
                CallZone(zone.Id, new RmqueueBuddy(request.Order, request.MigrateType, FlagsFor(request.MigrateType)));
                AwaitZone(ContinueAlloc);
                return;
            }

            // rmqueue_pcplist(): pcp_spin_trylock() fails while a remote drainer holds the lock ("spin_trylock may
            // fail due to a parallel drain"); rmqueue() then takes the page from rmqueue_buddy() under zone->lock.
            if (!TryPcpLock(zone.Id))
            {
                _cpu.PcpTrylockFallbacks++;
                alloc.Fallback = true;
                CallZone(zone.Id, new RmqueueBuddy(request.Order, request.MigrateType, FlagsFor(request.MigrateType)));
                AwaitZone(ContinueAlloc);
                return;
            }

            var sizing = _cpu.SizingByZone[zone.Id];
            var pfn = pcp.TakeFirst(request.Order, request.MigrateType);
            Spend(Machine.Costs.PcpPageNs);
            if (pfn >= 0)
            {
                sizing.OnAllocate();
                _transfer.AddTo(alloc.Taken, pfn);
                continue;
            }

            _cpu.PcpRefills++;
            var refill = sizing.RefillBatch(request.Order, pcp.Count, ZoneBelowHigh(zone));
            pcp.High = sizing.High;
            CallZone(zone.Id, new RmqueueBulk(request.Order, request.MigrateType, refill, FlagsFor(request.MigrateType)));
            AwaitZone(ContinueAlloc);
            return;
        }

        var failed = request.Count - alloc.Taken.Count;
        if (failed > 0 && !alloc.DrainedAll && Machine.Kernel.Drain == DrainProtocol.CallerUnderPcpLock && Machine.Actors is { } actors)
        {
            // __alloc_pages_direct_reclaim(): "If an allocation failed after direct reclaim, it could be because pages
            // are pinned on the per-cpu lists": drain_all_pages(NULL), once, then the allocation is retried.
            alloc.DrainedAll = true;
            alloc.ZoneEmpty = false;
            ReleasePcpLocks();
            actors.DrainMutex.Tell(MutexTryLock.Instance);
            _waiting = true;
            Become(DrainingAllPages);
            return;
        }

        if (failed > 0)
            _cpu.AllocFailures++;
        var batch = _transfer.Seal(alloc.Taken);
        _alloc = null;
        if (request.ForLru)
            LruCacheAdd(batch);
        if (!Machine.KswapdAwake && Machine.BelowLowWatermark())
            _kswapd.Tell(WakeKswapd.Instance);
        alloc.ReplyTo.Tell(new PagesAllocated(batch, failed));
    }

    // ---- drain_all_pages(NULL) from the allocation slow path (6.0+: this CPU drains every CPU's lists itself) ----

    private void DrainingAllPages()
    {
        // __drain_all_pages(NULL, false): mutex_trylock(&pcpu_drain_mutex), and without a zone a busy mutex means
        // someone else is draining: return at once.
        Receive<MutexBusy>(_ => DrainAllPagesDone(holdsMutex: false));
        Receive<MutexGranted>(_ =>
        {
            _drainAll ??= new RemotePcpDrain(Machine, Self, _zones, Spend);
            var targets = Machine.Cpus
                .Where(c => c.PcpByZone.Any(p => p.Count != 0))
                .SelectMany(c => c.PcpByZone.Select(p => (c.Cpu, p.Zone.Id)));
            if (_drainAll.Start(targets))
                DrainAllPagesDone(holdsMutex: true);
        });
        Receive<PcpLockGranted>(_ =>
        {
            if (_drainAll!.OnGranted())
                DrainAllPagesDone(holdsMutex: true);
        });
        Receive<PagesFreed>(_ =>
        {
            if (_drainAll!.OnFreed())
                DrainAllPagesDone(holdsMutex: true);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void DrainAllPagesDone(bool holdsMutex)
    {
        if (holdsMutex)
            Machine.Actors!.DrainMutex.Tell(MutexUnlock.Instance);
        _waiting = false;
        Become(Ready);
        ContinueAlloc();
        if (!_waiting)
            Stash.UnstashAll();
    }

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

            Interlocked.Increment(ref _frames.RefCount(pfn));
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
            if (!DropReferenceIfHeld(ref _frames.RefCount(pfn)))
                continue;
            _frames.SetFlags(pfn, PageFlags.Lru);
        }

        Spend(Machine.Costs.PcpPageNs * _lruBatch.Count);
        _lruBatch.Clear();
        _cpu.LruBatchPages = 0;
    }

    /// <summary>Decrements a reference count that is above zero; false when it was not (the page was freed).</summary>
    private static bool DropReferenceIfHeld(ref int refCount)
    {
        var seen = Volatile.Read(ref refCount);
        while (seen > 0)
        {
            var actual = Interlocked.CompareExchange(ref refCount, seen - 1, seen);
            if (actual == seen)
                return true;
            seen = actual;
        }

        return false;
    }

    /// <summary>
    /// get_page_from_freelist()'s zonelist walk, highest zone first: the first zone above its min watermark (the
    /// slow path's mark once kswapd is awake) serves the request.
    /// </summary>
    private Zone? PickZone(int order, MigrateType mt)
    {
        var flags = FlagsFor(mt);
        for (var i = Machine.Zones.Count - 1; i >= 0; i--)
        {
            var zone = Machine.Zones[i];
            if (zone.ZoneWatermarkOk(order, zone.WatermarkMin, flags))
                return zone;
        }

        return null;
    }

    private static AllocFlags FlagsFor(MigrateType mt) => mt == MigrateType.Movable ? AllocFlags.Cma : AllocFlags.None;

    /// <summary>ZONE_BELOW_HIGH: the zone's free pages are below its high watermark (read without zone->lock).</summary>
    private static bool ZoneBelowHigh(Zone zone) => zone.NrFreePages < zone.WatermarkHigh;

    // ---- pcp->lock: pcp_spin_trylock() by this CPU, handed to a spinning remote drainer on release ----

    /// <summary>pcp_spin_trylock() on this CPU's lists for a zone; always succeeds in profiles without the 6.0 lock.</summary>
    private bool TryPcpLock(int zoneId) => !Machine.Kernel.PcpTrylockFallback || _cpu.PcpLocks[zoneId].TryLockOwner();

    /// <summary>pcp_spin_unlock() of every pcp lock this CPU holds; a drainer spinning on one gets it.</summary>
    private void ReleasePcpLocks()
    {
        if (!Machine.Kernel.PcpTrylockFallback)
            return;
        foreach (var pcpLock in _cpu.PcpLocks)
            if (pcpLock.UnlockOwner() is { } handoff)
                handoff.Waiter.Tell(handoff.Grant, Self);
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        if (!_waiting)
            ReleasePcpLocks();
        return handled;
    }

    private void OnRefill(RmqueueDone done)
    {
        _transfer.Receive(done.Pages);
        var alloc = _alloc!;
        var fallback = alloc.Fallback;
        alloc.Fallback = false;
        if (done.Pages.Count == 0)
        {
            alloc.ZoneEmpty = true;
            return;
        }

        if (fallback || !_cpu.PcpByZone[0].IsPcpOrder(done.Pages.Order))
        {
            _transfer.AddTo(alloc.Taken, done.Pages.Pfns[0]);
            return;
        }

        foreach (var pfn in done.Pages.Pfns)
            _cpu.PcpByZone[Machine.ZoneOf(pfn).Id].Add(pfn, done.Pages.Order, _frames.GetPageblockMigratetype(pfn));
        Spend(Machine.Costs.PcpPageNs * done.Pages.Count);
    }

    // ---- free: free_unref_page() / free_unref_page_commit() ----

    private void FreeBatch(PageBatch pages, Action? then)
    {
        _transfer.Receive(pages);
        List<int>?[]? toBuddy = null;
        List<MigrateType>?[]? toBuddyTypes = null;
        foreach (var pfn in pages.Pfns)
        {
            _frames.ResetOnFree(pfn, pages.Order);
            // get_pfnblock_migratetype() without zone->lock, as the kernel reads it.
            var mt = _frames.GetPageblockMigratetype(pfn);
            var zone = Machine.ZoneOf(pfn);
            var pcp = _cpu.PcpByZone[zone.Id];
            MigrateType? passed = null;
            var fallback = false;
            if (mt == MigrateType.Isolate || !pcp.IsPcpOrder(pages.Order))
            {
                passed = mt;
            }
            else if (!TryPcpLock(zone.Id))
            {
                // free_unref_page(): pcp_spin_trylock() failed (a remote drain holds the lock): free_one_page() under
                // zone->lock. Bug R6: the type had already been overwritten to MOVABLE for the pcp list.
                _cpu.PcpTrylockFallbacks++;
                fallback = true;
                passed = Machine.Has(KernelBug.FallbackFreesAsMovable) && mt is MigrateType.Cma or MigrateType.HighAtomic
                    ? MigrateType.Movable
                    : mt;
            }

            if (passed is { } type)
            {
                var slot = 2 * zone.Id + (fallback ? 1 : 0);
                toBuddy ??= new List<int>?[2 * Machine.Zones.Count];
                toBuddyTypes ??= new List<MigrateType>?[2 * Machine.Zones.Count];
                (toBuddy[slot] ??= []).Add(pfn);
                (toBuddyTypes[slot] ??= []).Add(type);
                continue;
            }

            pcp.Add(pfn, pages.Order, mt);
            Spend(Machine.Costs.PcpPageNs);
            var sizing = _cpu.SizingByZone[zone.Id];
            var flush = sizing.OnFree(pages.Order, pcp.Count, reclaimActive: Machine.KswapdAwake, ZoneBelowHigh(zone));
            pcp.High = sizing.High;
            if (flush > 0)
                Flush(pcp, flush);
        }

        if (toBuddy is not null)
            for (var slot = 0; slot < toBuddy.Length; slot++)
                if (toBuddy[slot] is { } pfns)
                    CallZone(slot / 2, new FreeToBuddy(_transfer.Send(pfns.ToArray(), pages.Order, toBuddyTypes![slot]!.ToArray()),
                        TrylockFallback: slot % 2 == 1));

        if (_zoneCalls.Count > 0)
            AwaitZone(then);
        else
            then?.Invoke();
    }

    /// <summary>free_pcppages_bulk(): hands at least <paramref name="pages"/> pages of the lists to the zone.</summary>
    private void Flush(PerCpuPages pcp, int pages)
    {
        var n = pcp.TakeForFree(pages, _flush);
        SendFlushed(pcp, n);
    }

    private void SendFlushed(PerCpuPages pcp, int n)
    {
        if (n == 0)
            return;
        Interlocked.Increment(ref _cpu.PcpFlushes);
        for (var order = 0; order <= Machine.Geometry.MaxPageOrder; order++)
        {
            List<int>? pfns = null;
            List<MigrateType>? types = null;
            for (var i = 0; i < n; i++)
            {
                if (_flush[i].Order != order)
                    continue;
                (pfns ??= []).Add(_flush[i].Pfn);
                (types ??= []).Add(_flush[i].CachedType);
            }

            if (pfns is not null)
                CallZone(pcp.Zone.Id, new FreePcpBulk(_transfer.Send(pfns.ToArray(), order, types!.ToArray())));
        }
    }

    // ---- drain_pages_zone() on behalf of drain_all_pages() ----

    private void Drain(DrainPcp m)
    {
        var requester = Sender;
        Interlocked.Increment(ref _cpu.PcpDrains);
        var pcp = _cpu.PcpByZone[m.ZoneId];
        SendFlushed(pcp, pcp.TakeAll(_flush));
        if (_zoneCalls.Count > 0)
            AwaitZone(() => requester.Tell(new PcpDrained(_cpu.Cpu)));
        else
            requester.Tell(new PcpDrained(_cpu.Cpu));
    }

    // ---- cma_release(): free_contig_range(), then cma_clear_bitmap() ----

    private void Release(ReleaseContig m) =>
        FreeBatch(m.Pages, () => m.Area.Tell(new ClearBits(m.BasePfn, m.PageCount, Released: true)));

    // ---- waiting for a zone: spin on zone->lock ----

    private void CallZone(int zoneId, object request) => _zoneCalls.Enqueue((_zones[zoneId], request));

    private void AwaitZone(Action? then)
    {
        _afterZoneCalls = then;
        var (zone, request) = _zoneCalls.Dequeue();
        zone.Tell(request);
        _waiting = true;
        Become(WaitingForZone);
    }

    private void OnZoneAnswer(object answer)
    {
        if (answer is RmqueueDone refill)
            OnRefill(refill);
        if (_zoneCalls.TryDequeue(out var next))
        {
            next.Zone.Tell(next.Request);
            return;
        }

        var then = _afterZoneCalls;
        _afterZoneCalls = null;
        _waiting = false;
        Become(Ready);
        then?.Invoke();
        if (!_waiting)
            Stash.UnstashAll();
    }

    private sealed record VmstatUpdate
    {
        public static readonly VmstatUpdate Instance = new();
    }

    private sealed class PendingAlloc(AllocPages request, IActorRef replyTo, OpenBatch taken)
    {
        public AllocPages Request { get; } = request;
        public IActorRef ReplyTo { get; } = replyTo;
        public OpenBatch Taken { get; } = taken;
        public bool ZoneEmpty { get; set; }

        /// <summary>drain_all_pages(NULL) was tried for this allocation.</summary>
        public bool DrainedAll { get; set; }

        /// <summary>The zone call on its way is a pcp_spin_trylock() fallback: its page is the caller's, not the list's.</summary>
        public bool Fallback { get; set; }
    }
}
