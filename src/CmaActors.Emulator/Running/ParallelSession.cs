using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>
/// One emulated machine on Akka.NET's own dispatcher, every core, in wall time: the same actors as in simulation, with
/// the same recorders (<see cref="RunRecord"/>) and the recent-events ring observing every delivery. Invariants are
/// walked, and the machine's state sampled, at quiescence only: the load injectors stop, the mailboxes drain, every
/// handler is held back (<see cref="Hold"/>). <see cref="ScenarioRun"/> drives it; tests may drive it themselves.
/// </summary>
public sealed class ParallelSession : IRunHost
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ParallelHost _host;
    private readonly TimeSpan _drainTimeout;
    private readonly IntervalMeter _meter;
    private QuiescentCut? _cut;
    private ViolationReport? _violation;
    private bool _disposed;

    private ParallelSession(Scenario scenario, DiagnosticsOptions diagnostics)
    {
        Scenario = scenario;
        Machine = MachineBuilder.Build(scenario, threadSafe: true);
        _drainTimeout = TimeSpan.FromSeconds(scenario.Parallel.DrainTimeoutSeconds);
        _host = ParallelHost.Create(new ParallelSettings(scenario.Parallel.Spend, scenario.Parallel.Threads));
        Checker = new InvariantChecker(Machine, scenario.Invariants);
        Recent = new RecentEvents(scenario.Invariants.LastEvents, _host.Runtime);
        Record = new RunRecord(Machine, _host.Runtime, diagnostics);
        _host.AddObserver(Recent);
        foreach (var observer in Record.Observers(concurrent: true))
            _host.AddObserver(observer);
        _meter = new IntervalMeter(this);
    }

    /// <inheritdoc />
    public Scenario Scenario { get; }

    /// <inheritdoc />
    public EmulatedMachine Machine { get; }

    /// <inheritdoc />
    public RunRecord Record { get; }

    /// <summary>The Akka host.</summary>
    public ParallelHost Host => _host;

    /// <summary>The invariant checker (full walks only).</summary>
    public InvariantChecker Checker { get; }

    /// <summary>The last deliveries, for reports.</summary>
    public RecentEvents Recent { get; }

    /// <summary>Lock statistics of lock-like actors (null when lock statistics are off).</summary>
    public LockStatsObserver? Locks => Record.Locks;

    /// <summary>Latency recorders of the workloads.</summary>
    public RunRecorders Recorders => Record.Recorders;

    /// <summary>Run time: wall ns since the host started.</summary>
    public long NowNs => _host.Clock.NowNs;

    /// <inheritdoc />
    public long Deliveries => _host.Deliveries;

    /// <inheritdoc />
    public bool StillBetweenRuns => false;

    /// <summary>The machine actor, the root of the emulator's actors, once started.</summary>
    public IActorRef? MachineRef { get; private set; }

    /// <inheritdoc />
    public ViolationReport? Violation => _violation;

    /// <summary>Every check made so far.</summary>
    public IReadOnlyList<QuiescenceCheck> Checks => Record.Checks;

    /// <summary>
    /// Boots a session for <paramref name="scenario"/> (its seed replaced by <paramref name="seed"/> when given) with
    /// <paramref name="diagnostics"/> (default: <see cref="DiagnosticsOptions.Default"/>).
    /// </summary>
    public static ParallelSession Create(Scenario scenario, int? seed = null, DiagnosticsOptions? diagnostics = null) =>
        new(seed is { } s ? scenario with { Seed = s } : scenario, diagnostics ?? DiagnosticsOptions.Default);

    /// <inheritdoc />
    public void AddObserver(IDeliveryObserver observer) => _host.AddObserver(observer);

    /// <summary>Creates the machine's actors and waits until the machine actor has created them all.</summary>
    public void Start()
    {
        var root = _host.Spawn(MachineActor.Props(Machine, Recorders).WithDispatcher(EmulatorDispatcher.Id), "machine");
        Machine.Placement.Register(_host.Runtime.IdOf(root), new ActorRole(ActorRoleKind.Other, -1, null, "machine"));
        MachineRef = root;
        if (!SpinWait.SpinUntil(() => Machine.Actors is not null || _host.Failure is not null, StartTimeout))
            throw new InvalidOperationException("The machine's actors were not created in time.");
        ThrowIfFailed();
    }

    /// <summary>Throws the first failure of an emulator actor, if there was one.</summary>
    public void ThrowIfFailed()
    {
        if (_host.Failure is { } failure)
            throw failure;
    }

    /// <summary>Waits until wall time <paramref name="ns"/>, sampling the mailboxes; false once a violation has stopped the run.</summary>
    public bool RunUntil(long ns)
    {
        if (_violation is not null)
            return false;
        _meter.WaitUntil(ns);
        return true;
    }

    /// <summary>Tells every load injector to stop injecting (requests in service finish).</summary>
    public void StopLoad() => TellInjectors(Protocol.Load.PauseLoad.Instance);

    /// <summary>Tells every load injector to go on.</summary>
    public void ResumeLoad() => TellInjectors(Protocol.Load.ResumeLoad.Instance);

    /// <summary>
    /// Stops the load, waits for the mailboxes to drain and holds every handler back until the returned handle is
    /// disposed; then the load goes on (unless a violation stopped the run).
    /// </summary>
    public IDisposable Hold()
    {
        ThrowIfFailed();
        StopLoad();
        var cut = _host.Quiesce(_drainTimeout);
        try
        {
            ThrowIfFailed();
        }
        catch
        {
            cut.Dispose();
            throw;
        }

        _cut = cut;
        return new Held(this, cut);
    }

    /// <summary>Walks every invariant (while held still) and records the check; false on a violation.</summary>
    public bool CheckAll()
    {
        if (_violation is not null)
            return false;
        var cut = _cut ?? throw new InvalidOperationException("Invariants are walked only while the machine is held still (Hold).");
        var atNs = NowNs;
        var held = Guard(() => Checker.CheckAll(_host.Deliveries, atNs));
        Record.Add(new QuiescenceCheck(Math.Round(atNs / 1e9, 3), held, cut.Drained, Math.Round(cut.Waited.TotalMilliseconds, 2),
            cut.Depths.Queued));
        return held;
    }

    /// <summary>The report line of the interval that ends now.</summary>
    public IntervalReport? CloseInterval() => _meter.Close();

    /// <summary>The result as things stand; build it while the machine is held still.</summary>
    public RunOutcome Outcome()
    {
        var endNs = NowNs;
        var deliveries = _host.Deliveries;
        var totals = new RunTotals(endNs, deliveries, Checker.Checks, Checker.FullChecks);
        return Record.Outcome(totals, _violation, new ParallelRunResult
        {
            ProcessorCount = Environment.ProcessorCount,
            Threads = Scenario.Parallel.Threads,
            Spend = Scenario.Parallel.Spend.ToString().ToLowerInvariant(),
            WallSeconds = Math.Round(endNs / 1e9, 3),
            DeliveriesPerSecond = Math.Round(deliveries / Math.Max(endNs / 1e9, 1e-9), 1),
            Checks = Record.Checks.ToList(),
            Intervals = Record.Intervals.ToList(),
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _host.Dispose();
    }

    private void TellInjectors(object message)
    {
        // Once the host is gone (a hold released after the run), there is no load to stop or resume.
        if (_disposed)
            return;
        foreach (var injector in Machine.Actors?.LoadInjectors ?? [])
            injector.Tell(message, ActorRefs.NoSender);
    }

    private bool Guard(Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (InvariantViolationException found)
        {
            _violation = ViolationReports.From(found, Scenario.Seed, Recent);
            return false;
        }
    }

    /// <summary>A hold: lets the handlers go on, then the load (unless a violation stopped the run).</summary>
    private sealed class Held(ParallelSession session, QuiescentCut cut) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (_released)
                return;
            _released = true;
            if (ReferenceEquals(session._cut, cut))
                session._cut = null;
            cut.Dispose();
            if (session._violation is null)
                session.ResumeLoad();
        }
    }
}
