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
/// One emulated machine hosted under the seeded simulation driver, with the invariant checker, lock statistics and
/// the recent-events ring attached. <see cref="ScenarioRunner"/> drives it to the scenario's end; tests drive it
/// step by step and may add actors of their own.
/// </summary>
public sealed class SimulationSession : IDisposable
{
    private readonly SimulationHost _host;
    private ViolationReport? _violation;

    private SimulationSession(Scenario scenario)
    {
        Scenario = scenario;
        Machine = MachineBuilder.Build(scenario);
        var settings = new SimulationSettings(scenario.Seed, new TimedStrategy(scenario.Seed, scenario.Costs.Jitter),
            new MachineLatencyModel(Machine.Placement, scenario.Costs));
        _host = SimulationHost.Create(settings);
        Checker = new InvariantChecker(Machine, scenario.Invariants) { CurrentStep = () => Driver.Steps };
        Recent = new RecentEvents(scenario.Invariants.LastEvents, _host.Runtime);
        Locks = new LockStatsObserver(Machine.Placement);
        Driver.AddObserver(Recent);
        Driver.AddObserver(Locks);
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

    /// <summary>Lock statistics of lock-like actors.</summary>
    public LockStatsObserver Locks { get; }

    /// <summary>Latency recorders of the workloads.</summary>
    public RunRecorders Recorders { get; } = new();

    /// <summary>The machine actor, the root of the emulator's actors, once started.</summary>
    public IActorRef? MachineRef { get; private set; }

    /// <summary>The violation that stopped the run, if any.</summary>
    public ViolationReport? Violation => _violation;

    /// <summary>Boots a session for <paramref name="scenario"/> (its seed replaced by <paramref name="seed"/> when given).</summary>
    public static SimulationSession Create(Scenario scenario, int? seed = null) =>
        new(seed is { } s ? scenario with { Seed = s } : scenario);

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

    /// <summary>Walks every invariant now; false on a violation.</summary>
    public bool CheckAll() => Guard(() => Checker.CheckAll(Driver.Steps, Driver.NowNs));

    /// <summary>The result as things stand.</summary>
    public RunOutcome Outcome()
    {
        var totals = new RunTotals(Driver.NowNs, Driver.Steps, Checker.Checks, Checker.FullChecks);
        return new RunOutcome(RunResultBuilder.Build(Machine, Recorders, Locks.Locks, totals, _violation), Machine);
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
