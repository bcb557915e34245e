using CmaActors.Emulator.Machine;
using CmaActors.Emulator.Results;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Tracing;
using CmaActors.Runtime;

namespace CmaActors.Emulator.Running;

/// <summary>
/// The one place a run's results are collected, the same in both modes: what the workloads record
/// (<see cref="Recorders"/>), the delivery observers (lock statistics, mailbox waits, the trace), the samples taken at
/// still points (memory timeline, /proc snapshots, reserved-area use), the quiescence checks and report lines of a
/// parallel run; <see cref="Outcome"/> turns it, with the machine's counters, into the run's result. A new kind of
/// output is added here once and both modes write it.
/// </summary>
public sealed class RunRecord
{
    private readonly EmulatedMachine _machine;
    private readonly EmulatorRuntime _runtime;
    private readonly List<QuiescenceCheck> _checks = [];
    private readonly List<IntervalReport> _intervals = [];

    /// <summary>Creates the recorders <paramref name="diagnostics"/> asks for, for <paramref name="machine"/>'s run.</summary>
    public RunRecord(EmulatedMachine machine, EmulatorRuntime runtime, DiagnosticsOptions diagnostics)
    {
        _machine = machine;
        _runtime = runtime;
        if (diagnostics.LockStatistics)
        {
            Locks = new LockStatsObserver(machine);
            Locks.WatchPcpLocks(runtime);
            Mailboxes = new MailboxWaitObserver();
        }

        var durationNs = (long)(machine.Scenario.DurationSeconds * 1e9);
        Timeline = new MemoryTimeline(machine, Math.Max(1, durationNs / Math.Max(1, diagnostics.MaxPageblockMaps)));
        Snapshots = new ProcSnapshots(machine, diagnostics.SnapshotEveryNs);
        if (diagnostics.Trace is { } trace)
            Trace = new TraceRecorder(machine, runtime, trace);
    }

    /// <summary>Where the workloads record latencies, load requests, background work and GCMA stores.</summary>
    public RunRecorders Recorders { get; } = new();

    /// <summary>Lock statistics of lock-like actors (null when lock statistics are off).</summary>
    public LockStatsObserver? Locks { get; }

    /// <summary>Mailbox wait per actor (null when lock statistics are off).</summary>
    public MailboxWaitObserver? Mailboxes { get; }

    /// <summary>Free pages and pageblock types over time.</summary>
    public MemoryTimeline Timeline { get; }

    /// <summary>/proc/buddyinfo and /proc/pagetypeinfo over time.</summary>
    public ProcSnapshots Snapshots { get; }

    /// <summary>The trace recorder, when a trace was asked for.</summary>
    public TraceRecorder? Trace { get; }

    /// <summary>Invariant walks at quiescence (parallel mode).</summary>
    public IReadOnlyList<QuiescenceCheck> Checks => _checks;

    /// <summary>Report lines (parallel mode).</summary>
    public IReadOnlyList<IntervalReport> Intervals => _intervals;

    /// <summary>
    /// The delivery observers to attach, in order. With <paramref name="concurrent"/> (parallel mode: hooks of
    /// different actors run at once) the trace, which keeps one record of all actors, is called under a lock.
    /// </summary>
    public IEnumerable<IDeliveryObserver> Observers(bool concurrent)
    {
        // Lock statistics and mailbox waits guard their own tables; each actor's deliveries never overlap.
        if (Locks is not null)
            yield return Locks;
        if (Mailboxes is not null)
            yield return Mailboxes;
        if (Trace is not null)
            yield return concurrent ? new SerialObserver(Trace) : Trace;
    }

    /// <summary>Samples how much of each reserved area holds useful data (while no handler runs).</summary>
    public void SampleAreas() => Recorders.SampleAreas(_machine);

    /// <summary>Samples the memory timeline and takes a /proc snapshot when one is due (while no handler runs).</summary>
    public void Sample(long nowNs)
    {
        Timeline.Sample(nowNs);
        Snapshots.TakeIfDue(nowNs);
    }

    /// <summary>True when a /proc snapshot is due at <paramref name="nowNs"/>.</summary>
    public bool SnapshotDue(long nowNs) => Snapshots.Due(nowNs);

    /// <summary>Adds a quiescence check.</summary>
    public void Add(QuiescenceCheck check) => _checks.Add(check);

    /// <summary>Adds a report line.</summary>
    public void Add(IntervalReport line) => _intervals.Add(line);

    /// <summary>
    /// The result as things stand (while no handler runs): the final /proc snapshot is taken now and the trace window
    /// closed; <paramref name="parallel"/> is what only a parallel run has.
    /// </summary>
    public RunOutcome Outcome(RunTotals totals, ViolationReport? violation, ParallelRunResult? parallel = null)
    {
        Snapshots.TakeFinal(totals.VirtualTimeNs);
        var diagnostics = DiagnosticsBuilder.Build(Mailboxes, _machine.Placement, _runtime.NameOf, Timeline, Snapshots, _machine);
        var result = RunResultBuilder.Build(_machine, Recorders, Locks?.Locks ?? [], totals, violation, diagnostics);
        if (parallel is not null)
            result = result with { Parallel = parallel };
        return new RunOutcome(result, _machine) { Trace = Trace?.Finish(totals.Deliveries, totals.VirtualTimeNs) };
    }

    /// <summary>An observer whose hooks are called one at a time, whatever the threads calling them.</summary>
    private sealed class SerialObserver(IDeliveryObserver inner) : IDeliveryObserver
    {
        private readonly Lock _gate = new();

        public void OnSend(in SendEvent e)
        {
            lock (_gate)
                inner.OnSend(in e);
        }

        public void OnDeliveryStart(in DeliveryEvent e)
        {
            lock (_gate)
                inner.OnDeliveryStart(in e);
        }

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
            lock (_gate)
                inner.OnDeliveryEnd(in e, endNs);
        }
    }
}
