using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Protocol.Cma;
using CmaActors.Emulator.Protocol.Migration;
using CmaActors.Emulator.Protocol.Mutex;
using CmaActors.Emulator.Protocol.Zone;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// Attributes work to each cma_alloc() call, as a kernel measurement counts what the allocating task did
/// (<c>lock:lock_acquire</c> filtered on its pid, <c>mm_page_pcpu_drain</c> in its context): a delivery belongs to a
/// call when the call's task sent it, or when an actor sent it while handling a delivery that belongs to the call (the
/// CPU refilling the task's migration targets with rmqueue_bulk() under zone->lock runs in the task). Lock
/// acquisitions are counted as the emulator's lock_stat counts them — one per handled message on a zone, CPU or CMA
/// area, one per mutex grant — plus the pcp->lock spin_lock() calls of the 6.0+ caller-side drain, which take no
/// message (read from <see cref="PcpLock.RemoteAcquisitions"/> while the call holds pcpu_drain_mutex, which excludes
/// every other remote drainer). It only observes: attaching it changes nothing in a run. Simulation mode only (its
/// tables are not guarded).
/// </summary>
public sealed class CmaCallObserver(EmulatedMachine machine) : IDeliveryObserver
{
    private const int NoCall = -1;
    private readonly Dictionary<int, Queue<(long SentNs, CmaAlloc Request)>> _requested = [];
    private readonly Dictionary<int, Queue<(long SentNs, CmaAlloc Request)>> _arrived = [];
    private readonly Dictionary<int, Call> _calls = [];
    private readonly Dictionary<long, int> _sendCall = [];
    private readonly Dictionary<int, int> _handling = [];
    private readonly List<CmaCallFigures> _finished = [];

    /// <summary>The calls that returned, in the order they returned.</summary>
    public IReadOnlyList<CmaCallFigures> Calls => _finished;

    /// <inheritdoc />
    public void OnSend(in SendEvent e)
    {
        var from = e.From.Value;
        var toRole = machine.Placement.RoleOf(e.To);
        if (e.Message is CmaAlloc alloc && toRole.Kind == ActorRoleKind.CmaArea)
            QueueOf(_requested, e.To.Value).Enqueue((e.SentAtNs, alloc));
        if (e.Message is ReserveBits && !_calls.ContainsKey(from) && _arrived.TryGetValue(e.To.Value, out var waiting) &&
            waiting.TryDequeue(out var started))
            _calls.Add(from, new Call(toRole.Name, started.Request, started.SentNs));

        if (e.Message is MutexGranted && _calls.TryGetValue(e.To.Value, out var granted))
            granted.Acquired(machine.Placement.RoleOf(e.From).LockClass, DrainedTotal());
        var call = _calls.ContainsKey(from) ? from : _handling.GetValueOrDefault(from, NoCall);
        if (call == NoCall)
            return;

        _sendCall[e.Seq] = call;
        var current = _calls[call];
        switch (e.Message)
        {
            case MutexUnlock when toRole.LockClass == "pcpu_drain_mutex":
                current.DrainMutexReleased(DrainedTotal());
                break;
            case CmaAllocResult result when call == from:
                _calls.Remove(from);
                _finished.Add(current.Figures(e.SentAtNs, result));
                break;
        }
    }

    /// <inheritdoc />
    public void OnDeliveryStart(in DeliveryEvent e)
    {
        var to = e.To.Value;
        var role = machine.Placement.RoleOf(e.To);
        if (e.Message is CmaAlloc && role.Kind == ActorRoleKind.CmaArea && _requested.TryGetValue(to, out var requested) &&
            requested.TryDequeue(out var request))
            QueueOf(_arrived, to).Enqueue(request);

        var call = _calls.ContainsKey(to) ? to : _sendCall.Remove(e.Seq, out var sent) ? sent : NoCall;
        if (call == NoCall || !_calls.TryGetValue(call, out var current))
            return;
        _handling[to] = call;
        if (role.LockClass is { } lockClass && role.Kind != ActorRoleKind.Mutex)
            current.Acquired(lockClass);
        switch (e.Message)
        {
            case PagesMigrated m when to == call:
                current.PagesMigrated += m.OldPages.Count - m.Discarded;
                break;
            case FreePcpBulk f when role.Kind == ActorRoleKind.Zone:
                current.PcpDrainedPages += f.Pages.PageCount;
                break;
        }
    }

    /// <inheritdoc />
    public void OnDeliveryEnd(in DeliveryEvent e, long endNs) => _handling.Remove(e.To.Value);

    private static Queue<(long, CmaAlloc)> QueueOf(Dictionary<int, Queue<(long, CmaAlloc)>> queues, int area)
    {
        if (!queues.TryGetValue(area, out var queue))
            queues.Add(area, queue = new Queue<(long, CmaAlloc)>());
        return queue;
    }

    private long DrainedTotal()
    {
        long total = 0;
        foreach (var cpu in machine.Cpus)
        foreach (var pcpLock in cpu.PcpLocks)
            total += pcpLock.RemoteAcquisitions;
        return total;
    }

    /// <summary>One call in flight: its request, start and what it did so far.</summary>
    private sealed class Call(string area, CmaAlloc request, long startNs)
    {
        private readonly SortedDictionary<string, long> _locks = new(StringComparer.Ordinal);
        private long _remoteAtDrainGrant = -1;

        public long PagesMigrated { get; set; }

        public long PcpDrainedPages { get; set; }

        public void Acquired(string? lockClass, long remoteDrainLocks = -1)
        {
            if (lockClass is null)
                return;
            _locks[lockClass] = _locks.GetValueOrDefault(lockClass) + 1;
            if (lockClass == "pcpu_drain_mutex")
                _remoteAtDrainGrant = remoteDrainLocks;
        }

        public void DrainMutexReleased(long remoteDrainLocks)
        {
            if (_remoteAtDrainGrant < 0)
                return;
            var taken = remoteDrainLocks - _remoteAtDrainGrant;
            if (taken > 0)
                _locks["&pcp->lock"] = _locks.GetValueOrDefault("&pcp->lock") + taken;
            _remoteAtDrainGrant = -1;
        }

        public CmaCallFigures Figures(long endNs, CmaAllocResult result) => new()
        {
            Area = area,
            Pages = request.Count,
            Cpu = request.Cpu,
            StartNs = startNs,
            EndNs = endNs,
            Succeeded = result.Status == CmaAllocStatus.Success,
            PagesMigrated = PagesMigrated,
            BusyRetries = result.BusyRetries,
            PcpDrainedPages = PcpDrainedPages,
            LockAcquisitions = new SortedDictionary<string, long>(_locks, StringComparer.Ordinal),
        };
    }
}
