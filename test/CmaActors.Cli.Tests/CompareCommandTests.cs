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
