using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Invariants;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Audit;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Frames;
using CmaActors.Runtime;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// The per-delivery invariant check alone: the deliveries of a real run (the default scenario cut to
/// 8 s of virtual time, seed 7) are recorded once with the frame ranges each one touched; each replay marks those
/// ranges touched again on the run's final machine and hands the delivery's end to a fresh checker (per-delivery
/// check on, full walks off). <see cref="Checked"/> false is the replay loop alone (marking and clearing the
/// touched log), the baseline to subtract. The final machine holds every invariant, so every check runs to the end.
/// The checker recounts a zone's free counters only after a delivery that changed its free lists or counters; the
/// final machine never changes, so <see cref="Replay"/> holds the frame walks and <see cref="FreeCounterRecounts"/>
/// the recounts the recorded run made (one per delivery that changed a zone, as the set-up line counts).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class InvariantCheckerBenchmarks
{
    private static readonly Lazy<TouchedRecording> Recorded = new(TouchedRecording.Make);

    /// <summary>Whether the checker sees the deliveries (false: the replay loop alone).</summary>
    [Params(false, true)]
    public bool Checked { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var recording = Recorded.Value;
        long frames = 0, whole = 0;
        var frameCount = recording.Run.Session.Machine.Frames.FrameCount;
        for (var i = 0; i < recording.Deliveries.Length; i++)
            for (var r = recording.RangeStarts[i]; r < recording.RangeStarts[i + 1]; r++)
            {
                frames += recording.Ranges[r].Count;
                if (recording.Ranges[r].Count == frameCount)
                    whole++;
            }

        Console.WriteLine($"// {recording.Deliveries.Length} deliveries, {recording.Ranges.Length} touched ranges, {frames} touched frames " +
                          $"({(double)frames / recording.Deliveries.Length:F1} per delivery), {whole} deliveries touched every frame, " +
                          $"{recording.ZoneRecounts} zone free-counter recounts ({(double)recording.ZoneRecounts / recording.Deliveries.Length:P1} of deliveries)");
    }

    [Benchmark]
    public long Replay()
    {
        var recording = Recorded.Value;
        var machine = recording.Run.Session.Machine;
        var frames = machine.Frames;
        var checker = Checked ? new InvariantChecker(machine, new InvariantSpec { EveryDelivery = true, FullCheckEvery = 0 }) : null;
        var ranges = recording.Ranges;
        for (var i = 0; i < recording.Deliveries.Length; i++)
        {
            frames.ClearTouched();
            for (var r = recording.RangeStarts[i]; r < recording.RangeStarts[i + 1]; r++)
                frames.Touch(ranges[r].Start, ranges[r].Count);
            checker?.OnDeliveryEnd(in recording.Deliveries[i], recording.EndsNs[i]);
        }

        frames.ClearTouched();
        return recording.Deliveries.Length;
    }

    /// <summary>The free-counter recounts of the recorded run (the baseline runs none).</summary>
    [Benchmark]
    public long FreeCounterRecounts()
    {
        var recording = Recorded.Value;
        if (!Checked)
            return 0;
        var zones = recording.Run.Session.Machine.Zones;
        var violations = new List<AuditViolation>();
        for (var i = 0; i < recording.ZoneRecounts; i++)
            ZoneAudit.AuditFreeCounters(zones[i % zones.Count], violations, maxViolations: 1);
        return violations.Count;
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

    /// <summary>Every delivery of one run with the frame ranges it touched; the run stays open for its machine.</summary>
    private sealed class TouchedRecording : IDeliveryObserver
    {
        private readonly List<DeliveryEvent> _deliveries = [];
        private readonly List<long> _ends = [];
        private readonly List<PfnRange> _ranges = [];
        private readonly List<int> _rangeStarts = [0];
        private PageFrameTable _frames = null!;
        private long[] _zoneChanges = [];
        private IReadOnlyList<Zone> _zones = [];

        public ScenarioRun Run { get; private set; } = null!;
        public DeliveryEvent[] Deliveries { get; private set; } = [];
        public long[] EndsNs { get; private set; } = [];
        public PfnRange[] Ranges { get; private set; } = [];

        /// <summary>Zone free-counter recounts in the run: for every delivery, the zones whose lists or counters it changed.</summary>
        public long ZoneRecounts { get; private set; }

        /// <summary>Delivery i touched Ranges[RangeStarts[i] .. RangeStarts[i + 1]).</summary>
        public int[] RangeStarts { get; private set; } = [];

        public static TouchedRecording Make()
        {
            var builtIn = BuiltInScenarios.Load("default");
            var scenario = builtIn with { DurationSeconds = 8, Invariants = builtIn.Invariants with { EveryDelivery = false } };
            var recording = new TouchedRecording();
            var run = ScenarioRun.Create(scenario, new RunOptions { Seed = 7, Diagnostics = DiagnosticsOptions.Default with { LockStatistics = false } });
            recording._frames = run.Session.Machine.Frames;
            recording._zones = run.Session.Machine.Zones;
            recording._zoneChanges = [.. recording._zones.Select(z => z.Changes)];
            // First: the session's checker clears the touched log when it sees a delivery end.
            run.Session.Driver.AddObserverFirst(recording);
            run.Start();
            run.RunToEnd();
            recording.Run = run;
            recording.Deliveries = [.. recording._deliveries];
            recording.EndsNs = [.. recording._ends];
            recording.Ranges = [.. recording._ranges];
            recording.RangeStarts = [.. recording._rangeStarts];
            return recording;
        }

        public void OnSend(in SendEvent e)
        {
        }

        public void OnDeliveryStart(in DeliveryEvent e)
        {
        }

        public void OnDeliveryEnd(in DeliveryEvent e, long endNs)
        {
            _deliveries.Add(e);
            _ends.Add(endNs);
            foreach (var range in _frames.TouchedRanges)
                _ranges.Add(range);
            _rangeStarts.Add(_ranges.Count);
            for (var z = 0; z < _zones.Count; z++)
            {
                if (_zones[z].Changes == _zoneChanges[z])
                    continue;
                _zoneChanges[z] = _zones[z].Changes;
                ZoneRecounts++;
            }
        }
    }
}
