using Akka.Actor;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Zone;

namespace CmaActors.Emulator.Actors;

// Drains of this CPU's lists: drain_pages_zone() for a drain_all_pages() work item (4.11–5.19), and
// drain_all_pages(NULL) from the allocation slow path, this CPU draining every CPU under its pcp->lock (6.0+).
public sealed partial class CpuActor
{
    // ---- drain_pages_zone() on behalf of drain_all_pages() ----

    private void Drain(DrainPcp m)
    {
        var requester = Sender;
        Interlocked.Increment(ref _cpu.PcpDrains);
        var pcp = _cpu.PcpByZone[m.ZoneId];
        SendFlushed(pcp, pcp.TakeAll(FlushBuffer(pcp.Count)));
        if (_zoneCalls.Count > 0)
            AwaitZone(() => requester.Tell(new PcpDrained(_cpu.Cpu)));
        else
            requester.Tell(new PcpDrained(_cpu.Cpu));
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
}
