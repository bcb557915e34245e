using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Exploration throughput: one operation runs <see cref="Schedules"/> schedules of a small 2-CPU race scenario (the
/// fixed kernel, so no schedule stops early) on one reused simulation host, as <c>cma-actors explore</c> does, cut to
/// <see cref="DurationMs"/> of virtual time. The Schedules/s column is the figure the race finder is judged by; the
/// schedules run one after the other on the benchmark's thread.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 15, iterationCount: 5)]
[MemoryDiagnoser]
public class ExplorationBenchmarks
{
    /// <summary>Schedules per operation.</summary>
    public const int Schedules = 200;

    /// <summary>The built-in race scenario.</summary>
    [Params("race-contig", "race-drain")]
    public string Scenario { get; set; } = "race-contig";

    /// <summary>Virtual time per schedule, ms (the scenarios' own durations are 1 and 2 ms).</summary>
    [Params(0.25, 1.0)]
    public double DurationMs { get; set; }

    /// <summary>random or pct (depth 3).</summary>
    [Params(ScheduleStrategyKind.Random, ScheduleStrategyKind.Pct)]
    public ScheduleStrategyKind Strategy { get; set; }

    private ScenarioScheduleTarget _target = null!;
    private ExplorationOptions _options = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _target = new ScenarioScheduleTarget(BuiltInScenarios.Load(Scenario) with { DurationSeconds = DurationMs / 1e3 });
        _options = new ExplorationOptions { Strategy = Strategy, Depth = 3, Schedules = Schedules };
        // The PCT horizon is measured once, as explore does at the start of an exploration.
        if (Strategy == ScheduleStrategyKind.Pct)
            _options = _options with { Horizon = ScheduleExplorer.MeasureHorizon(_target, 0) };
    }

    [GlobalCleanup]
    public void Cleanup() => _target.Dispose();

    /// <summary>Explores the next <see cref="Schedules"/> seeds; returns the deliveries run.</summary>
    [Benchmark]
    public long Explore()
    {
        var result = ScheduleExplorer.Explore(_target, _options with { SeedStart = Schedules * _round++ % 1_000_000 });
        if (result.Found)
            throw new InvalidOperationException($"the fixed kernel broke an invariant: {result.Outcome!.Failure}");
        return result.Steps;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new SchedulesPerSecondColumn());
    }

    /// <summary>Schedules per second of the measured mean time.</summary>
    private sealed class SchedulesPerSecondColumn : IColumn
    {
        public string Id => "Schedules/s";
        public string ColumnName => "Schedules/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Schedules explored per second";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } stats ? (Schedules / (stats.Mean / 1e9)).ToString("N0") : "-";
    }
}
