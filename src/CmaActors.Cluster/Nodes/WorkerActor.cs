using Akka.Actor;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Protocol;

namespace CmaActors.Cluster.Nodes;

/// <summary>
/// The worker actor of a worker node (<c>/user/cma-worker</c>): it has one child per slot (a slot runs one unit at a
/// time, on its own thread) and passes each job announcement on to every slot; idle slots then pull a unit from the
/// job's coordinator.
/// </summary>
public sealed class WorkerActor : ReceiveActor
{
    /// <summary>A worker with <paramref name="slots"/> slots running the kinds in <paramref name="kinds"/>.</summary>
    public WorkerActor(JobKinds kinds, int slots, Action<string>? log)
    {
        var children = Enumerable.Range(0, Math.Max(1, slots))
            .Select(i => Context.ActorOf(Akka.Actor.Props.Create(() => new WorkerSlotActor(kinds, log)), $"slot-{i}"))
            .ToList();
        Receive<JobAvailable>(m => children.ForEach(c => c.Forward(m)));
        Receive<JobOver>(m => children.ForEach(c => c.Forward(m)));
    }

    /// <summary>The props of a worker.</summary>
    public static Props Props(JobKinds kinds, int slots, Action<string>? log = null) =>
        Akka.Actor.Props.Create(() => new WorkerActor(kinds, slots, log));
}

/// <summary>
/// One slot of a worker node: asks the coordinator for a unit when idle, runs its seeds in order on a thread of its
/// own (a simulation is single-threaded and deterministic), streams each seed's line back as soon as it is run, and
/// asks again. It stops early when the coordinator says a lower seed already stopped the job, or that the job is over.
/// </summary>
public sealed class WorkerSlotActor : ReceiveActor
{
    private readonly JobKinds _kinds;
    private readonly Action<string>? _log;
    private string? _jobId;
    private IActorRef? _coordinator;
    private IJobRunner? _runner;
    private UnitExecution? _running;
    private bool _awaitingWork;
    private bool _jobOver;

    /// <summary>A slot running the kinds in <paramref name="kinds"/>.</summary>
    public WorkerSlotActor(JobKinds kinds, Action<string>? log)
    {
        _kinds = kinds;
        _log = log;
        Receive<JobAvailable>(OnJobAvailable);
        Receive<Work>(OnWork);
        Receive<NoWork>(_ => _awaitingWork = false);
        Receive<StopAt>(m =>
        {
            if (_running is { } r && r.JobId == m.JobId)
                r.LowerStop(m.Seed);
        });
        Receive<JobOver>(m => EndJob(m.JobId));
        Receive<Terminated>(m =>
        {
            if (_jobId is { } id && m.ActorRef.Equals(_coordinator))
                EndJob(id);
        });
        Receive<UnitFinished>(OnUnitFinished);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_running is { } r)
            r.CancelAndDispose();
        else
            _runner?.Dispose();
    }

    private void OnJobAvailable(JobAvailable m)
    {
        if (_running is not null || _awaitingWork)
            return;
        _awaitingWork = true;
        Sender.Tell(new RequestWork(m.JobId));
    }

    private void OnWork(Work work)
    {
        _awaitingWork = false;
        if (_running is not null)
        {
            // Busy (a grant that crossed another): give it back so the coordinator hands it to someone else.
            Sender.Tell(new WorkDeclined(work.JobId, work.Unit));
            return;
        }

        if (_jobId != work.JobId)
        {
            _runner?.Dispose();
            _runner = null;
            if (_coordinator is not null) Context.Unwatch(_coordinator);
            _jobId = work.JobId;
            _jobOver = false;
            _coordinator = Sender;
            Context.Watch(_coordinator);
        }

        try
        {
            _runner ??= _kinds.Get(work.Kind).Open(work.Spec);
        }
        catch (Exception e)
        {
            Sender.Tell(new UnitFailed(work.JobId, work.Unit, e is JobSpecException ? e.Message : $"{e.GetType().Name}: {e.Message}"));
            return;
        }

        _log?.Invoke($"unit {work.Unit} of {work.Kind} job {work.JobId}: seeds {work.First}..{work.Last}");
        _running = new UnitExecution(work, _runner, Sender, Self);
        _running.Start();
    }

    private void OnUnitFinished(UnitFinished m)
    {
        var finished = _running;
        _running = null;
        if (finished is null)
            return;
        if (m.Error is { } error)
        {
            finished.Coordinator.Tell(new UnitFailed(m.JobId, m.Unit, error));
            return;
        }

        if (finished.Cancelled)
            return;
        _log?.Invoke($"unit {m.Unit} of job {m.JobId}: {m.Seeds} seeds in {m.Elapsed.TotalSeconds:0.0} s");
        finished.Coordinator.Tell(new UnitDone(m.JobId, m.Unit));
        if (!_jobOver && m.JobId == _jobId)
        {
            _awaitingWork = true;
            finished.Coordinator.Tell(new RequestWork(m.JobId));
        }
    }

    private void EndJob(string jobId)
    {
        if (_jobId != jobId)
            return;
        _jobOver = true;
        _awaitingWork = false;
        if (_running is { } r)
            r.CancelAndDispose();
        else
            _runner?.Dispose();

        _runner = null;
        if (_coordinator is not null) Context.Unwatch(_coordinator);
        _coordinator = null;
        _jobId = null;
    }

    /// <summary>Sent to the slot by its unit's thread when the unit has ended.</summary>
    private sealed record UnitFinished(string JobId, int Unit, int Seeds, TimeSpan Elapsed, string? Error);

    /// <summary>One unit running on its own thread.</summary>
    private sealed class UnitExecution(Work work, IJobRunner runner, IActorRef coordinator, IActorRef slot)
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly Lock _gate = new();
        private int _stopAt = work.StopAfter;
        private bool _ended;
        private bool _disposeRunner;

        public string JobId => work.JobId;

        public IActorRef Coordinator => coordinator;

        public bool Cancelled => _cancel.IsCancellationRequested;

        /// <summary>Stops after the current seed and disposes the runner once the thread no longer uses it.</summary>
        public void CancelAndDispose()
        {
            _cancel.Cancel();
            lock (_gate)
            {
                if (_ended) runner.Dispose();
                else _disposeRunner = true;
            }
        }

        public void LowerStop(int seed)
        {
            int current;
            do
            {
                current = Volatile.Read(ref _stopAt);
                if (seed >= current) return;
            }
            while (Interlocked.CompareExchange(ref _stopAt, seed, current) != current);
        }

        public void Start() =>
            new Thread(Run) { IsBackground = true, Name = $"cma-worker unit {work.Unit}" }.Start();

        private void Run()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var seeds = 0;
            string? error = null;
            try
            {
                for (var seed = work.First; seed <= work.Last; seed++)
                {
                    if (_cancel.IsCancellationRequested || seed > Volatile.Read(ref _stopAt))
                        break;
                    var line = runner.Run(seed);
                    seeds++;
                    coordinator.Tell(new SeedDone(work.JobId, work.Unit, line.Seed, line.Json, line.Stops), slot);
                    if (line.Stops)
                        break;
                }
            }
            catch (Exception e)
            {
                error = e is JobSpecException ? e.Message : $"seed run failed: {e.GetType().Name}: {e.Message}";
            }

            lock (_gate)
            {
                _ended = true;
                if (_disposeRunner) runner.Dispose();
            }

            slot.Tell(new UnitFinished(work.JobId, work.Unit, seeds, clock.Elapsed, error));
        }
    }
}
