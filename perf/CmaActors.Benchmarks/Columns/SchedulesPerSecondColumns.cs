using System.Globalization;
using BenchmarkDotNet.Running;

namespace CmaActors.Benchmarks.Columns;

/// <summary>Schedules per second: 1e9 / mean ns per schedule.</summary>
public sealed class SchedulesPerSecondColumn() : ComputedColumn("Schedules/s", "Schedules explored per second (1e9 / mean ns per schedule)")
{
    protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics) =>
        statistics.Mean > 0 ? (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture) : "-";
}

/// <summary>Schedules per second at the median invocation: on a shared machine, less moved by a few slow ones than the mean.</summary>
public sealed class MedianSchedulesPerSecondColumn() : ComputedColumn("Median schedules/s", "Schedules explored per second at the median invocation (1e9 / median ns per schedule)")
{
    protected override string Compute(BenchmarkCase benchmarkCase, BenchmarkDotNet.Mathematics.Statistics statistics) =>
        statistics.Median > 0 ? (1e9 / statistics.Median).ToString("N0", CultureInfo.InvariantCulture) : "-";
}
