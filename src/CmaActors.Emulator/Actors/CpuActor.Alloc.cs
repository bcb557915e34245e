using Akka.Actor;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Reclaim;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Actors;

// The allocation fast path: rmqueue_pcplist() from this CPU's lists with rmqueue_bulk() refills, rmqueue_buddy()
// for orders the lists do not hold or when pcp_spin_trylock() fails, and get_page_from_freelist()'s zonelist walk.
public sealed partial class CpuActor
{
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
