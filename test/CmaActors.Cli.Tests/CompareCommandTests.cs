namespace CmaActors.Cli.Tests;

public sealed class CompareCommandTests
{
    [Fact]
    public void Compare_runs_every_policy_with_the_same_seed()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("compare", scenario, "--seed", "5", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("seed").GetInt32());
        var runs = root.GetProperty("runs");
        foreach (var policy in new[] { "cma", "gcma", "reservation" })
        {
            var result = runs.GetProperty(policy);
            Assert.Equal(5, result.GetProperty("seed").GetInt32());
            Assert.Equal(policy, result.GetProperty("cma").GetProperty("areas")[0].GetProperty("policy").GetString());
        }

        Assert.Equal(3, root.GetProperty("policies").GetArrayLength());
    }

    [Fact]
    public void Compare_prints_the_side_by_side_tables()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("compare", scenario, "--out", temp.File("cmp"));
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("cma_alloc latency by size", run.Out);
        Assert.Contains("reservation", run.Out);
        Assert.Contains("area utilisation", run.Out);
        Assert.True(File.Exists(temp.File("cmp/results.json")));
    }

    [Theory]
    [InlineData("gcma-camera")]
    [InlineData("small")]
    public void Compare_on_three_workers_prints_and_writes_what_one_worker_does(string name)
    {
        using var temp = new TempFolder();
        var scenario = name == "small" ? temp.Write("small.json", SmallScenario.Json) : name;
        CliRunner.Run Compare(string workers) =>
            CliRunner.InProcess("compare", scenario, "--duration", "0.5s", "--workers", workers, "--out", temp.File("w" + workers));
        var one = Compare("1");
        var three = Compare("3");
        Assert.True(one.ExitCode == 0, one.Err);
        Assert.Equal(one.ExitCode, three.ExitCode);
        Assert.Contains(" s wall with 1 worker\n", one.Out);
        Assert.Contains(" s wall with 3 workers\n", three.Out);
        // gcma-camera has a background load: its baseline run goes beside the three policies.
        if (name != "small")
            Assert.Contains("(background alone)", one.Out);
        Assert.Equal(Tables(one.Out, "w1"), Tables(three.Out, "w3"));
        var files = Directory.GetFiles(temp.File("w1"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.File("w1"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(Path.Combine("gcma", "results.json"), files);
        Assert.Equal(files, Directory.GetFiles(temp.File("w3"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.File("w3"), f)).Order(StringComparer.Ordinal));
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("w1"), file)), File.ReadAllBytes(Path.Combine(temp.File("w3"), file)));
    }

    /// <summary>The output without its first line (wall time and workers), with the folder's name made the same.</summary>
    private static string Tables(string output, string folder) =>
        output[(output.IndexOf('\n', StringComparison.Ordinal) + 1)..].Replace(folder, "out", StringComparison.Ordinal);

    [Theory]
    [InlineData("0", "error: --workers 0: must be in [1, 1024]")]
    [InlineData("x", "error: --workers x: expected a whole number")]
    public void Bad_workers_are_bad_input(string workers, string message)
    {
        var run = CliRunner.InProcess("compare", "default", "--workers", workers);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void Policy_option_switches_every_area()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario, "--policy", "reservation", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var area = doc.RootElement.GetProperty("cma").GetProperty("areas")[0];
        Assert.Equal("reservation", area.GetProperty("policy").GetString());
        Assert.Equal(0, area.GetProperty("utilisation").GetDouble());
    }

    [Fact]
    public void Unknown_policy_is_bad_input()
    {
        var run = CliRunner.InProcess("run", "--policy", "hope");
        Assert.Equal(2, run.ExitCode);
    }
}
