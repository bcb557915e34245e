using Akka.Actor;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Protocol.Cpu;
using CmaActors.Emulator.Protocol.Zone;

namespace CmaActors.Emulator.Actors;

// Calls to the zones: this CPU spins on zone->lock with interrupts off, handling nothing else until the answer
// comes (other messages are stashed).
public sealed partial class CpuActor
{
    // ---- waiting for a zone: spin on zone->lock ----

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
}
