using CmaActors.Emulator.Results;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Sweeps;

namespace CmaActors.Emulator.Tests.Sweeps;

public sealed class SweepMergeTests
{
    private const string Small = """
        { "name": "merge", "durationSeconds": 1, "machine": { "cpus": 2, "memoryMiB": 32 }, "cmaAreas": [ { "name": "reserved", "sizeMiB": 8 } ] }
        """;

    private static SweepPlan Plan(int seeds = 6) =>
        SweepPlan.Create(Small, "merge", [new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=31,63,127"))], 0, seeds - 1,
            ScenarioOverrides.ParseList("policy.pcpBatch=63"));

    /// <summary>A synthetic line: latency grows with the design, and each seed adds the same offset to every design.</summary>
    private static SweepRunLine Line(SweepPlan plan, int design, int seed, string? violation = null) => new()
    {
        Design = design,
        Seed = seed,
        ScenarioHash = plan.Designs[design].ScenarioHash,
        VirtualSeconds = 1,
        Deliveries = 1000 + seed,
        Violation = violation,
        Values =
        [
            new SweepValue("cma_alloc_mean_ms", "reserved", 64, 1.0 + design * 0.1 + seed * 0.5 + (seed % 2) * 0.01),
            new SweepValue("cma_alloc_failures", "reserved", null, seed % 3),
            new SweepValue("background_ops_per_s", null, null, 1000),
        ],
        Cdfs = [new SweepCdf("reserved", 64, 2, [new CdfPoint(1 + design, 0.5), new CdfPoint(2 + design + seed, 1)])],
    };

    [Fact]
    public void Plan_is_the_cartesian_product_with_the_first_knob_slowest()
    {
        var plan = SweepPlan.Create(Small, "merge",
        [
            new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=31,63")),
            new SweepKnob("policy.drain", ScenarioOverrides.ParseList("policy.drain=allCpus,cpusWithPages")),
        ], 0, 3, ScenarioOverrides.ParseList("policy.drain=cpusWithPages"));
        Assert.Equal(4, plan.Designs.Count);
        Assert.Equal(16, plan.RunCount);
        Assert.Equal("policy.pcpBatch=31, policy.drain=allCpus", plan.Designs[0].Label);
        Assert.Equal("policy.pcpBatch=63, policy.drain=cpusWithPages", plan.Designs[3].Label);
        Assert.Equal(1, plan.Baseline);
        Assert.Equal(4, plan.Designs.Select(d => d.ScenarioHash).Distinct().Count());

        // "allCpus" and allCpus are the same value: one scenario twice is refused.
        var twice = Assert.Throws<ScenarioException>(() => SweepPlan.Create(Small, "merge",
            [new SweepKnob("policy.drain", ScenarioOverrides.ParseList("policy.drain=allCpus,\"allCpus\""))], 0, 1));
        Assert.Contains("are the same scenario", twice.Errors[0].Problem);
    }

    [Fact]
    public void A_bad_design_stops_the_plan_before_any_run()
    {
        var e = Assert.Throws<ScenarioException>(() => SweepPlan.Create(Small, "merge",
            [new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=63,-1"))], 0, 1));
        Assert.Equal("$.policy.pcpBatch", e.Errors[0].JsonPath);
        var baseline = Assert.Throws<ScenarioException>(() => SweepPlan.Create(Small, "merge",
            [new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=63,127"))], 0, 1, ScenarioOverrides.ParseList("policy.pcpBatch=5")));
        Assert.Contains("not one of the knob's values", baseline.Errors[0].Problem);
        var twice = Assert.Throws<ScenarioException>(() => SweepPlan.Create(Small, "merge",
        [
            new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=63")),
            new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=127")),
        ], 0, 1));
        Assert.Contains("set twice", twice.Errors[0].Problem);
        var parallel = Assert.Throws<ScenarioException>(() => SweepPlan.Create(Small, "merge",
            [new SweepKnob("mode", ScenarioOverrides.ParseList("mode=parallel"))], 0, 1));
        Assert.Equal("$.mode", parallel.Errors[0].JsonPath);
        Assert.Contains("simulation mode only", parallel.Errors[0].Problem);
    }

    [Fact]
    public void Merge_does_not_depend_on_the_order_of_the_lines_nor_on_repeats_nor_on_other_sweeps()
    {
        var plan = Plan();
        var lines = plan.Designs.SelectMany(d => plan.Seeds.Select(s => Line(plan, d.Index, s))).ToList();
        var reference = ResultsJson.Serialize(SweepMerge.Merge(plan, lines));

        var shuffled = lines.OrderBy(l => (l.Seed * 7 + l.Design * 3) % 5).ThenByDescending(l => l.Seed).ToList();
        var other = SweepPlan.Create(Small.Replace("\"merge\"", "\"other\""), "other",
            [new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=31"))], 0, 5);
        var foreign = Line(other, 0, 2) with { Design = 1 };
        var noisy = shuffled.Concat([lines[3], foreign, Line(plan, 0, 99)]).Select(l => l.ToJson()).Append("{\"version\":1,\"desi").ToList();
        Assert.Equal(reference, ResultsJson.Serialize(SweepMerge.Merge(plan, noisy)));
    }

    [Fact]
    public void Merge_gives_intervals_paired_differences_and_a_holm_correction()
    {
        var plan = Plan();
        var lines = plan.Designs.SelectMany(d => plan.Seeds.Select(s => Line(plan, d.Index, s))).ToList();
        var report = SweepMerge.Merge(plan, lines);
        Assert.Equal(1, report.Baseline);
        var latency = report.Metrics.Single(m => m.Metric == "cma_alloc_mean_ms");
        Assert.Equal(3, latency.Estimates.Count);
        // Across seeds the spread is wide (the seed offset) ...
        var baseline = latency.Estimates.Single(e => e.Design == 1);
        Assert.True(baseline.High - baseline.Low > 1);
        // ... but paired by seed the difference is 0.1 per design step, almost exactly.
        var up = latency.Differences.Single(c => c.Design == 2);
        Assert.Equal(0.1, up.MeanDifference, 9);
        Assert.True(up.Significant);
        Assert.Equal(0.1 / (1.1 + 1.25 + 0.005), up.Relative!.Value, 6);
        var down = latency.Differences.Single(c => c.Design == 0);
        Assert.Equal(-0.1, down.MeanDifference, 9);
        // The failures and throughput are the same for every design: no test, so the correction counts two tests.
        Assert.All(report.Metrics.Where(m => m.Metric != "cma_alloc_mean_ms").SelectMany(m => m.Differences), c => Assert.Null(c.P));
        Assert.Equal(2, report.Comparisons);
        Assert.Equal(2, up.SeedsNeeded.Count);
    }

    [Fact]
    public void Runs_that_broke_an_invariant_are_listed_and_left_out()
    {
        var plan = Plan();
        var lines = plan.Designs.SelectMany(d => plan.Seeds.Select(s => Line(plan, d.Index, s, d.Index == 2 && s == 4 ? "pcp-count at step 9" : null)));
        var report = SweepMerge.Merge(plan, lines);
        Assert.Equal([4], report.Designs[2].ViolatedSeeds);
        Assert.Equal(6, report.Designs[2].Runs);
        Assert.Equal(5, report.Metrics[0].Estimates.Single(e => e.Design == 2).N);
        Assert.Equal(5, report.Metrics[0].Differences.Single(c => c.Design == 2).N);
    }

    [Fact]
    public void Pooled_cdfs_weight_each_step_by_its_calls()
    {
        var plan = Plan(seeds: 2);
        var report = SweepMerge.Merge(plan, plan.Designs.SelectMany(d => plan.Seeds.Select(s => Line(plan, d.Index, s))));
        var cdf = Assert.Single(report.Designs[0].Cdfs);
        Assert.Equal(4, cdf.Calls);
        // Seed 0: 1 ms and 2 ms; seed 1: 1 ms and 3 ms.
        Assert.Equal([new CdfPoint(1, 0.5), new CdfPoint(2, 0.75), new CdfPoint(3, 1)], cdf.Points);
    }
}
