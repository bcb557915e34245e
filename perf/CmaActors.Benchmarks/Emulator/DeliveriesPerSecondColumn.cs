using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CmaActors.Benchmarks.Emulator;

/// <summary>Deliveries per second, for benchmarks whose operation is one delivery (1e9 / mean ns).</summary>
public sealed class DeliveriesPerSecondColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(DeliveriesPerSecondColumn);

    /// <inheritdoc />
    public string ColumnName => "Deliveries/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Messages delivered per second (1e9 / mean ns per delivery)";

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats ? (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture) : "-";
}
