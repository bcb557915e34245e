using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Protocol;
using AkkaCluster = Akka.Cluster.Cluster;

namespace CmaActors.Cluster.Nodes;

/// <summary>
/// Hands out one job's units to the worker slots of the cluster and merges their lines. Work pulling: the coordinator
/// announces the job to every worker node that is up (and again every second while units are waiting); idle slots ask
/// for a unit and get the lowest one still waiting. Lines stream back per seed. When a node becomes unreachable or
/// leaves (Akka.Cluster membership events), or a slot dies (DeathWatch), its unfinished units go back to the queue,
/// from their first seed without a line. A line that stops the job makes every slot skip the seeds after it. The job
/// is over when every seed up to the job's end has its line; the merge is then what one process would have written.
/// </summary>
public sealed class CoordinatorActor : ReceiveActor, IWithTimers
{
    private readonly string _jobId;
    private readonly ClusterJob _job;
    private readonly IReadOnlyList<WorkUnit> _units;
    private readonly JobMerger _merger;
    private readonly TaskCompletionSource<JobOutcome> _done;
    private readonly Action<JobEvent>? _events;
    private readonly TimeSpan _noWorkerTimeout;
    private readonly SortedSet<int> _pending = [];
    private readonly Dictionary<IActorRef, int> _unitOf = [];
    private readonly Dictionary<int, IActorRef> _ownerOf = [];
    private readonly HashSet<Address> _workers = [];
    private readonly HashSet<IActorRef> _slots = [];
    private readonly Dictionary<string, int> _seedsByNode = new(StringComparer.Ordinal);
    private readonly List<string> _lost = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _reassigned;
    private bool _anyWorker;

    /// <summary>A coordinator of <paramref name="job"/> cut into units of <paramref name="unitSize"/> seeds.</summary>
    public CoordinatorActor(string jobId, ClusterJob job, int unitSize, TaskCompletionSource<JobOutcome> done, Action<JobEvent>? events,
        TimeSpan noWorkerTimeout)
    {
        _jobId = jobId;
        _job = job;
        _units = job.Units(unitSize);
        _merger = new JobMerger(job);
        _done = done;
        _events = events;
        _noWorkerTimeout = noWorkerTimeout;
        foreach (var unit in _units)
            _pending.Add(unit.Id);

        Receive<ClusterEvent.MemberUp>(m => Up(m.Member));
        Receive<ClusterEvent.ReachableMember>(m => Up(m.Member));
        Receive<ClusterEvent.UnreachableMember>(m => Lost(m.Member.Address, "unreachable"));
        Receive<ClusterEvent.MemberRemoved>(m => Lost(m.Member.Address, "removed"));
        Receive<ClusterEvent.MemberExited>(m => Lost(m.Member.Address, "left"));
        Receive<ClusterEvent.MemberLeft>(m => Lost(m.Member.Address, "leaving"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
        Receive<Announce>(_ => AnnounceToAll());
        Receive<NoWorkerTimeout>(_ =>
        {
            if (!_anyWorker)
                Fail($"no worker node in the cluster after {_noWorkerTimeout.TotalSeconds:0} s (is a node listening there, and does it reach this one?)");
        });
        Receive<RequestWork>(OnRequestWork);
        Receive<SeedDone>(OnSeedDone);
        Receive<UnitDone>(OnUnitDone);
        Receive<WorkDeclined>(m =>
        {
            if (_ownerOf.TryGetValue(m.Unit, out var owner) && owner.Equals(Sender))
                Requeue(m.Unit);
        });
        Receive<UnitFailed>(m => Fail($"unit {m.Unit} (seeds {_units[m.Unit].First}..{_units[m.Unit].Last}) failed on {Sender.Path.Address}: {m.Error}"));
        Receive<Terminated>(m => SlotGone(m.ActorRef));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a coordinator.</summary>
    public static Props Props(string jobId, ClusterJob job, int unitSize, TaskCompletionSource<JobOutcome> done, Action<JobEvent>? events,
        TimeSpan noWorkerTimeout) =>
        Akka.Actor.Props.Create(() => new CoordinatorActor(jobId, job, unitSize, done, events, noWorkerTimeout));

    /// <inheritdoc />
    protected override void PreStart()
    {
        AkkaCluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer("announce", Announce.Instance, TimeSpan.FromSeconds(1));
        Timers.StartSingleTimer("no-worker", NoWorkerTimeout.Instance, _noWorkerTimeout);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        AkkaCluster.Get(Context.System).Unsubscribe(Self);
        foreach (var worker in _workers)
            WorkerAt(worker).Tell(new JobOver(_jobId), Self);
        _done.TrySetException(new ClusterJobException("the job was stopped before it was merged"));
    }

    private ActorSelection WorkerAt(Address node) => Context.ActorSelection(new RootActorPath(node) / "user" / ClusterConfig.WorkerActorName);

    private void Up(Member member)
    {
        if (!member.HasRole(ClusterConfig.WorkerRole) || member.Status != MemberStatus.Up)
            return;
        if (!_workers.Add(member.Address))
            return;
        _anyWorker = true;
        _events?.Invoke(new WorkerJoined(member.Address));
        if (_pending.Count > 0)
            WorkerAt(member.Address).Tell(new JobAvailable(_jobId), Self);
    }

    private void Lost(Address node, string how)
    {
        var wasWorker = _workers.Remove(node);
        var units = _unitOf.Where(kv => kv.Key.Path.Address.Equals(node)).ToList();
        if (!wasWorker && units.Count == 0)
            return;
        foreach (var (slot, unit) in units)
        {
            _unitOf.Remove(slot);
            _ownerOf.Remove(unit);
            if (_merger.FirstMissing(_units[unit]) is not null)
            {
                _pending.Add(unit);
                _reassigned++;
            }
        }

        _lost.Add($"{node} ({how})");
        _events?.Invoke(new NodeLost(node, how, units.Select(u => u.Value).Order().ToList()));
        AnnounceToAll();
    }

    private void SlotGone(IActorRef slot)
    {
        _slots.Remove(slot);
        if (_unitOf.TryGetValue(slot, out var unit))
        {
            _reassigned++;
            Requeue(unit);
            AnnounceToAll();
        }
    }

    private void Requeue(int unit)
    {
        if (_ownerOf.Remove(unit, out var slot))
            _unitOf.Remove(slot);
        if (_merger.FirstMissing(_units[unit]) is not null)
            _pending.Add(unit);
    }

    private void AnnounceToAll()
    {
        if (_pending.Count == 0)
            return;
        foreach (var worker in _workers)
            WorkerAt(worker).Tell(new JobAvailable(_jobId), Self);
    }

    private void OnRequestWork(RequestWork m)
    {
        var slot = Sender;
        if (_unitOf.TryGetValue(slot, out var held))
        {
            // A slot asks only when idle: the unit it held is not running there (its grant was lost).
            Requeue(held);
        }

        if (_slots.Add(slot))
            Context.Watch(slot);
        while (_pending.Count > 0)
        {
            var unit = _units[_pending.Min];
            _pending.Remove(unit.Id);
            if (_merger.FirstMissing(unit) is not { } first)
                continue;
            _unitOf[slot] = unit.Id;
            _ownerOf[unit.Id] = slot;
            slot.Tell(new Work(_jobId, _job.Kind, _job.Spec, unit.Id, first, unit.Last, _merger.End), Self);
            _events?.Invoke(new UnitAssigned(unit.Id, slot.Path.Address, first, unit.Last));
            return;
        }

        slot.Tell(new NoWork(_jobId), Self);
    }

    private void OnSeedDone(SeedDone m)
    {
        if (m.Seed < _job.First || m.Seed > _job.Last)
            return;
        var stopBefore = _merger.StopSeed;
        bool added;
        try
        {
            added = _merger.Add(new JobLine(m.Seed, m.Line, m.Stops));
        }
        catch (JobDeterminismException e)
        {
            Fail(e.Message);
            return;
        }

        var node = Sender.Path.Address.ToString();
        _seedsByNode[node] = _seedsByNode.GetValueOrDefault(node) + 1;
        if (added)
            _events?.Invoke(new LineReceived(m.Seed, m.Line, Sender.Path.Address, _merger.Received, m.Stops));
        if (_merger.StopSeed != stopBefore && _merger.StopSeed is { } stop)
        {
            // Seeds after the stop are not needed: drop the units that start after it, tell the running ones.
            _pending.RemoveWhere(u => _units[u].First > stop);
            foreach (var slot in _unitOf.Keys)
                slot.Tell(new StopAt(_jobId, stop), Self);
        }

        CompleteIfMerged();
    }

    private void OnUnitDone(UnitDone m)
    {
        if (_ownerOf.TryGetValue(m.Unit, out var owner) && owner.Equals(Sender))
            Requeue(m.Unit);
        CompleteIfMerged();
        AnnounceToAll();
    }

    private void CompleteIfMerged()
    {
        if (!_merger.Complete)
            return;
        var outcome = new JobOutcome(_merger.Lines(), _clock.Elapsed, _units.Count, _reassigned, new Dictionary<string, int>(_seedsByNode), _lost.ToList());
        _done.TrySetResult(outcome);
        Context.Stop(Self);
    }

    private void Fail(string message)
    {
        _done.TrySetException(new ClusterJobException(message));
        Context.Stop(Self);
    }

    private sealed class Announce
    {
        public static readonly Announce Instance = new();
    }

    private sealed class NoWorkerTimeout
    {
        public static readonly NoWorkerTimeout Instance = new();
    }
}
