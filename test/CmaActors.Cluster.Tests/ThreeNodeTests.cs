using Akka.Actor;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Kinds;
using CmaActors.Cluster.Nodes;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Sweeps;
using CmaActors.Runtime;

namespace CmaActors.Cluster.Tests;

/// <summary>
/// Jobs across three worker nodes on 127.0.0.1 give the lines of a one-process run, byte for byte — also when one node
/// is killed in the middle of a unit, and when a violation stops the job early. A sweep's merged files and an
/// exploration's lines, with a node killed midway, are those of one process.
/// </summary>
[Collection(nameof(ThreeNodeTests))]
public sealed class ThreeNodeTests
{
    internal static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_run_job_across_three_nodes_with_one_killed_midway_merges_to_the_one_process_result()
    {
        var scenario = BuiltInScenarios.Load("race-contig");
        var job = RunsJobKind.Job(scenario, 0, 36);
        var expected = LocalJobRunner.Run(job, JobKinds.Default());
        Assert.Equal(36, expected.Count);
        Assert.Equal(36, expected.Select(l => l.Json).Distinct().Count());

        using var cluster = await LocalCluster.StartAsync();
        var (outcome, killed) = await RunKillingOneNode(cluster, job, unitSize: 3);

        Assert.Equal(LocalJobRunner.Text(expected), LocalJobRunner.Text(outcome.Lines));
        // Its actors stopped with its actor system: DeathWatch tells the coordinator before the failure detector does.
        Assert.True(outcome.UnitsReassigned >= 1, $"the unit of the killed node {killed} was handed out again");
        Assert.True(outcome.SeedsByNode.Count >= 2, "the work was spread: " + string.Join(", ", outcome.SeedsByNode));
    }

    [Fact]
    public async Task A_sweep_across_three_nodes_with_one_killed_midway_writes_the_files_of_a_one_worker_sweep_byte_for_byte()
    {
        var plan = SweepPlan.Create(BuiltInScenarios.Text("default"), "built-in:default",
            [new SweepKnob("policy.pcpBatch", ScenarioOverrides.ParseList("policy.pcpBatch=63,255"))], 0, 5, durationSeconds: 0.5);
        var pending = SweepRunner.Pending(plan, []);
        var local = new List<SweepRunLine>();
        SweepRunner.Run(pending, workers: 1, local.Add);
        var expected = SweepRunStore.Outputs(SweepMerge.Merge(plan, local));

        using var cluster = await LocalCluster.StartAsync();
        var job = SweepJobKind.Job(plan, pending);
        var (outcome, killed) = await RunKillingOneNode(cluster, job, unitSize: 1);
        var merged = SweepRunStore.Outputs(SweepMerge.Merge(plan, SweepJobKind.Lines(outcome.Lines)));

        Assert.Equal(12, outcome.Lines.Count);
        Assert.Equal(local.Select(l => l.ToJson()), outcome.Lines.Select(l => l.Json));
        Assert.Equal(["sweep.json", "report.md", "report.html"], merged.Paths);
        foreach (var file in expected.Paths)
            Assert.True(expected.Content(file).SequenceEqual(merged.Content(file)), $"{file} differs from the one-process sweep's");
        Assert.True(outcome.UnitsReassigned >= 1, $"the unit of the killed node {killed} was handed out again");
    }

    [Fact]
    public async Task An_exploration_across_three_nodes_with_one_killed_midway_merges_to_the_one_process_result()
    {
        var job = ExploreJobKind.Job(BuiltInScenarios.Load("race-drain"), new ExplorationOptions { SeedStart = 40, Schedules = 160 });
        var expected = LocalJobRunner.Run(job, JobKinds.Default());
        Assert.Equal(160, expected.Count);

        using var cluster = await LocalCluster.StartAsync();
        var (outcome, killed) = await RunKillingOneNode(cluster, job, unitSize: 8);

        Assert.Equal(LocalJobRunner.Text(expected), LocalJobRunner.Text(outcome.Lines));
        var result = ExploreJobKind.Result(job, outcome.Lines, outcome.Elapsed);
        Assert.Equal((160, false), (result.SchedulesRun, result.Found));
        Assert.True(outcome.UnitsReassigned >= 1, $"the unit of the killed node {killed} was handed out again");
    }

    [Fact]
    public async Task A_violation_stops_every_node_and_the_merge_ends_at_the_lowest_failing_seed()
    {
        var bug = HistoricalBugs.Find("R2")!;
        var scenario = BuiltInScenarios.Load(bug.Scenario) with { Bugs = [bug.Name] };
        var job = ExploreJobKind.Job(scenario, new ExplorationOptions { SeedStart = 0, Schedules = 5000 });
        var expected = LocalJobRunner.Run(job, JobKinds.Default());
        Assert.True(expected[^1].Stops);
        Assert.True(expected.Count < 1000, $"the bug is found early ({expected.Count} schedules)");

        using var cluster = await LocalCluster.StartAsync();
        var outcome = await ClusterCoordinator.RunAsync(cluster.Coordinator, job, new CoordinatorOptions { UnitSize = 4 })
            .WaitAsync(JobTimeout);

        Assert.Equal(LocalJobRunner.Text(expected), LocalJobRunner.Text(outcome.Lines));
        var result = ExploreJobKind.Result(job, outcome.Lines, outcome.Elapsed);
        Assert.Equal(expected[^1].Seed, result.FailingSchedule!.Seed);
        // Every node stopped: far fewer seeds were run than the budget of 5,000.
        Assert.True(outcome.SeedsByNode.Values.Sum() < expected.Count + 3 * 4 * 8, string.Join(", ", outcome.SeedsByNode));
    }

    private static async Task<(JobOutcome Outcome, Address Killed)> RunKillingOneNode(LocalCluster cluster, ClusterJob job, int unitSize)
    {
        var seedNode = cluster.Workers[0].Node.Address;
        var (run, victim) = StartWithVictim(cluster.Coordinator, job, unitSize, seedNode);
        var killed = await victim.WaitAsync(JobTimeout);
        await LocalCluster.KillAsync(cluster.WorkerAt(killed));
        var outcome = await run.WaitAsync(JobTimeout);
        return (outcome, killed);
    }

    /// <summary>
    /// Starts <paramref name="job"/>; the returned victim is the first node other than <paramref name="spare"/> to be given
    /// a unit once a quarter of the lines are in: it holds a unit when it is killed.
    /// </summary>
    internal static (Task<JobOutcome> Run, Task<Address> Victim) StartWithVictim(ClusterNode coordinator, ClusterJob job, int unitSize, Address spare)
    {
        var victim = new TaskCompletionSource<Address>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        var options = new CoordinatorOptions
        {
            UnitSize = unitSize,
            Events = e =>
            {
                switch (e)
                {
                    case LineReceived line:
                        received = line.Received;
                        break;
                    // A quarter of the way through, the next unit given to a node other than the seed node: kill that node.
                    case UnitAssigned unit when received >= job.Count / 4 && !unit.Node.Equals(spare):
                        victim.TrySetResult(unit.Node);
                        break;
                }
            },
        };

        return (ClusterCoordinator.RunAsync(coordinator, job, options), victim.Task);
    }
}
