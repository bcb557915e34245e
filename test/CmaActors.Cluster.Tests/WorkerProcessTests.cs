using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Cluster;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Kinds;
using CmaActors.Cluster.Nodes;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.Cluster.Tests;

/// <summary>
/// Three <c>cma-actors worker</c> processes on 127.0.0.1 and a coordinator node in the test: an exploration across them,
/// with one worker process killed (SIGKILL) while it holds a unit, merges to the one-process result. The killed node is
/// found unreachable by the cluster's failure detector and its unit handed out again.
/// </summary>
[Collection(nameof(ThreeNodeTests))]
public sealed class WorkerProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_exploration_across_three_worker_processes_with_one_killed_midway_merges_to_the_one_process_result()
    {
        var job = ExploreJobKind.Job(BuiltInScenarios.Load("race-drain"), new ExplorationOptions { SeedStart = 100, Schedules = 300 });
        var expected = LocalJobRunner.Run(job, JobKinds.Default());
        Assert.Equal(300, expected.Count);

        var ports = Enumerable.Range(0, 3).Select(_ => FreePort()).ToList();
        var seed = $"127.0.0.1:{ports[0]}";
        var workers = ports.Select(p => StartWorker(seed, $"127.0.0.1:{p}")).ToList();
        ClusterNode? coordinator = null;
        try
        {
            coordinator = ClusterNode.Start(new NodeSettings
            {
                Host = "127.0.0.1", Port = 0, Seeds = [NodeAddress.Parse(seed)], Role = ClusterConfig.CoordinatorRole, LogLevel = "ERROR",
            });
            await coordinator.WaitUpAsync(Deadline);
            await WaitUntil(() => coordinator.Cluster.State.Members.Count(m => m.HasRole(ClusterConfig.WorkerRole) && m.Status == MemberStatus.Up) == 3,
                "three worker nodes up", workers);

            var spare = coordinator.Cluster.State.Members.Single(m => m.Address.Port == ports[0]).Address;
            var (run, victim) = ThreeNodeTests.StartWithVictim(coordinator, job, unitSize: 10, spare);
            var killed = await victim.WaitAsync(Deadline);
            workers[ports.IndexOf(killed.Port!.Value)].Kill(entireProcessTree: true);
            var outcome = await run.WaitAsync(Deadline);

            Assert.Equal(LocalJobRunner.Text(expected), LocalJobRunner.Text(outcome.Lines));
            Assert.Contains(outcome.NodesLost, n => n.StartsWith(killed.ToString(), StringComparison.Ordinal));
            Assert.True(outcome.UnitsReassigned >= 1, $"the unit of the killed node {killed} was handed out again");
            Assert.True(outcome.SeedsByNode.Count >= 2, "the work was spread: " + string.Join(", ", outcome.SeedsByNode));
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited) worker.Kill(entireProcessTree: true);
                worker.WaitForExit(10_000);
                worker.Dispose();
            }

            if (coordinator is not null)
                await coordinator.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static Process StartWorker(string join, string node)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "cma-actors.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", dll, "worker", "--join", join, "--node", node, "--slots", "1", "--quiet" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntil(Func<bool> condition, string what, IReadOnlyList<Process> workers)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (workers.FirstOrDefault(w => w.HasExited) is { } gone)
                Assert.Fail($"a worker process exited with code {gone.ExitCode} before {what}");
            if (clock.Elapsed > Deadline)
                Assert.Fail($"no {what} after {Deadline.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
