using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Kernel;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Pages;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Memory.Frames;
using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Actors;

/// <summary>
/// The 6.0+ body of __drain_all_pages() once pcpu_drain_mutex is held, run by the calling task on its own CPU:
/// drain_pages_zone(cpu, zone) for each (CPU, zone) in turn — spin_lock() of that CPU's pcp->lock, count read under
/// it, at most batch &lt;&lt; CONFIG_PCP_BATCH_SCALE_MAX pages handed to free_pcppages_bulk() (one zone->lock hold),
/// unlock, again while pages are left. The drained CPU keeps running; its own allocations and frees meanwhile fall
/// back to zone->lock. The owning actor forwards <see cref="PcpLockGranted"/> and <see cref="PagesFreed"/> to
/// <see cref="OnGranted"/> and <see cref="OnFreed"/>; each returns true when the whole drain is done.
/// </summary>
internal sealed class RemotePcpDrain(EmulatedMachine machine, IActorRef self, IReadOnlyList<IActorRef> zones, Action<long> spend)
{
    private readonly List<(int Cpu, int ZoneId)> _targets = [];
    private PcpPage[] _buffer = [];
    private int _index;
    private int _left;
    private int _pending;

    /// <summary>True while the drain waits for a pcp lock or for the zone.</summary>
    public bool Busy { get; private set; }

    /// <summary>Starts draining <paramref name="targets"/> in order; true when nothing had to wait (the drain is done).</summary>
    public bool Start(IEnumerable<(int Cpu, int ZoneId)> targets)
    {
        _targets.Clear();
        _targets.AddRange(targets);
        _index = -1;
        Busy = true;
        return NextTarget();
    }

    /// <summary>The spinning drainer got the pcp lock.</summary>
    public bool OnGranted() => Chunk();

    /// <summary>The zone finished one free_pcppages_bulk() part.</summary>
    public bool OnFreed() => --_pending == 0 && Unlock();

    private bool NextTarget()
    {
        while (++_index < _targets.Count)
        {
            var (cpu, zoneId) = _targets[_index];
            var state = machine.Cpus[cpu];
            Interlocked.Increment(ref state.PcpDrains);
            if (machine.Has(KernelBug.DrainCountUnlocked))
            {
                // Bug R4 (before 66eca1021a42): count = pcp->count, read once without pcp->lock; 0 means nothing to
                // do, even when that CPU holds its lock in rmqueue_bulk() with a refill on the way.
                _left = state.PcpByZone[zoneId].Count;
                if (_left == 0)
                    continue;
            }

            return Lock();
        }

        Busy = false;
        return true;
    }

    private bool Lock()
    {
        var (cpu, zoneId) = _targets[_index];
        if (!machine.Cpus[cpu].PcpLocks[zoneId].LockRemote(self, new PcpLockGranted(cpu, zoneId)))
            return false;
        spend(machine.Costs.LockHandoffNs);
        return Chunk();
    }

    private bool Chunk()
    {
        var (cpu, zoneId) = _targets[_index];
        var state = machine.Cpus[cpu];
        var pcp = state.PcpByZone[zoneId];
        var count = machine.Has(KernelBug.DrainCountUnlocked) ? _left : pcp.Count;
        var toDrain = machine.Kernel.DrainInChunks ? state.SizingByZone[zoneId].DrainChunk(count) : count;
        _left = count - toDrain;
        // Every block taken is at least one page, so toDrain entries always suffice; a task's few drains take little.
        var n = toDrain == 0 ? 0 : pcp.TakeForFree(toDrain, 0, ScratchBuffer.Fit(ref _buffer, toDrain));
        _pending = 0;
        if (n > 0)
        {
            Interlocked.Increment(ref state.PcpFlushes);
            _pending = PcpFlushBatches.Send(machine.Transfer, _buffer, n, machine.Geometry.MaxPageOrder,
                batch => zones[zoneId].Tell(new FreePcpBulk(batch), self));
        }

        return _pending == 0 && Unlock();
    }

    private bool Unlock()
    {
        var (cpu, zoneId) = _targets[_index];
        machine.Cpus[cpu].PcpLocks[zoneId].UnlockRemote();
        return _left > 0 ? Lock() : NextTarget();
    }
}
