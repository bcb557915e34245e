using Akka.Actor;
using CmaActors.Emulator.Actors;
using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Tracing;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>
/// One emulated machine hosted under the seeded simulation driver, with the invariant checker, the recent-events ring
/// and the diagnostics attached (lock statistics, mailbox waits, memory timeline, /proc snapshots, optionally a trace).
/// <see cref="ScenarioRunner"/> drives it to the scenario's end; tests drive it step by step and may add actors and
/// observers of their own.
/// </summary>
public sealed class SimulationSession : IRunHost
{
    private readonly SimulationHost _host;
    private readonly bool _ownsHost;
    private ViolationReport? _violation;

    private SimulationSession(Scenario scenario, DiagnosticsOptions diagnostics, ISchedulingStrategy? strategy, SimulationHost? host)
    {
        Scenario = scenario;
        Machine = MachineBuilder.Build(scenario);
        var latency = new MachineLatencyModel(Machine.Placement, scenario.Costs, Machine.Kernel);
        if (host is null)
        {
            strategy ??= new TimedStrategy(scenario.Seed, scenario.Costs.Jitter);
            _host = SimulationHost.Create(new SimulationSettings(scenario.Seed, strategy, latency));
            _ownsHost = true;
        }
        else
        {
            host.Reset(strategy ?? new TimedStrategy(scenario.Seed, scenario.Costs.Jitter), latency);
            _host = host;
        }

        Checker = new InvariantChecker(Machine, scenario.Invariants) { CurrentStep = () => Driver.Steps };
        Recent = new RecentEvents(scenario.Invariants.LastEvents, _host.Runtime);
        Record = new RunRecord(Machine, _host.Runtime, diagnostics);
        Driver.AddObserver(Recent);
        foreach (var observer in Record.Observers(concurrent: false))
            Driver.AddObserver(observer);
        Driver.AddObserver(Checker);
    }

    /// <summary>The scenario, with the seed actually used.</summary>
    public Scenario Scenario { get; }

    /// <summary>The machine's state.</summary>
    public EmulatedMachine Machine { get; }

    /// <summary>The simulation driver.</summary>
    public SimulationDriver Driver => _host.Driver;

    /// <summary>Runtime services (actor ids and names).</summary>
    public EmulatorRuntime Runtime => _host.Runtime;

    /// <summary>The invariant checker.</summary>
    public InvariantChecker Checker { get; }

    /// <summary>The last deliveries, for reports.</summary>
    public RecentEvents Recent { get; }

    /// <inheritdoc />
    public RunRecord Record { get; }

    /// <summary>Lock statistics of lock-like actors (null when lock statistics are off).</summary>
    public LockStatsObserver? Locks => Record.Locks;

    /// <summary>Mailbox wait per actor (null when lock statistics are off).</summary>
    public MailboxWaitObserver? Mailboxes => Record.Mailboxes;

    /// <summary>Free pages and pageblock types over time, sampled by <see cref="Sample"/>.</summary>
    public MemoryTimeline Timeline => Record.Timeline;

    /// <summary>/proc/buddyinfo and /proc/pagetypeinfo over time, taken by <see cref="Sample"/>.</summary>
    public ProcSnapshots Snapshots => Record.Snapshots;

    /// <summary>The trace recorder, when a trace was asked for.</summary>
    public TraceRecorder? Trace => Record.Trace;

    /// <summary>Latency recorders of the workloads.</summary>
    public RunRecorders Recorders => Record.Recorders;

    /// <inheritdoc />
    public long NowNs => Driver.NowNs;

    /// <inheritdoc />
    public long Deliveries => Driver.Steps;

    /// <inheritdoc />
    public bool StillBetweenRuns => true;

    /// <summary>The machine actor, the root of the emulator's actors, once started.</summary>
    public IActorRef? MachineRef { get; private set; }

    /// <summary>The violation that stopped the run, if any.</summary>
    public ViolationReport? Violation => _violation;

    /// <summary>
    /// Boots a session for <paramref name="scenario"/> (its seed replaced by <paramref name="seed"/> when given) with
    /// <paramref name="diagnostics"/> (default: <see cref="DiagnosticsOptions.Default"/>).
    /// </summary>
    public static SimulationSession Create(Scenario scenario, int? seed = null, DiagnosticsOptions? diagnostics = null) =>
        new(seed is { } s ? scenario with { Seed = s } : scenario, diagnostics ?? DiagnosticsOptions.Default, null, null);

    /// <summary>
    /// Boots a session for <paramref name="scenario"/> under <paramref name="strategy"/> on <paramref name="host"/>,
    /// which is reset first (the previous session's actors are stopped) and stays the caller's to dispose. After the
    /// reset the run depends only on the scenario and the strategy, so a schedule gives the same run on a new host and
    /// on one that ran thousands of schedules before.
    /// </summary>
    public static SimulationSession CreateOn(SimulationHost host, Scenario scenario, ISchedulingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(strategy);
        return new SimulationSession(scenario, ExplorationDiagnostics, strategy, host);
    }

    /// <summary>What a schedule of an exploration records: no lock statistics, /proc snapshots at start and end only.</summary>
    private static DiagnosticsOptions ExplorationDiagnostics { get; } = new() { LockStatistics = false, SnapshotEveryNs = 0, MaxPageblockMaps = 1 };

    /// <summary>A host for <see cref="CreateOn"/>: an actor system set up for simulation, with no emulator actor yet.</summary>
    public static SimulationHost CreateHost() =>
        SimulationHost.Create(new SimulationSettings(0, new TimedStrategy(0), new ConstantLatencyModel(0)));

    /// <summary>Creates the machine's actors inside the simulation.</summary>
    public void Start()
    {
        Guard(() =>
        {
            var root = _host.Spawn(MachineActor.Props(Machine, Recorders).WithDispatcher(EmulatorDispatcher.Id), "machine");
            Machine.Placement.Register(Runtime.IdOf(root), new ActorRole(ActorRoleKind.Other, -1, null, "machine"));
            MachineRef = root;
        });
    }

    /// <summary>Creates an extra actor inside the simulation (tests: a misbehaving process).</summary>
    public IActorRef Spawn(Props props, string name, ActorRole role)
    {
        IActorRef? actor = null;
        Guard(() =>
        {
            actor = _host.Spawn(props.WithDispatcher(EmulatorDispatcher.Id), name);
            Machine.Placement.Place(Runtime, actor, role);
        });
        return actor ?? ActorRefs.Nobody;
    }

    /// <inheritdoc />
    public void AddObserver(IDeliveryObserver observer) => Driver.AddObserver(observer);

    /// <summary>Runs deliveries up to virtual time <paramref name="ns"/>; false once a violation has stopped the run.</summary>
    public bool RunUntil(long ns) => Guard(() => Driver.RunUntil(ns));

    /// <summary>Nothing to hold: between two deliveries the simulated machine stands still.</summary>
    public IDisposable Hold() => NothingHeld.Instance;

    /// <summary>Samples how much of each reserved area holds useful data (outside any handler).</summary>
    public void SampleAreas() => Record.SampleAreas();

    /// <summary>Samples the memory timeline and takes a /proc snapshot when one is due (outside any handler).</summary>
    public void Sample() => Record.Sample(Driver.NowNs);

    /// <summary>Walks every invariant now; false on a violation.</summary>
    public bool CheckAll() => Guard(() => Checker.CheckAll(Driver.Steps, Driver.NowNs));

    /// <summary>None: report lines are a parallel run's.</summary>
    public IntervalReport? CloseInterval() => null;

    /// <summary>The result as things stand (the final /proc snapshot and the trace are taken now).</summary>
    public RunOutcome Outcome() =>
        Record.Outcome(new RunTotals(Driver.NowNs, Driver.Steps, Checker.Checks, Checker.FullChecks), _violation);

    /// <summary>Disposes the host, unless it was lent to the session (<see cref="CreateOn"/>).</summary>
    public void Dispose()
    {
        if (_ownsHost)
            _host.Dispose();
    }

    private bool Guard(Action step)
    {
        if (_violation is not null)
            return false;
        try
        {
            step();
            return true;
        }
        catch (Exception e) when (ViolationReports.Find(e) is { } found)
        {
            _violation = ViolationReports.From(found, Scenario.Seed, Recent);
            return false;
        }
    }

    private sealed class NothingHeld : IDisposable
    {
        public static readonly NothingHeld Instance = new();

        public void Dispose()
        {
        }
    }
}
