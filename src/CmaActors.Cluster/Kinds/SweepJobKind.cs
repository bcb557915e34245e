using CmaActors.Cluster.Jobs;
using CmaActors.Emulator.Sweeps;

namespace CmaActors.Cluster.Kinds;

/// <summary>
/// <c>sweep</c>: one job seed is one (design, seed) run of a sweep, <see cref="SweepRunner.RunOne"/>; its line is the
/// sweep's own JSON line (runs.jsonl), so the merged lines are exactly the lines a one-process sweep writes. The job
/// covers only the runs given to it (a resumed sweep leaves out those already done), as ranges of seeds per design;
/// job seed <c>i</c> is the <c>i</c>-th run of those ranges, in order. No line stops the job: a run that breaks an
/// invariant is recorded and left out of the statistics, as in one process.
/// </summary>
public sealed class SweepJobKind : IJobKind
{
    /// <summary>The kind's name.</summary>
    public const string KindName = "sweep";

    /// <inheritdoc />
    public string Name => KindName;

    /// <summary>The job of running <paramref name="runs"/> (some of <paramref name="plan"/>'s runs, in the order given).</summary>
    /// <exception cref="ArgumentException">No runs, or a run of a design that is not the plan's.</exception>
    public static ClusterJob Job(SweepPlan plan, IReadOnlyList<(SweepDesign Design, int Seed)> runs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
            throw new ArgumentException("a sweep job needs at least one run", nameof(runs));
        var designs = runs.Select(r => r.Design).DistinctBy(d => d.Index).OrderBy(d => d.Index)
            .Select(d => plan.Designs[d.Index] == d ? new SweepJobDesign(d.Index, d.ScenarioJson, d.ScenarioHash)
                : throw new ArgumentException($"design {d.Index} is not the plan's", nameof(runs)))
            .ToList();
        var spec = new SweepJobSpec(designs, Ranges(runs));
        return new ClusterJob(KindName, JobJson.Serialize(spec), 0, runs.Count);
    }

    /// <summary>The runs' lines from the merged lines of a sweep job (in the job's run order).</summary>
    /// <exception cref="JobSpecException">A line is not a sweep run line.</exception>
    public static IReadOnlyList<SweepRunLine> Lines(IEnumerable<JobLine> lines) =>
        lines.Select(l => SweepRunLine.TryParse(l.Json) ?? throw new JobSpecException($"the line of run {l.Seed} is not a sweep run line")).ToList();

    /// <inheritdoc />
    public IJobRunner Open(string spec)
    {
        var parsed = JobJson.Deserialize<SweepJobSpec>(spec, "the sweep job");
        if (parsed.Designs is null || parsed.Runs is null)
            throw new JobSpecException("the sweep job: designs and runs are required");
        var designs = parsed.Designs.ToDictionary(d => d.Index);
        foreach (var range in parsed.Runs)
        {
            if (!designs.ContainsKey(range.Design) || range.Last < range.First)
                throw new JobSpecException($"the sweep job: the runs of design {range.Design}, seeds {range.First}..{range.Last}, are not valid");
        }

        return new Runner(designs, parsed.Runs);
    }

    /// <summary>Consecutive seeds of one design as one range, in the runs' order.</summary>
    private static List<SweepJobRuns> Ranges(IReadOnlyList<(SweepDesign Design, int Seed)> runs)
    {
        var ranges = new List<SweepJobRuns>();
        foreach (var (design, seed) in runs)
        {
            if (ranges.Count > 0 && ranges[^1] is var last && last.Design == design.Index && last.Last + 1 == seed)
                ranges[^1] = last with { Last = seed };
            else
                ranges.Add(new SweepJobRuns(design.Index, seed, seed));
        }

        return ranges;
    }

    private sealed class Runner(Dictionary<int, SweepJobDesign> designs, IReadOnlyList<SweepJobRuns> runs) : IJobRunner
    {
        public JobLine Run(int seed)
        {
            var (design, runSeed) = Locate(seed);
            var line = SweepRunner.Line(design.Scenario, design.Index, runSeed);
            if (line.ScenarioHash != design.Hash)
            {
                throw new JobSpecException($"design {design.Index}'s scenario hashes to {line.ScenarioHash} on this node, not {design.Hash}: " +
                                           "a node runs another version of cma-actors");
            }

            return new JobLine(seed, line.ToJson(), false);
        }

        public void Dispose()
        {
        }

        /// <summary>The design and run seed of job seed <paramref name="index"/>.</summary>
        private (SweepJobDesign Design, int Seed) Locate(int index)
        {
            var left = (long)index;
            foreach (var range in runs)
            {
                var count = (long)range.Last - range.First + 1;
                if (left < count)
                    return (designs[range.Design], (int)(range.First + left));
                left -= count;
            }

            throw new JobSpecException($"the sweep job has no run {index}");
        }
    }
}

/// <summary>A sweep job's spec: the designs it runs and its runs, as seed ranges per design in job order.</summary>
/// <param name="Designs">The designs, each with its effective scenario.</param>
/// <param name="Runs">The runs.</param>
public sealed record SweepJobSpec(IReadOnlyList<SweepJobDesign> Designs, IReadOnlyList<SweepJobRuns> Runs);

/// <summary>One design of a sweep job.</summary>
/// <param name="Index">The design's index in its sweep.</param>
/// <param name="Scenario">Its effective scenario, as scenario JSON (<see cref="SweepDesign.ScenarioJson"/>).</param>
/// <param name="Hash">The scenario's hash, which every node must compute alike.</param>
public sealed record SweepJobDesign(int Index, string Scenario, string Hash);

/// <summary>Seeds <paramref name="First"/>..<paramref name="Last"/> of design <paramref name="Design"/>.</summary>
public sealed record SweepJobRuns(int Design, int First, int Last);
