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
    private readonly bool _ownsHost;
    private ViolationReport? _violation;

    private SimulationSession(Scenario scenario, ISchedulingStrategy? strategy, SimulationHost? host)
    {
        Scenario = scenario;
        Machine = MachineBuilder.Build(scenario);
        var latency = new MachineLatencyModel(Machine.Placement, scenario.Costs);
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

    /// <summary>The violation that stopped the run, if any.</summary>
    public ViolationReport? Violation => _violation;

    /// <summary>Boots a session for <paramref name="scenario"/> (its seed replaced by <paramref name="seed"/> when given).</summary>
    public static SimulationSession Create(Scenario scenario, int? seed = null) =>
        new(seed is { } s ? scenario with { Seed = s } : scenario, null, null);

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
        return new SimulationSession(scenario, strategy, host);
    }

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
    public void SampleAreas()
    {
        foreach (var area in Machine.Areas)
        {
            if (!Recorders.Utilisation.TryGetValue(area.Name, out var sampler))
                Recorders.Utilisation.Add(area.Name, sampler = new UtilisationSampler());
            sampler.Sample(Machine, area);
        }
    }

    /// <summary>Walks every invariant now; false on a violation.</summary>
    public bool CheckAll() => Guard(() => Checker.CheckAll(Driver.Steps, Driver.NowNs));

    /// <summary>The result as things stand.</summary>
    public RunOutcome Outcome()
    {
        var totals = new RunTotals(Driver.NowNs, Driver.Steps, Checker.Checks, Checker.FullChecks);
        return new RunOutcome(RunResultBuilder.Build(Machine, Recorders, Locks.Locks, totals, _violation), Machine);
    }

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
        catch (Exception e) when (FindViolation(e) is { } found)
        {
            _violation = new ViolationReport(Scenario.Seed, found.Step, found.VirtualTimeNs, found.Violation.Rule, found.Violation.Pfn,
                found.Violation.Detail, Recent.Snapshot().Select(FormatEvent).ToList());
            return false;
        }
    }

    private static InvariantViolationException? FindViolation(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is InvariantViolationException violation)
                return violation;
        return null;
    }

    /// <summary>One line of a violation report's event list.</summary>
    internal static string FormatEvent(RecentEvent e) =>
        $"#{e.Step,-9} {e.VirtualTimeNs / 1e6,12:F6} ms  {e.From} → {e.To}: {MessageText.Of(e.Message)}";
}
