using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CmaActors.Benchmarks.Columns;
using CmaActors.Emulator.Running;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Tracing;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>
/// What statistics and tracing cost the simulation: one operation is a whole run of the default scenario cut to 8 s of
/// virtual time (seed 7; the drivers start at 2 s), with no delivery observer beyond the invariant checker (None), with
/// lock statistics and mailbox waits (Stats), with those and the default capped trace (StatsAndTrace: here it covers
/// most of the drivers' 6 s), and with a trace of the whole run (StatsAndFullTrace). The memory timeline and /proc
/// snapshots are taken between slices of virtual time, outside the delivery path, in every variant. The machine is
/// shared, so the columns that matter are the minimum and the median: deliveries/s is the run's deliveries over each.
/// </summary>
[Config(typeof(Config))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 20, invocationCount: 1)]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class DiagnosticsOverheadBenchmarks
{
    /// <summary>What the run records.</summary>
    public enum Recording
    {
        /// <summary>No lock statistics, no trace.</summary>
        None,

        /// <summary>Lock statistics and mailbox waits.</summary>
        Stats,

        /// <summary>Stats plus the trace capped at its default event count.</summary>
        StatsAndTrace,

        /// <summary>Stats plus a trace of every delivery of the run.</summary>
        StatsAndFullTrace,
    }

    private const double VirtualSeconds = 8;
    private const int Seed = 7;

    /// <summary>Diagnostics of the run.</summary>
    [Params(Recording.None, Recording.Stats, Recording.StatsAndTrace, Recording.StatsAndFullTrace)]
    public Recording Diagnostics { get; set; }

    /// <summary>Check invariants after every delivery (the default) or only in full walks.</summary>
    [Params(false, true)]
    public bool CheckEveryDelivery { get; set; }

    private Scenario _scenario = null!;
    private RunOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioFor(CheckEveryDelivery);
        _options = new RunOptions { Seed = Seed, Diagnostics = OptionsFor(Diagnostics) };
    }

    [Benchmark]
    public long Run() => ScenarioRunner.Run(_scenario, _options).Result.Deliveries;

    private static Scenario ScenarioFor(bool checkEveryDelivery)
    {
        var builtIn = BuiltInScenarios.Load("default");
        return builtIn with { DurationSeconds = VirtualSeconds, Invariants = builtIn.Invariants with { EveryDelivery = checkEveryDelivery } };
    }

    private static DiagnosticsOptions OptionsFor(Recording recording) => recording switch
    {
        Recording.None => DiagnosticsOptions.Default with { LockStatistics = false },
        Recording.Stats => DiagnosticsOptions.Default,
        Recording.StatsAndTrace => DiagnosticsOptions.Default with { Trace = new TraceSettings() },
        _ => DiagnosticsOptions.Default with { Trace = new TraceSettings { FromNs = 0, MaxEvents = int.MaxValue } },
    };

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new DeliveriesPerSecondColumn("median", s => s.Median), new DeliveriesPerSecondColumn("best", s => s.Min));
    }

    /// <summary>The run's deliveries (the same in every variant: observers do not change the simulation) over a time statistic.</summary>
    private sealed class DeliveriesPerSecondColumn(string statistic, Func<BenchmarkDotNet.Mathematics.Statistics, double> time)
        : ComputedColumn($"Deliveries/s ({statistic})", $"Deliveries of the run divided by its {statistic} wall time")
    {
        private static readonly Dictionary<bool, long> Deliveries = [];

        protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics)
        {
            var check = (bool)benchmarkCase.Parameters["CheckEveryDelivery"];
            if (!Deliveries.TryGetValue(check, out var deliveries))
            {
                // The benchmark ran in a child process; repeat the (deterministic) run here for its count.
                deliveries = ScenarioRunner.Run(ScenarioFor(check), new RunOptions { Seed = Seed, Diagnostics = OptionsFor(Recording.None) })
                    .Result.Deliveries;
                Deliveries.Add(check, deliveries);
            }

            return (deliveries / (time(statistics) / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
