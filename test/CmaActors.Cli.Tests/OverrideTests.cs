using System.Text.Json;

namespace CmaActors.Cli.Tests;

public sealed class OverrideTests
{
    [Fact]
    public void Run_applies_overrides_and_results_json_records_them_with_the_effective_scenario_and_its_hash()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var plain = CliRunner.InProcess("run", scenario, "--json");
        var set = CliRunner.InProcess("run", scenario, "--json", "--set", "policy.pcpBatch=31", "--set", "workloads[1].sizes=[2,128]");
        Assert.True(set.ExitCode == 0, set.Err);
        using var a = JsonDocument.Parse(plain.Out);
        using var b = JsonDocument.Parse(set.Out);

        Assert.Equal(["policy.pcpBatch=31", "workloads[1].sizes=[2,128]"],
            b.RootElement.GetProperty("overrides").EnumerateArray().Select(e => e.GetString()));
        var effective = b.RootElement.GetProperty("effectiveScenario");
        Assert.Equal(31, effective.GetProperty("policy").GetProperty("pcpBatch").GetInt32());
        Assert.Equal("cli-small", b.RootElement.GetProperty("scenario").GetString());
        var sizes = b.RootElement.GetProperty("cma").GetProperty("areas")[0].GetProperty("latencyBySize").EnumerateArray()
            .Select(s => s.GetProperty("pages").GetInt32()).ToList();
        Assert.Equal([2, 128], sizes);

        var hashA = a.RootElement.GetProperty("scenarioHash").GetString();
        var hashB = b.RootElement.GetProperty("scenarioHash").GetString();
        Assert.Matches("^sha256:[0-9a-f]{64}$", hashA);
        Assert.NotEqual(hashA, hashB);
        // The hash names the design, not the seed.
        var otherSeed = CliRunner.InProcess("run", scenario, "--json", "--seed", "11");
        using var c = JsonDocument.Parse(otherSeed.Out);
        Assert.Equal(hashA, c.RootElement.GetProperty("scenarioHash").GetString());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("compare")]
    [InlineData("explore")]
    [InlineData("sweep")]
    public void An_invalid_override_is_reported_like_a_bad_scenario_file(string command)
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess(command, scenario, "--set", "machine.cpus=0", "--out", temp.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{scenario} with --set machine.cpus=0: $.machine.cpus:", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void An_override_that_leads_nowhere_names_the_path()
    {
        var run = CliRunner.InProcess("run", "--set", "workloads[9].sizes=[1]");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--set workloads[9].sizes=[1]: $.workloads[9]: no such element: the array has 3 (indices 0..2)", run.Err);
    }
}
