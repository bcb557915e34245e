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
/// lock statistics and the recent-events ring observing every delivery. Invariants are walked at quiescence only: the
/// load injectors stop, the mailboxes drain, every handler is held back, and the checker walks everything.
/// <see cref="ParallelRunner"/> drives it; tests may drive it themselves.
/// </summary>
public sealed class ParallelSession : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ParallelHost _host;
    private readonly List<QuiescenceCheck> _checks = [];
    private readonly TimeSpan _drainTimeout;
    private ViolationReport? _violation;

    private ParallelSession(Scenario scenario)
    {
        Scenario = scenario;
        Machine = MachineBuilder.Build(scenario);
        // The touched log is one list for the whole machine; in parallel mode only full walks check.
        Machine.Frames.TouchTracking = false;
        _drainTimeout = TimeSpan.FromSeconds(scenario.Parallel.DrainTimeoutSeconds);
        _host = ParallelHost.Create(new ParallelSettings(scenario.Parallel.Spend, scenario.Parallel.Threads));
        Checker = new InvariantChecker(Machine, scenario.Invariants);
        Recent = new RecentEvents(scenario.Invariants.LastEvents, _host.Runtime);
        Locks = new LockStatsObserver(Machine.Placement);
        _host.AddObserver(Recent);
        _host.AddObserver(Locks);
    }

    /// <summary>The scenario, with the seed actually used.</summary>
    public Scenario Scenario { get; }

    /// <summary>The machine's state; read it only at a quiescent cut.</summary>
    public EmulatedMachine Machine { get; }

    /// <summary>The Akka host.</summary>
    public ParallelHost Host => _host;

    /// <summary>The invariant checker (full walks only).</summary>
    public InvariantChecker Checker { get; }

    /// <summary>The last deliveries, for reports.</summary>
    public RecentEvents Recent { get; }

    /// <summary>Lock statistics of lock-like actors.</summary>
    public LockStatsObserver Locks { get; }

    /// <summary>Latency recorders of the workloads.</summary>
    public RunRecorders Recorders { get; } = new();

    /// <summary>Run time: wall ns since the host started.</summary>
    public long NowNs => _host.Clock.NowNs;

    /// <summary>The machine actor, the root of the emulator's actors, once started.</summary>
    public IActorRef? MachineRef { get; private set; }

    /// <summary>The violation that stopped the run, if any.</summary>
    public ViolationReport? Violation => _violation;

    /// <summary>Every check made so far.</summary>
    public IReadOnlyList<QuiescenceCheck> Checks => _checks;

    /// <summary>Boots a session for <paramref name="scenario"/> (its seed replaced by <paramref name="seed"/> when given).</summary>
    public static ParallelSession Create(Scenario scenario, int? seed = null) =>
        new(seed is { } s ? scenario with { Seed = s } : scenario);

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

    /// <summary>Tells every load injector to stop injecting (requests in service finish).</summary>
    public void StopLoad() => TellInjectors(Protocol.Load.PauseLoad.Instance);

    /// <summary>Tells every load injector to go on.</summary>
    public void ResumeLoad() => TellInjectors(Protocol.Load.ResumeLoad.Instance);

    /// <summary>
    /// Stops the load, waits for the mailboxes to drain, holds every handler back and walks every invariant; then lets
    /// the handlers and the load go on (unless a violation stopped the run). False on a violation.
    /// </summary>
    public bool CheckAtQuiescence()
    {
        using (HoldAndCheck())
        {
        }

        if (_violation is not null)
            return false;
        ResumeLoad();
        return true;
    }

    /// <summary>
    /// Stops the load, waits for the mailboxes to drain and holds every handler back; walks every invariant there unless
    /// a violation already stopped the run. Handlers stay held until the returned cut is disposed; the load stays
    /// stopped until <see cref="ResumeLoad"/>.
    /// </summary>
    public QuiescentCut HoldAndCheck()
    {
        ThrowIfFailed();
        StopLoad();
        var cut = _host.Quiesce(_drainTimeout);
        try
        {
            ThrowIfFailed();
            if (_violation is null)
            {
                var atNs = NowNs;
                var held = Guard(() => Checker.CheckAll(_host.Deliveries, atNs));
                Recorders.SampleAreas(Machine);
                _checks.Add(new QuiescenceCheck(Math.Round(atNs / 1e9, 3), held, cut.Drained, Math.Round(cut.Waited.TotalMilliseconds, 2),
                    cut.Depths.Queued));
            }

            return cut;
        }
        catch
        {
            cut.Dispose();
            throw;
        }
    }

    /// <summary>The result as things stand; build it while a cut holds the handlers back.</summary>
    public RunOutcome Outcome(IReadOnlyList<IntervalReport> intervals)
    {
        var endNs = NowNs;
        var deliveries = _host.Deliveries;
        var totals = new RunTotals(endNs, deliveries, Checker.Checks, Checker.FullChecks);
        var result = RunResultBuilder.Build(Machine, Recorders, Locks.Locks, totals, _violation) with
        {
            Parallel = new ParallelRunResult
            {
                ProcessorCount = Environment.ProcessorCount,
                Threads = Scenario.Parallel.Threads,
                Spend = Scenario.Parallel.Spend.ToString().ToLowerInvariant(),
                WallSeconds = Math.Round(endNs / 1e9, 3),
                DeliveriesPerSecond = Math.Round(deliveries / Math.Max(endNs / 1e9, 1e-9), 1),
                Checks = _checks.ToList(),
                Intervals = intervals,
            },
        };
        return new RunOutcome(result, Machine);
    }

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();

    private void TellInjectors(object message)
    {
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
}
