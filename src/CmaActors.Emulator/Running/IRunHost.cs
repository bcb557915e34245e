using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>
/// One emulated machine under a host, as a run sees it in either mode: <see cref="SimulationSession"/> (the seeded
/// driver, virtual time) and <see cref="ParallelSession"/> (Akka.NET's dispatcher, wall time) implement it, and
/// <see cref="ScenarioRun"/> drives either the same way, so both modes check, sample and write the same things.
/// </summary>
public interface IRunHost : IDisposable
{
    /// <summary>The scenario, with the seed actually used.</summary>
    Scenario Scenario { get; }

    /// <summary>The machine's state; read it only while the host is held still (<see cref="Hold"/>).</summary>
    EmulatedMachine Machine { get; }

    /// <summary>Where the run's results are collected.</summary>
    RunRecord Record { get; }

    /// <summary>Run time, ns: virtual in simulation, wall time since the host started in parallel mode.</summary>
    long NowNs { get; }

    /// <summary>Deliveries so far.</summary>
    long Deliveries { get; }

    /// <summary>
    /// True when the machine stands still whenever <see cref="RunUntil"/> has returned (simulation), so it may be sampled
    /// at every slice; false when it runs on by itself and must be held still first (parallel).
    /// </summary>
    bool StillBetweenRuns { get; }

    /// <summary>The violation that stopped the run, if any.</summary>
    ViolationReport? Violation { get; }

    /// <summary>Adds an observer of every delivery (before <see cref="Start"/>). In parallel mode it is called from many threads.</summary>
    void AddObserver(IDeliveryObserver observer);

    /// <summary>Creates the machine's actors.</summary>
    void Start();

    /// <summary>
    /// Lets run time reach <paramref name="ns"/>: the simulation runs the deliveries up to it, the parallel host waits in
    /// wall time. False once a violation has stopped the run.
    /// </summary>
    bool RunUntil(long ns);

    /// <summary>
    /// Holds the machine still until the returned handle is disposed: nothing to do in simulation; in parallel mode the
    /// load stops, every mailbox drains and every handler is held back, and the load goes on afterwards.
    /// </summary>
    IDisposable Hold();

    /// <summary>Walks every invariant (while held still); false on a violation.</summary>
    bool CheckAll();

    /// <summary>The report line of what happened since the previous one, or null when the host keeps none (simulation).</summary>
    IntervalReport? CloseInterval();

    /// <summary>The result as things stand (while held still).</summary>
    RunOutcome Outcome();
}
