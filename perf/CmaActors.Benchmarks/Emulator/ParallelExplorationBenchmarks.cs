using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Schedules per second of <c>cma-actors explore --workers N</c> on race-contig with random schedules: N threads, each
/// with a target (and actor system) of its own, take the next seed when free. One operation is one schedule; an
/// invocation explores the same <see cref="Schedules"/> seeds every time. The targets stay open across invocations,
/// as they do across the schedules of one command.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 15, iterationCount: 10, invocationCount: 1)]
[MemoryDiagnoser]
public class ParallelExplorationBenchmarks
{
    /// <summary>Schedules per invocation (seeds 0 .. Schedules − 1).</summary>
    public const int Schedules = 400;

    private List<ScenarioScheduleTarget> _targets = null!;
    private ExplorationOptions _options = null!;

    /// <summary>Threads exploring at once.</summary>
    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = BuiltInScenarios.Load("race-contig");
        _targets = Enumerable.Range(0, Workers).Select(_ => new ScenarioScheduleTarget(scenario)).ToList();
        _options = new ExplorationOptions { Strategy = ScheduleStrategyKind.Random, Schedules = Schedules };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var target in _targets)
            target.Dispose();
    }

    /// <summary>Explores the batch (race-contig runs without bugs, so every schedule runs).</summary>
    [Benchmark(OperationsPerInvoke = Schedules)]
    public long Explore() => ScheduleExplorer.Explore(_targets, _options).Steps;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.Median);
            AddColumn(new SchedulesPerSecondColumn());
            AddColumn(new MedianSchedulesPerSecondColumn());
        }
    }
}
