using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Kinds;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Sweeps;

namespace CmaActors.Cluster.Tests;

public sealed class SweepJobKindTests
{
    private static readonly SweepPlan Plan = SweepPlan.Create(BuiltInScenarios.Text("default"), "built-in:default",
        [new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=63,255"))], 0, 2, durationSeconds: 0.2);

    [Fact]
    public void A_resumed_sweep_job_covers_only_the_runs_not_done_and_each_line_is_the_one_process_line()
    {
        SweepRunLine Done(int design, int seed) => new()
        {
            Design = design, Seed = seed, ScenarioHash = Plan.Designs[design].ScenarioHash, VirtualSeconds = 0, Deliveries = 0, Values = [], Cdfs = [],
        };

        var pending = SweepRunner.Pending(Plan, [Done(0, 1), Done(1, 0)]);
        var job = SweepJobKind.Job(Plan, pending);
        Assert.Equal((0, 4), (job.First, job.Count));
        var spec = JobJson.Deserialize<SweepJobSpec>(job.Spec, "spec");
        Assert.Equal([new SweepJobRuns(0, 0, 0), new SweepJobRuns(0, 2, 2), new SweepJobRuns(1, 1, 2)], spec.Runs);

        var lines = LocalJobRunner.Run(job, JobKinds.Default());
        Assert.Equal(pending.Select(p => SweepRunner.RunOne(p.Design.ScenarioJson, p.Design.Index, p.Seed)), lines.Select(l => l.Json));
        Assert.Equal(pending.Select(p => (p.Design.Index, p.Seed)), SweepJobKind.Lines(lines).Select(l => (l.Design, l.Seed)));
        Assert.DoesNotContain(lines, l => l.Stops);
    }

    [Fact]
    public void A_node_that_computes_another_scenario_hash_refuses_the_run()
    {
        var job = SweepJobKind.Job(Plan, SweepRunner.Pending(Plan, []).Take(1).ToList());
        var spec = JobJson.Deserialize<SweepJobSpec>(job.Spec, "spec");
        var changed = spec with { Designs = [spec.Designs[0] with { Hash = "sha256:other" }] };
        using var runner = new SweepJobKind().Open(JobJson.Serialize(changed));

        var e = Assert.Throws<JobSpecException>(() => runner.Run(0));
        Assert.Contains("a node runs another version of cma-actors", e.Message);
    }

    [Fact]
    public void A_spec_naming_an_unknown_design_is_refused()
    {
        var spec = new SweepJobSpec([], [new SweepJobRuns(3, 0, 1)]);
        var e = Assert.Throws<JobSpecException>(() => new SweepJobKind().Open(JobJson.Serialize(spec)));
        Assert.Contains("design 3", e.Message);
    }
}
