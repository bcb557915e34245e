using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Schedules per second of exploration (<c>cma-actors explore</c>) on the small race scenarios, on one thread: each
/// schedule boots the machine's actors on the target's reused simulation host, runs to the scenario's end with every
/// invariant checked after every delivery, and walks everything at the end. One operation is one schedule; an
/// invocation runs the same <see cref="Schedules"/> seeds every time, so every invocation does the same work. The
/// warm-up covers a couple of thousand schedules: the JIT needs about that many to finish tiering up the actors' code.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 10, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class ExplorationBenchmarks
{
    /// <summary>Schedules per invocation (seeds 0 .. Schedules − 1).</summary>
    public const int Schedules = 200;

    private ScenarioScheduleTarget _target = null!;
    private ExplorationOptions _options = null!;

    /// <summary>The built-in race scenario explored.</summary>
    [Params("race-contig", "race-isolation")]
    public string Scenario { get; set; } = "race-contig";

    /// <summary>The exploration strategy (PCT at the command's default depth 3, horizon measured as the command does).</summary>
    [Params(ScheduleStrategyKind.Random, ScheduleStrategyKind.Pct)]
    public ScheduleStrategyKind Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _target = new ScenarioScheduleTarget(BuiltInScenarios.Load(Scenario));
        _options = OptionsFor(_target, Strategy);
    }

    [GlobalCleanup]
    public void Cleanup() => _target.Dispose();

    /// <summary>Runs every schedule of the batch, whether or not it finds a violation (the built-in scenarios run without bugs).</summary>
    [Benchmark(OperationsPerInvoke = Schedules)]
    public long Explore() => RunBatch(_target, _options);

    private static ExplorationOptions OptionsFor(ScenarioScheduleTarget target, ScheduleStrategyKind strategy)
    {
        var options = new ExplorationOptions { Strategy = strategy, Depth = 3, Schedules = Schedules };
        return strategy == ScheduleStrategyKind.Pct ? options with { Horizon = ScheduleExplorer.MeasureHorizon(target, 0) } : options;
    }

    private static long RunBatch(ScenarioScheduleTarget target, ExplorationOptions options)
    {
        long deliveries = 0;
        for (var seed = options.SeedStart; seed < options.SeedStart + options.Schedules; seed++)
            deliveries += target.Run(options.SpecFor(seed).CreateStrategy()).Steps;
        return deliveries;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.Median);
            AddColumn(new SchedulesPerSecondColumn());
            AddColumn(new MedianSchedulesPerSecondColumn());
            AddColumn(new DeliveriesPerScheduleColumn());
        }
    }

    /// <summary>Deliveries per schedule, averaged over the batch (re-explored here: the benchmark ran in a child process).</summary>
    private sealed class DeliveriesPerScheduleColumn() : ComputedColumn("Deliveries/schedule", "Deliveries per schedule, averaged over the batch")
    {
        protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics)
        {
            var scenario = (string)benchmarkCase.Parameters["Scenario"];
            var strategy = (ScheduleStrategyKind)benchmarkCase.Parameters["Strategy"];
            using var target = new ScenarioScheduleTarget(BuiltInScenarios.Load(scenario));
            return (RunBatch(target, OptionsFor(target, strategy)) / (double)Schedules).ToString("N0", CultureInfo.InvariantCulture);
        }
    }
}
