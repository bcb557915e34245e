using System.Net;
using System.Net.Sockets;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Nodes;

namespace CmaActors.Cli.Tests;

public sealed class ClusterCommandTests
{
    [Fact]
    public void Explore_across_two_worker_nodes_writes_the_replay_file_of_the_one_process_exploration_byte_for_byte()
    {
        using var temp = new TempFolder();
        var local = CliRunner.InProcess("explore", "--bug", "R4", "--schedules", "600", "--no-minimise", "--quiet", "--out", temp.File("local.json"));
        Assert.Equal(ExitCodes.Violation, local.ExitCode);

        var seed = new NodeAddress("127.0.0.1", FreePort());
        NodeSettings Settings(int port) => new() { Port = port, Seeds = [seed], LeaveOnTerminate = false, LogLevel = "ERROR" };
        using var first = WorkerNode.Start(Settings(seed.Port), JobKinds.Default(), slots: 1);
        using var second = WorkerNode.Start(Settings(0), JobKinds.Default(), slots: 1);
        var cluster = CliRunner.InProcess("explore", "--bug", "R4", "--schedules", "600", "--no-minimise", "--quiet", "--out", temp.File("cluster.json"),
            "--cluster", seed.ToString(), "--unit", "4");

        Assert.True(cluster.ExitCode == ExitCodes.Violation, cluster.Out + cluster.Err);
        Assert.Equal(File.ReadAllBytes(temp.File("local.json")), File.ReadAllBytes(temp.File("cluster.json")));
        Assert.Contains("cluster: ", cluster.Out);
        // The same summary and report, but for the wall-clock rate.
        var clusterOut = cluster.Out.Replace(cluster.Out.Split('\n')[0] + "\n", "", StringComparison.Ordinal)
            .Replace(temp.File("cluster.json"), temp.File("local.json"), StringComparison.Ordinal);
        Assert.Equal(Stable(local.Out), Stable(clusterOut));
        Assert.Equal(local.Err, cluster.Err);
    }

    [Fact]
    public void Sweep_across_two_worker_nodes_runs_only_the_missing_runs_and_writes_the_files_of_a_one_worker_sweep_byte_for_byte()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        string[] sweep = ["sweep", scenario, "--set", "policy.pcpBatch=16,63", "--seeds", "0..2", "--duration", "1s"];
        var local = CliRunner.InProcess([.. sweep, "--workers", "1", "--quiet", "--out", temp.File("local")]);
        Assert.True(local.ExitCode == 0, local.Err);
        var localLines = File.ReadAllLines(temp.File("local/runs.jsonl"));
        Assert.Equal(6, localLines.Length);

        // A sweep cut short: two of its runs are already in runs.jsonl, and the cluster is given the other four.
        Directory.CreateDirectory(temp.File("cluster"));
        File.WriteAllText(temp.File("cluster/runs.jsonl"), localLines[0] + "\n" + localLines[4] + "\n");
        var seed = new NodeAddress("127.0.0.1", FreePort());
        NodeSettings Settings(int port) => new() { Port = port, Seeds = [seed], LeaveOnTerminate = false, LogLevel = "ERROR" };
        using var first = WorkerNode.Start(Settings(seed.Port), JobKinds.Default(), slots: 1);
        using var second = WorkerNode.Start(Settings(0), JobKinds.Default(), slots: 1);
        var cluster = CliRunner.InProcess([.. sweep, "--out", temp.File("cluster"), "--cluster", seed.ToString(), "--unit", "1"]);

        Assert.True(cluster.ExitCode == 0, cluster.Out + cluster.Err);
        Assert.Contains("nodes ran 4 runs in 4 units", cluster.Out);
        Assert.Contains("4 runs in ", cluster.Out);
        Assert.Contains("with the cluster at " + seed + " ", cluster.Out);
        Assert.Contains("2 already in runs.jsonl", cluster.Out);
        foreach (var file in new[] { "sweep.json", "report.md", "report.html" })
            Assert.Equal(File.ReadAllBytes(temp.File("local/" + file)), File.ReadAllBytes(temp.File("cluster/" + file)));
        Assert.Equal(localLines.Order(StringComparer.Ordinal), File.ReadAllLines(temp.File("cluster/runs.jsonl")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "worker", "--join", "host:http" }, "error: --join 'host:http': the port must be a number")]
    [InlineData(new[] { "worker", "--join", "127.0.0.1:4053", "--slots", "0" }, "error: --slots 0: must be at least 1")]
    [InlineData(new[] { "explore", "race-contig", "--cluster", ":4053" }, "error: --cluster ':4053': the host is missing")]
    [InlineData(new[] { "explore", "race-contig", "--cluster", "127.0.0.1:4053", "--ranges", "2" }, "error: --ranges: not with --cluster")]
    [InlineData(new[] { "sweep", "--set", "policy.pcpBatch=63,255", "--cluster", "127.0.0.1:4053", "--workers", "2" }, "error: --workers: not with --cluster")]
    [InlineData(new[] { "sweep", "--set", "policy.pcpBatch=63,255", "--cluster", "127.0.0.1:http" }, "error: --cluster '127.0.0.1:http': the port must be a number")]
    public void Bad_cluster_options_are_bad_input(string[] args, string message)
    {
        var run = CliRunner.InProcess(args);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith(message, run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    private static string Stable(string output) =>
        string.Join("\n", output.Split('\n').Select(l => l.Contains(" schedules in ", StringComparison.Ordinal) ? l[..l.IndexOf(" schedules in ", StringComparison.Ordinal)] : l));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
