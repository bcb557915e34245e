namespace CmaActors.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Same_seed_gives_byte_identical_results_json_in_process()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var a = CliRunner.InProcess("run", scenario, "--seed", "7", "--out", temp.File("a"), "--quiet");
        var b = CliRunner.InProcess("run", scenario, "--seed", "7", "--out", temp.File("b"), "--quiet");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(File.ReadAllBytes(temp.File("a/results.json")), File.ReadAllBytes(temp.File("b/results.json")));
    }

    [Fact]
    public void Same_seed_gives_byte_identical_results_json_across_processes()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var a = CliRunner.OutOfProcess("run", scenario, "--seed", "7", "--out", temp.File("a"), "--quiet");
        var b = CliRunner.OutOfProcess("run", scenario, "--seed", "7", "--out", temp.File("b"), "--quiet");
        Assert.True(a.ExitCode == 0, a.Err);
        Assert.True(b.ExitCode == 0, b.Err);
        var first = File.ReadAllBytes(temp.File("a/results.json"));
        Assert.Equal(first, File.ReadAllBytes(temp.File("b/results.json")));

        var other = CliRunner.InProcess("run", scenario, "--seed", "8", "--out", temp.File("c"), "--quiet");
        Assert.Equal(0, other.ExitCode);
        Assert.NotEqual(first, File.ReadAllBytes(temp.File("c/results.json")));
    }

    [Fact]
    public void Results_json_has_the_documented_top_level_fields()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        foreach (var field in new[] { "schemaVersion", "scenario", "seed", "strategy", "virtualTimeNs", "cma", "locks", "invariantChecks" })
            Assert.True(root.TryGetProperty(field, out _), $"results.json lacks '{field}'");
        Assert.Equal(3, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        var counters = root.GetProperty("cma").GetProperty("areas")[0].GetProperty("counters");
        Assert.True(counters.TryGetProperty("alloc_pages_success", out _));
        Assert.True(counters.TryGetProperty("release_pages_success", out _));
    }

    [Fact]
    public void Summary_shows_latency_counters_locks_and_checks()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("small.json", SmallScenario.Json);
        var run = CliRunner.InProcess("run", scenario);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cma_alloc latency", run.Out);
        Assert.Contains("alloc_pages_success", run.Out);
        Assert.Contains("&zone->lock", run.Out);
        Assert.Contains("invariant checks", run.Out);
        // Counters no kernel file has are labelled as the emulator's own, apart from the kernel's.
        Assert.Contains("CMA counters (kernel files)", run.Out);
        var emulatorCounters = run.Out[run.Out.IndexOf("emulator counters (no kernel file)", StringComparison.Ordinal)..];
        foreach (var counter in new[] { "busy retries (-EBUSY)", "pinned refusals", "drain_all_pages()", "pages migrated", "pages discarded" })
        {
            Assert.Contains(counter, emulatorCounters);
            Assert.DoesNotContain(counter, run.Out[..run.Out.IndexOf("emulator counters (no kernel file)", StringComparison.Ordinal)]);
        }
    }

    [Fact]
    public void Malformed_scenario_names_file_and_path_exits_2_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("broken.json", """{ "machine": { "cpus": 2, "memoryMiB": "lots" } }""");
        var run = CliRunner.InProcess("run", scenario, "--out", temp.File("out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(scenario, run.Err);
        Assert.Contains("$.machine.memoryMiB", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.False(File.Exists(temp.File("out/results.json")));
        Assert.DoesNotContain(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories), f => !f.EndsWith("broken.json"));
    }

    [Fact]
    public void Malformed_scenario_out_of_process_has_no_stack_trace()
    {
        using var temp = new TempFolder();
        var scenario = temp.Write("broken.json", "{ \"workloads\": [ { \"kind\": \"cmaDevice\", \"sizes\": [0] } ] }");
        var run = CliRunner.OutOfProcess("run", scenario);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json", run.Err);
        Assert.Contains("$.workloads[0]", run.Err);
        Assert.DoesNotContain("Exception", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Unknown_scenario_name_is_bad_input()
    {
        var run = CliRunner.InProcess("run", "no-such-scenario");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("built-in: ", run.Err);
    }

    [Fact]
    public void Unknown_option_is_bad_input()
    {
        var run = CliRunner.InProcess("run", "--sead", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Err);
    }

    [Fact]
    public void Scenarios_lists_the_default()
    {
        var run = CliRunner.InProcess("scenarios");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("default", run.Out);
    }
}
