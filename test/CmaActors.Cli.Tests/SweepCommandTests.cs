using System.Text.Json;

namespace CmaActors.Cli.Tests;

public sealed class SweepCommandTests
{
    private static readonly string[] Grid = ["--set", "policy.pcpBatch=16,63", "--seeds", "0..2", "--duration", "1s", "--quiet"];

    [Fact]
    public void One_and_two_workers_give_identical_merged_results()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var one = CliRunner.InProcess(["sweep", scenario, .. Grid, "--workers", "1", "--out", temp.File("one")]);
        var two = CliRunner.InProcess(["sweep", scenario, .. Grid, "--workers", "2", "--out", temp.File("two")]);
        Assert.True(one.ExitCode == 0, one.Err);
        Assert.True(two.ExitCode == 0, two.Err);

        Assert.Equal(File.ReadAllText(temp.File("one/sweep.json")), File.ReadAllText(temp.File("two/sweep.json")));
        Assert.Equal(File.ReadAllText(temp.File("one/report.md")), File.ReadAllText(temp.File("two/report.md")));
        // Every run is one line; the lines are the same whatever order they were written in.
        var lines = File.ReadAllLines(temp.File("one/runs.jsonl"));
        Assert.Equal(6, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), File.ReadAllLines(temp.File("two/runs.jsonl")).Order(StringComparer.Ordinal));

        using var doc = JsonDocument.Parse(File.ReadAllText(temp.File("one/sweep.json")));
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("designs").GetArrayLength());
        Assert.Equal(3, root.GetProperty("designs")[1].GetProperty("runs").GetInt32());
        var metrics = root.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("metric").GetString()).Distinct().ToList();
        Assert.Contains("cma_alloc_p99_ms", metrics);
        Assert.Contains("lock_wait_ms", metrics);
        Assert.Contains("background_ops_per_s", metrics);
        var html = File.ReadAllText(temp.File("one/report.html"));
        Assert.Contains("data-chart=\"sweep-intervals\"", html);
        Assert.Contains("data-chart=\"sweep-cdf\"", html);
    }

    [Fact]
    public void A_rerun_skips_the_runs_already_done_and_finishes_a_cut_sweep()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var first = CliRunner.InProcess(["sweep", scenario, .. Grid, "--workers", "2", "--out", temp.File("s")]);
        Assert.True(first.ExitCode == 0, first.Err);
        var merged = File.ReadAllText(temp.File("s/sweep.json"));
        var runs = temp.File("s/runs.jsonl");
        var lines = File.ReadAllLines(runs);

        // Cut the sweep: two runs lost, one of them half-written.
        File.WriteAllText(runs, string.Concat(lines[..4].Select(l => l + "\n")) + lines[4][..30]);
        var again = CliRunner.InProcess(["sweep", scenario, "--set", "policy.pcpBatch=16,63", "--seeds", "0..2", "--duration", "1s", "--out", temp.File("s")]);
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Contains("2 runs in", again.Out);
        Assert.Contains("4 already in runs.jsonl", again.Out);
        Assert.Equal(merged, File.ReadAllText(temp.File("s/sweep.json")));
        Assert.Equal(6, File.ReadAllLines(runs).Length);
    }

    [Fact]
    public void Console_shows_intervals_and_the_paired_difference_with_its_significance()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("sweep", scenario, "--set", "policy.pcpBatch=16,63", "--seeds", "0..1", "--duration", "1s",
            "--baseline", "policy.pcpBatch=63", "--workers", "2");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("mean [95% interval] across seeds 0..1", run.Out);
        Assert.Contains("1: policy.pcpBatch=63 (baseline)", run.Out);
        Assert.Contains("0: policy.pcpBatch=16 − 1: policy.pcpBatch=63 (baseline), paired by seed", run.Out);
        Assert.Contains("p (Holm)", run.Out);
        Assert.Contains("seeds for 5% / 10%", run.Out);
        Assert.Contains("cma_alloc() latency p99, 64 pages (ms)", run.Out);
    }

    [Theory]
    [InlineData("--set", "policy.pcpBatch=63,-1", "$.policy.pcpBatch: must be in [0, 4096]")]
    [InlineData("--set", "policy.nope=1,2", "unknown property 'nope'")]
    [InlineData("--seeds", "5..2", "--seeds 5..2: the last seed comes before the first")]
    [InlineData("--seeds", "x", "expected a range of seeds")]
    [InlineData("--workers", "0", "--workers 0: must be in [1, 1024]")]
    [InlineData("--baseline", "policy.pcpBatch=7", "not one of the knob's values")]
    public void Bad_input_is_a_clean_error_and_writes_nothing(string option, string value, string message)
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        string[] args = option == "--set"
            ? ["sweep", scenario, option, value, "--out", temp.File("s")]
            : ["sweep", scenario, "--set", "policy.pcpBatch=16,63", option, value, "--out", temp.File("s")];
        var run = CliRunner.InProcess(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(Directory.Exists(temp.File("s")));
    }
}
