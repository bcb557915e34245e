using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Sweeps;

/// <summary>
/// The merged result of a sweep (sweep.json): per design and metric an estimate with its 95% interval across seeds,
/// per other design and metric the paired difference with the baseline, and the seeds the observed spread needs.
/// A pure function of the plan and the set of run lines: the order they arrived in, and the number of workers that
/// made them, change nothing.
/// </summary>
public sealed record SweepReport
{
    /// <summary>Layout version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>First seed.</summary>
    public required int SeedFrom { get; init; }

    /// <summary>Last seed (inclusive).</summary>
    public required int SeedTo { get; init; }

    /// <summary>Virtual time of each run, s.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Confidence level of the intervals.</summary>
    public double Confidence { get; init; } = SweepStatistics.Confidence;

    /// <summary>Family-wise significance level, Holm-corrected over <see cref="Comparisons"/> tests.</summary>
    public double Alpha { get; init; } = SweepStatistics.Alpha;

    /// <summary>Power of the seed guidance.</summary>
    public double Power { get; init; } = SweepStatistics.Power;

    /// <summary>Relative differences the seed guidance is given for.</summary>
    public IReadOnlyList<double> GuidanceDifferences { get; init; } = SweepMerge.GuidanceDifferences;

    /// <summary>Index of the baseline design.</summary>
    public required int Baseline { get; init; }

    /// <summary>Tests the correction counts (every design but the baseline × every metric with a p-value).</summary>
    public required int Comparisons { get; init; }

    /// <summary>The designs.</summary>
    public required IReadOnlyList<SweepDesignSummary> Designs { get; init; }

    /// <summary>Every metric measured, in report order.</summary>
    public required IReadOnlyList<SweepMetricResult> Metrics { get; init; }
}

/// <summary>A design: its knob values, its scenario's hash, the runs merged, and the runs an invariant violation left out.</summary>
public sealed record SweepDesignSummary(int Index, string Label, IReadOnlyList<string> Settings, string ScenarioHash, int Runs,
    IReadOnlyList<int> ViolatedSeeds)
{
    /// <summary>Latency CDFs of the design's successful cma_alloc() calls, every seed pooled, by area and request size.</summary>
    public IReadOnlyList<SweepCdf> Cdfs { get; init; } = [];
}

/// <summary>One metric (of one area, lock or request size): per design an estimate, per other design the paired difference.</summary>
public sealed record SweepMetricResult(string Metric, string? Subject, int? Pages, string Label)
{
    /// <summary>Estimates, one per design that measured it.</summary>
    public IReadOnlyList<SweepDesignEstimate> Estimates { get; init; } = [];

    /// <summary>Paired differences with the baseline, one per other design.</summary>
    public IReadOnlyList<SweepComparison> Differences { get; init; } = [];
}

/// <summary>A design's estimate of a metric across seeds.</summary>
public sealed record SweepDesignEstimate(int Design, int N, double Mean, double? StdDev, double? Low, double? High);

/// <summary>
/// Design − baseline, paired by seed: mean difference, its interval, its share of the baseline's mean, the paired
/// t-test's p-value raw and Holm-adjusted, whether it is significant after the correction, and the seeds needed to
/// resolve each of <see cref="SweepReport.GuidanceDifferences"/> at the report's power (null: more than
/// <see cref="SweepStatistics.MaxSeeds"/>; empty when there is no spread or no baseline mean to take a share of).
/// </summary>
public sealed record SweepComparison(int Design, int N, double MeanDifference, double? Low, double? High, double? Relative, double? P,
    double? PHolm, bool Significant, IReadOnlyList<int?> SeedsNeeded);
