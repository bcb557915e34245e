using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Actors;

// drain_all_pages() under pcpu_drain_mutex (__drain_all_pages(), drain_local_pages_wq() / drain_pages_zone()),
// lru_cache_disable() with synchronize_rcu_expedited(), lru_add_drain_all() / __lru_add_drain_all(), lru_cache_enable().
public sealed partial class CmaAllocTask
{
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

    private sealed record RcuGracePeriodElapsed
    {
        public static readonly RcuGracePeriodElapsed Instance = new();
    }
}
