using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// Wall time of a whole simulated run of a built-in scenario, with the simulation deliveries per second and the bytes
/// of memory per emulated page frame as extra columns. One operation is one complete run (same seed every time, so
/// every operation does exactly the same work).
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
[MemoryDiagnoser]
public class ScenarioRunBenchmarks
{
    /// <summary>The built-in scenario to run.</summary>
    [Params("default")]
    public string Scenario { get; set; } = "default";

    /// <summary>Check invariants after every delivery (the default) or only in full walks.</summary>
    [Params(true, false)]
    public bool CheckEveryDelivery { get; set; }

    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builtIn = BuiltInScenarios.Load(Scenario);
        _scenario = builtIn with { Invariants = builtIn.Invariants with { EveryDelivery = CheckEveryDelivery } };
    }

    [Benchmark]
    public long Run() => ScenarioRunner.Run(_scenario, new RunOptions { Seed = 7 }).Result.Deliveries;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new FactColumn("Deliveries/s", (deliveries, _, seconds) => (deliveries / seconds).ToString("N0")));
            AddColumn(new FactColumn("Bytes/frame", (_, bytes, _) => bytes.ToString("F1")));
        }
    }

    /// <summary>A column computed from what the run reported and the measured mean time.</summary>
    private sealed class FactColumn(string name, Func<long, double, double, string> format) : ComputedColumn(name, name)
    {
        protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics)
        {
            var scenario = (string)benchmarkCase.Parameters["Scenario"];
            var check = (bool)benchmarkCase.Parameters["CheckEveryDelivery"];
            // The benchmark runs in a child process; repeat the (deterministic) run here for its counts.
            var builtIn = BuiltInScenarios.Load(scenario);
            var facts = ScenarioRunner.Run(builtIn with { Invariants = builtIn.Invariants with { EveryDelivery = check } },
                new RunOptions { Seed = 7 }).Result;
            return format(facts.Deliveries, facts.Machine.BytesPerFrame, statistics.Mean / 1e9);
        }
    }
}
