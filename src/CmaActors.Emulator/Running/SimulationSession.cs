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
public sealed class SimulationSession : IDisposable
{
    private readonly SimulationHost _host;
    private ViolationReport? _violation;

    private SimulationSession(Scenario scenario, DiagnosticsOptions diagnostics)
    {
        Scenario = scenario;
        Machine = MachineBuilder.Build(scenario);
        var settings = new SimulationSettings(scenario.Seed, new TimedStrategy(scenario.Seed, scenario.Costs.Jitter),
            new MachineLatencyModel(Machine.Placement, scenario.Costs));
        _host = SimulationHost.Create(settings);
        Checker = new InvariantChecker(Machine, scenario.Invariants) { CurrentStep = () => Driver.Steps };
        Recent = new RecentEvents(scenario.Invariants.LastEvents, _host.Runtime);
        Driver.AddObserver(Recent);
        if (diagnostics.LockStatistics)
        {
            Locks = new LockStatsObserver(Machine.Placement);
            Mailboxes = new MailboxWaitObserver();
            Driver.AddObserver(Locks);
            Driver.AddObserver(Mailboxes);
        }

        var durationNs = (long)(scenario.DurationSeconds * 1e9);
        Timeline = new MemoryTimeline(Machine, Math.Max(1, durationNs / Math.Max(1, diagnostics.MaxPageblockMaps)));
        Snapshots = new ProcSnapshots(Machine, diagnostics.SnapshotEveryNs);
        if (diagnostics.Trace is { } trace)
        {
            Trace = new TraceRecorder(Machine, Runtime, trace);
            Driver.AddObserver(Trace);
        }

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

    /// <summary>Lock statistics of lock-like actors (null when lock statistics are off).</summary>
    public LockStatsObserver? Locks { get; }

    /// <summary>Mailbox wait per actor (null when lock statistics are off).</summary>
    public MailboxWaitObserver? Mailboxes { get; }

    /// <summary>Free pages and pageblock types over time, sampled by <see cref="Sample"/>.</summary>
    public MemoryTimeline Timeline { get; }

    /// <summary>/proc/buddyinfo and /proc/pagetypeinfo over time, taken by <see cref="Sample"/>.</summary>
    public ProcSnapshots Snapshots { get; }

    /// <summary>The trace recorder, when a trace was asked for.</summary>
    public TraceRecorder? Trace { get; }

    /// <summary>Latency recorders of the workloads.</summary>
    public RunRecorders Recorders { get; } = new();

    /// <summary>The machine actor, the root of the emulator's actors, once started.</summary>
    public IActorRef? MachineRef { get; private set; }

    /// <summary>The violation that stopped the run, if any.</summary>
    public ViolationReport? Violation => _violation;

    /// <summary>
    /// Boots a session for <paramref name="scenario"/> (its seed replaced by <paramref name="seed"/> when given) with
    /// <paramref name="diagnostics"/> (default: <see cref="DiagnosticsOptions.Default"/>).
    /// </summary>
    public static SimulationSession Create(Scenario scenario, int? seed = null, DiagnosticsOptions? diagnostics = null) =>
        new(seed is { } s ? scenario with { Seed = s } : scenario, diagnostics ?? DiagnosticsOptions.Default);

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
            Machine.Placement.Register(Runtime.IdOf(actor), role);
        });
        return actor ?? ActorRefs.Nobody;
    }

    /// <summary>Runs deliveries up to virtual time <paramref name="ns"/>; false once a violation has stopped the run.</summary>
    public bool RunUntil(long ns) => Guard(() => Driver.RunUntil(ns));

    /// <summary>Samples how much of each reserved area holds useful data (outside any handler).</summary>
    public void SampleAreas() => Recorders.SampleAreas(Machine);

    /// <summary>Samples the memory timeline and takes a /proc snapshot when one is due (outside any handler).</summary>
    public void Sample()
    {
        var now = Driver.NowNs;
        Timeline.Sample(now);
        Snapshots.TakeIfDue(now);
    }

    /// <summary>Walks every invariant now; false on a violation.</summary>
    public bool CheckAll() => Guard(() => Checker.CheckAll(Driver.Steps, Driver.NowNs));

    /// <summary>The result as things stand (the final /proc snapshot and the trace are taken now).</summary>
    public RunOutcome Outcome()
    {
        var totals = new RunTotals(Driver.NowNs, Driver.Steps, Checker.Checks, Checker.FullChecks);
        Snapshots.TakeFinal(Driver.NowNs);
        var diagnostics = DiagnosticsBuilder.Build(Mailboxes, Machine.Placement, Runtime.NameOf, Timeline, Snapshots, Machine);
        var result = RunResultBuilder.Build(Machine, Recorders, Locks?.Locks ?? [], totals, _violation, diagnostics);
        return new RunOutcome(result, Machine) { Trace = Trace?.Finish(Driver.Steps, Driver.NowNs) };
    }

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

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
}
