namespace CmaActors.Cli.Tests;

public sealed class ParallelRunCommandTests
{
    [Fact]
    public void Parallel_run_prints_report_lines_and_the_summary_and_writes_its_section_of_results_json()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        // Two dispatcher threads of its own: the .NET thread pool is shared with the other tests running in this process.
        // Three seconds: the first half second of a parallel run in a fresh process goes to compiling the handlers.
        var run = CliRunner.InProcess("run", scenario, "--mode", "parallel", "--duration", "3s", "--report-every", "500ms",
            "--check-every", "0.5", "--spend", "busy", "--threads", "2", "--out", temp.File("out"));
        Assert.True(run.ExitCode == 0, run.Err);
        var lines = run.Out.Split('\n').Where(l => l.StartsWith('[')).ToList();
        Assert.True(lines.Count >= 3, run.Out);
        Assert.All(lines, l => Assert.Contains("deliveries/s", l));
        Assert.All(lines, l => Assert.Contains("cma_alloc/s", l));
        Assert.Contains(lines, l => !l.Contains(" 0.0 cma_alloc/s", StringComparison.Ordinal));
        Assert.Contains("invariants held (drained", run.Out);
        Assert.Contains("parallel on 2 dispatcher threads", run.Out);
        Assert.Contains("spend busy", run.Out);
        Assert.Contains("locks, as lock_stat counts (wall µs)", run.Out);
        Assert.Contains("## cma_alloc latency (wall ms)", File.ReadAllText(temp.File("out/report.md")));
        Assert.Contains("Times are wall-clock", File.ReadAllText(temp.File("out/report.html")));
        Assert.True(File.Exists(temp.File("out/lock_stat")));
        Assert.True(File.Exists(temp.File("out/trace.json")));
        Assert.NotEmpty(Directory.GetDirectories(temp.File("out/proc")));

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(temp.File("out/results.json")));
        var root = doc.RootElement;
        Assert.Equal("parallel", root.GetProperty("mode").GetString());
        var parallel = root.GetProperty("parallel");
        Assert.Equal("busy", parallel.GetProperty("spend").GetString());
        Assert.True(parallel.GetProperty("checks").GetArrayLength() >= 3);
        Assert.True(parallel.GetProperty("intervals").GetArrayLength() >= 3);
    }

    [Fact]
    public void Simulation_results_have_no_parallel_or_load_section()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario, "--json", "--duration", "0.5s");
        Assert.Equal(0, run.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.TryGetProperty("parallel", out _));
        Assert.False(doc.RootElement.TryGetProperty("load", out _));
        Assert.Equal(500_000_000, doc.RootElement.GetProperty("virtualTimeNs").GetInt64());
    }

    [Theory]
    [InlineData("--duration", "soon", "--duration 'soon': expected a time")]
    [InlineData("--duration", "0s", "must be above 0")]
    [InlineData("--check-every", "-5", "--check-every '-5': expected a time")]
    [InlineData("--threads", "-1", "--threads -1: must be in [0, 1024]")]
    [InlineData("--spend", "lazy", "--spend 'lazy': expected one of none, busy")]
    [InlineData("--mode", "threads", "--mode 'threads': expected one of simulation, parallel")]
    [InlineData("--mode", "simulation,parallel", "expected one of")]
    public void Bad_parallel_options_exit_2_with_a_message(string option, string value, string message)
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        string[] mode = option == "--mode" ? [] : ["--mode", "parallel"];
        var run = CliRunner.InProcess(["run", scenario, .. mode, option, value, "--out", temp.File("out")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(File.Exists(temp.File("out/results.json")));
    }
}
