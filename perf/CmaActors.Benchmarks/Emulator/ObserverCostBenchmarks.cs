using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Stats;
using CmaActors.Emulator.Tracing;
using CmaActors.Runtime;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// The cost of the diagnostic observers alone, per delivery: the sends and deliveries of a real run (the default
/// scenario cut to 8 s of virtual time, seed 7) are recorded once, then replayed into fresh observers — none (the
/// replay loop itself), lock statistics with mailbox waits, and those with a trace (capped as by default, or of
/// everything). Short operations repeated many times make this far steadier than timing whole runs on a shared
/// machine; <see cref="DiagnosticsOverheadBenchmarks"/> times the whole runs.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ObserverCostBenchmarks
{
    /// <summary>Observers fed with the recorded events.</summary>
    public enum Observers
    {
        /// <summary>The replay loop alone.</summary>
        None,

        /// <summary>LockStatsObserver and MailboxWaitObserver.</summary>
        Stats,

        /// <summary>Stats and a TraceRecorder capped at the default event count.</summary>
        StatsAndTrace,

        /// <summary>Stats and a TraceRecorder that keeps every event.</summary>
        StatsAndFullTrace,

        /// <summary>What a default <c>run --out</c> attaches besides the invariant checker: the last events kept for a
        /// violation report and <see cref="RunRecord.Observers"/> of the default diagnostics with a default trace
        /// (lock statistics, mailbox waits, trace.json and its ftrace recorder, capped at the default event count).</summary>
        RunOut,
    }

    private static readonly Lazy<Recording> Recorded = new(Recording.Make);

    /// <summary>Which observers.</summary>
    [Params(Observers.None, Observers.Stats, Observers.StatsAndTrace, Observers.StatsAndFullTrace, Observers.RunOut)]
    public Observers Fed { get; set; }

    [GlobalSetup]
    public void Setup() => _ = Recorded.Value;

    [Benchmark]
    public long Replay()
    {
        var recording = Recorded.Value;
        var run = recording.Run;
        var observers = Fed switch
        {
            Observers.None => [],
            Observers.Stats => Stats(run),
            Observers.StatsAndTrace => [.. Stats(run), new TraceRecorder(run.Session.Machine, run.Session.Runtime, new TraceSettings())],
            Observers.RunOut => RunOut(run),
            _ => [.. Stats(run), new TraceRecorder(run.Session.Machine, run.Session.Runtime, new TraceSettings { FromNs = 0, MaxEvents = int.MaxValue })],
        };
        var deliveries = 0L;
        foreach (var e in recording.Events)
        {
            switch (e.Kind)
            {
                case EventKind.Send:
                    foreach (var o in observers)
                        o.OnSend(in recording.Sends[e.Index]);
                    break;
                case EventKind.Start:
                    foreach (var o in observers)
                        o.OnDeliveryStart(in recording.Deliveries[e.Index]);
                    deliveries++;
                    break;
                default:
                    foreach (var o in observers)
                        o.OnDeliveryEnd(in recording.Deliveries[e.Index], recording.EndsNs[e.Index]);
                    break;
            }
        }

        return deliveries;
    }

    private static IDeliveryObserver[] Stats(ScenarioRun run) =>
        [new LockStatsObserver(run.Session.Machine), new MailboxWaitObserver()];

    private static IDeliveryObserver[] RunOut(ScenarioRun run)
    {
        var session = run.Session;
        var record = new RunRecord(session.Machine, session.Runtime, DiagnosticsOptions.Default with { Trace = new TraceSettings() });
        return [new RecentEvents(session.Scenario.Invariants.LastEvents, session.Runtime), .. record.Observers(concurrent: false)];
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new NanosecondsPerDeliveryColumn());
    }

    /// <summary>Mean time per replayed delivery.</summary>
    private sealed class NanosecondsPerDeliveryColumn() : ComputedColumn("ns/delivery", "Mean time of a replay divided by its deliveries")
    {
        private static long? _deliveries;

        protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics)
        {
            // The benchmark ran in a child process; record the (deterministic) run here for its count.
            _deliveries ??= Recorded.Value.Deliveries.Length;
            return (statistics.Mean / _deliveries.Value).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private enum EventKind : byte
    {
        Send,
        Start,
        End,
    }

    private readonly record struct Event(EventKind Kind, int Index);

    /// <summary>Every send and delivery of one run, in the order the driver reported them; the run stays open for its machine.</summary>
    private sealed class Recording : IDeliveryObserver
    {
        private readonly List<Event> _events = [];
        private readonly List<SendEvent> _sends = [];
        private readonly List<DeliveryEvent> _deliveries = [];
        private readonly List<long> _ends = [];

        public ScenarioRun Run { get; private set; } = null!;
        public Event[] Events { get; private set; } = [];
        public SendEvent[] Sends { get; private set; } = [];
        public DeliveryEvent[] Deliveries { get; private set; } = [];
        public long[] EndsNs { get; private set; } = [];

        public static Recording Make()
        {
            var builtIn = BuiltInScenarios.Load("default");
            var scenario = builtIn with { DurationSeconds = 8, Invariants = builtIn.Invariants with { EveryDelivery = false } };
            var recording = new Recording();
            var run = ScenarioRun.Create(scenario, new RunOptions { Seed = 7, Diagnostics = DiagnosticsOptions.Default with { LockStatistics = false } });
            run.Session.Driver.AddObserver(recording);
            run.Start();
            run.RunToEnd();
            recording.Run = run;
            recording.Events = [.. recording._events];
            recording.Sends = [.. recording._sends];
            recording.Deliveries = [.. recording._deliveries];
            recording.EndsNs = [.. recording._ends];
            return recording;
        }

        public void OnSend(in SendEvent e)
        {
            _events.Add(new Event(EventKind.Send, _sends.Count));
            _sends.Add(e);
        }

        public void OnDeliveryStart(in DeliveryEvent e)
        {
            _events.Add(new Event(EventKind.Start, _deliveries.Count));
            _deliveries.Add(e);
            _ends.Add(e.StartNs);
        }

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
            _events.Add(new Event(EventKind.End, _deliveries.Count - 1));
            _ends[^1] = endNs;
        }
    }
}
