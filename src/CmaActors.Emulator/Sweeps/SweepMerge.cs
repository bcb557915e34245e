using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Sweeps;

/// <summary>
/// Turns run lines into a <see cref="SweepReport"/>. Lines are matched to designs by their scenario hash (a line of
/// another sweep is ignored), a (design, seed) seen twice counts once, and everything is ordered by design, metric
/// and seed before any statistic is computed, so the report does not depend on the order the lines came in.
/// </summary>
public static class SweepMerge
{
    /// <summary>Relative differences the seed guidance is given for: 5% and 10% of the baseline's mean.</summary>
    public static IReadOnlyList<double> GuidanceDifferences { get; } = [0.05, 0.10];

    /// <summary>The report of <paramref name="plan"/> from <paramref name="lines"/> (JSON text; unreadable ones are skipped).</summary>
    public static SweepReport Merge(SweepPlan plan, IEnumerable<string> lines) =>
        Merge(plan, lines.Select(SweepRunLine.TryParse).OfType<SweepRunLine>());

    /// <summary>The report of <paramref name="plan"/> from <paramref name="lines"/>.</summary>
    public static SweepReport Merge(SweepPlan plan, IEnumerable<SweepRunLine> lines)
    {
        var seeds = plan.Seeds.ToHashSet();
        var byDesign = plan.Designs.ToDictionary(d => d.ScenarioHash, d => d.Index, StringComparer.Ordinal);
        // design -> seed -> line; the first line of a (design, seed) pair in (hash, seed, text) order wins.
        var runs = plan.Designs.Select(_ => new SortedDictionary<int, SweepRunLine>()).ToList();
        foreach (var line in lines.Where(l => byDesign.ContainsKey(l.ScenarioHash) && seeds.Contains(l.Seed))
                     .OrderBy(l => l.ScenarioHash, StringComparer.Ordinal).ThenBy(l => l.Seed).ThenBy(l => l.ToJson(), StringComparer.Ordinal))
            runs[byDesign[line.ScenarioHash]].TryAdd(line.Seed, line);

        var clean = runs.Select(r => r.Values.Where(l => l.Violation is null).ToList()).ToList();
        var keys = clean.SelectMany(r => r).SelectMany(l => l.Values).Select(v => (v.Metric, v.Subject, v.Pages)).Distinct()
            .OrderBy(k => SweepMetrics.Order(k.Metric)).ThenBy(k => k.Subject ?? "", StringComparer.Ordinal).ThenBy(k => k.Pages ?? -1)
            .ToList();

        var metrics = new List<SweepMetricResult>();
        var tests = new List<(int Metric, int Slot, double P)>();
        foreach (var key in keys)
        {
            var perDesign = clean.Select(r => r
                    .Select(l => (l.Seed, Value: l.Values.FirstOrDefault(v => v.Metric == key.Metric && v.Subject == key.Subject && v.Pages == key.Pages)))
                    .Where(x => x.Value is not null)
                    .ToDictionary(x => x.Seed, x => x.Value!.Value))
                .ToList();
            var estimates = perDesign.Select((values, d) => (values, d)).Where(x => x.values.Count > 0)
                .Select(x =>
                {
                    var e = SweepStatistics.Interval(x.values.OrderBy(p => p.Key).Select(p => p.Value).ToList());
                    return new SweepDesignEstimate(x.d, e.N, e.Mean, e.StdDev, e.Low, e.High);
                })
                .ToList();

            var differences = new List<SweepComparison>();
            var baseline = perDesign[plan.Baseline];
            foreach (var design in plan.Designs.Where(d => d.Index != plan.Baseline))
            {
                var paired = perDesign[design.Index].Keys.Where(baseline.ContainsKey).Order().ToList();
                if (paired.Count == 0)
                    continue;
                var diff = SweepStatistics.Paired(paired.Select(s => perDesign[design.Index][s]).ToList(), paired.Select(s => baseline[s]).ToList());
                var baseMean = paired.Average(s => baseline[s]);
                double? relative = baseMean == 0 ? null : diff.Mean / baseMean;
                // Guidance needs a spread and a baseline to take a share of; without them it says nothing.
                IReadOnlyList<int?> needed = diff.StdDev is { } sd && baseMean != 0 && (sd > 0 || diff.Mean != 0)
                    ? GuidanceDifferences.Select(r => SweepStatistics.SeedsNeeded(sd, r * baseMean)).ToList()
                    : [];
                if (diff.P is { } p)
                    tests.Add((metrics.Count, differences.Count, p));
                differences.Add(new SweepComparison(design.Index, diff.N, diff.Mean, diff.Low, diff.High, relative, diff.P, null, false, needed));
            }

            metrics.Add(new SweepMetricResult(key.Metric, key.Subject, key.Pages, SweepMetrics.Describe(key.Metric, key.Subject, key.Pages))
            {
                Estimates = estimates,
                Differences = differences,
            });
        }

        var adjusted = SweepStatistics.Holm(tests.Select(t => t.P).ToList());
        for (var i = 0; i < tests.Count; i++)
        {
            var (m, slot, _) = tests[i];
            var list = metrics[m].Differences.ToList();
            list[slot] = list[slot] with { PHolm = adjusted[i], Significant = adjusted[i] <= SweepStatistics.Alpha };
            metrics[m] = metrics[m] with { Differences = list };
        }

        return new SweepReport
        {
            Scenario = plan.Scenario,
            SeedFrom = plan.SeedFrom,
            SeedTo = plan.SeedTo,
            DurationSeconds = plan.DurationSeconds,
            Baseline = plan.Baseline,
            Comparisons = tests.Count,
            Designs = plan.Designs.Select(d => new SweepDesignSummary(d.Index, d.Label, d.Settings.Select(s => s.Text).ToList(), d.ScenarioHash,
                runs[d.Index].Count, runs[d.Index].Values.Where(l => l.Violation is not null).Select(l => l.Seed).ToList())
            {
                Cdfs = PooledCdfs(clean[d.Index]),
            }).ToList(),
            Metrics = metrics,
        };
    }

    /// <summary>Every seed's CDF of one (area, size) pooled: each step weighted by the calls it stands for.</summary>
    private static List<SweepCdf> PooledCdfs(IReadOnlyList<SweepRunLine> lines) =>
        lines.SelectMany(l => l.Cdfs)
            .GroupBy(c => (c.Area, c.Pages))
            .OrderBy(g => g.Key.Area, StringComparer.Ordinal).ThenBy(g => g.Key.Pages)
            .Select(g =>
            {
                var steps = new List<(double Ms, double Calls)>();
                foreach (var cdf in g)
                {
                    var previous = 0.0;
                    foreach (var p in cdf.Points)
                    {
                        steps.Add((p.Ms, (p.Fraction - previous) * cdf.Calls));
                        previous = p.Fraction;
                    }
                }

                var total = g.Sum(c => c.Calls);
                var points = new List<CdfPoint>();
                var sum = 0.0;
                foreach (var step in steps.GroupBy(s => s.Ms).OrderBy(s => s.Key))
                {
                    sum += step.Sum(s => s.Calls);
                    points.Add(new CdfPoint(step.Key, Math.Round(Math.Min(1, sum / Math.Max(1, total)), 6)));
                }

                return new SweepCdf(g.Key.Area, g.Key.Pages, total, points);
            })
            .ToList();
}
