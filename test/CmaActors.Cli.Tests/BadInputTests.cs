using System.Text.Json;
using System.Text.Json.Nodes;
using CmaActors.Emulator.Reports;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Cli.Tests;

/// <summary>Bad input through the command line: exit 2, clean messages, nothing written; names shown as written.</summary>
public sealed class BadInputTests
{
    private static JsonObject Small() => JsonNode.Parse(SmallScenario.Json)!.AsObject();

    [Fact]
    public void Names_with_spaces_slashes_and_accents_run_and_are_shown_as_written()
    {
        using var temp = new TempFolder();
        var scenario = Small();
        scenario["name"] = "名前 / test";
        scenario["storage"] = new JsonObject { ["name"] = "mmc/blk0" };
        scenario["cmaAreas"]![0]!["name"] = "front camera";
        scenario["workloads"]![0]!["name"] = "caméra [x]";
        scenario["workloads"]![1]!["name"] = "";
        scenario["workloads"]![1]!["area"] = "front camera";
        scenario["workloads"]!.AsArray().Add(new JsonObject { ["kind"] = "kernelAlloc", ["name"] = "kswapd0" });
        scenario["workloads"]!.AsArray().Add(new JsonObject { ["kind"] = "kernelAlloc", ["name"] = new string('n', 5000) });
        var file = temp.Write("names.json", scenario.ToJsonString());

        var run = CliRunner.InProcess("run", file, "--duration", "300ms", "--out", temp.File("out"));

        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("名前 / test", run.Out);
        Assert.Contains("front camera", run.Out);
        using (var trace = JsonDocument.Parse(File.ReadAllText(temp.File("out/trace.json"))))
        {
            var names = trace.RootElement.GetProperty("traceEvents").EnumerateArray()
                .Where(e => e.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("name", out _))
                .Select(e => e.GetProperty("args").GetProperty("name").GetString()!).ToList();
            Assert.Contains(names, n => n.StartsWith("caméra [x]-cpu0", StringComparison.Ordinal));
            Assert.Contains(names, n => n.Contains("front camera", StringComparison.Ordinal));
        }

        using var results = JsonDocument.Parse(File.ReadAllText(temp.File("out/results.json")));
        Assert.Equal("名前 / test", results.RootElement.GetProperty("scenario").GetString());
        Assert.Contains("caméra [x]-cpu1", File.ReadAllText(temp.File("out/report.md")));
    }

    [Theory]
    [InlineData("""{ "workloads": [ { "cpu": 1 } ] }""", "$.workloads[0]")]
    [InlineData("""{ "workloads": [ null ] }""", "$.workloads[0]")]
    [InlineData("""{ "machine": { "cpus": 2, "cpus": 3 } }""", "$.machine.cpus")]
    [InlineData("""{ "policy": { "contigMutex": "global,none" } }""", "$.policy.contigMutex")]
    [InlineData("""{ "workloads": [ { "kind": "anonChurn", "pinsPerSecond": 2147483647 } ] }""", "$.workloads[0].pinsPerSecond")]
    [InlineData("""{ "name": """, "$")]
    public void Bad_scenarios_are_exit_2_with_the_file_and_path_and_write_nothing(string json, string path)
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad.json", json);
        var run = CliRunner.InProcess("run", file, "--out", temp.File("out"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"error: {file}: {path}: ", run.Err);
        Assert.DoesNotContain("Exception", run.Err);
        Assert.False(Directory.Exists(temp.File("out")), "a refused scenario created its output folder");
    }

    [Fact]
    public void A_device_file_is_refused_at_once()
    {
        var run = CliRunner.InProcess("run", "/dev/zero");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("/dev/zero: $: is larger than 16 MiB", run.Err);
    }

    [Fact]
    public void A_replay_file_with_problems_is_named_in_its_words()
    {
        using var temp = new TempFolder();
        var file = temp.Write("r.json", """{ "version": 1, "seed": null, "strategy": "random,pct" }""");
        var run = CliRunner.InProcess("replay", file);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{file}: $.seed: must not be null (expected an integer)", run.Err);
        Assert.Contains($"{file}: $.strategy: unknown value 'random,pct'", run.Err);
        Assert.Contains($"{file}: $.scenario: is missing (it is required)", run.Err);
        Assert.DoesNotMatch("ReplayFile|required properties|System\\.", run.Err);
    }

    [Theory]
    [InlineData("results.json", true, "'results.json' in it is a folder")]
    [InlineData("report.md", true, "'report.md' in it is a folder")]
    [InlineData("proc", false, "'proc' in it is a file")]
    public void Output_folder_problems_are_found_before_the_run(string entry, bool folder, string problem)
    {
        using var temp = new TempFolder();
        var file = temp.Write("small.json", SmallScenario.Json);
        var outDir = temp.File("out");
        Directory.CreateDirectory(outDir);
        if (folder)
            Directory.CreateDirectory(Path.Combine(outDir, entry));
        else
            File.WriteAllText(Path.Combine(outDir, entry), "x");

        var run = CliRunner.InProcess("run", file, "--out", outDir, "--duration", "1h");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(problem, run.Err);
        Assert.Equal("", run.Out); // refused before an hour of virtual time was run
    }

    [Fact]
    public void An_output_folder_under_a_file_is_refused_and_nothing_is_created()
    {
        using var temp = new TempFolder();
        var file = temp.Write("small.json", SmallScenario.Json);
        temp.Write("plain", "a file");
        var run = CliRunner.InProcess("run", file, "--out", temp.File("plain/out"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("is a file, so the folder cannot be created", run.Err);
    }

    [Fact]
    public void A_failed_write_removes_the_folders_it_created()
    {
        using var temp = new TempFolder();
        var outDir = temp.File("new/out");
        // A file name longer than any file system takes: writing it fails after its folders were created.
        var bundle = new OutputBundle().Add("results.json", "{}").Add("proc/0000.000s/" + new string('x', 300), "x");
        Assert.ThrowsAny<IOException>(() => bundle.WriteTo(outDir));
        Assert.False(Directory.Exists(temp.File("new")), "a failed write left an empty folder behind");
    }

    [Fact]
    public void Scenarios_name_prints_json_that_parses_and_loads()
    {
        foreach (var name in BuiltInScenarios.Names)
        {
            var run = CliRunner.InProcess("scenarios", name);
            Assert.Equal(0, run.ExitCode);
            using var document = JsonDocument.Parse(run.Out); // strict: no comments, no trailing commas
            Assert.Equal(name, ScenarioLoader.Parse(run.Out, name).Name);
        }
    }

    [Fact]
    public void Scenarios_schema_prints_the_published_schema()
    {
        var run = CliRunner.InProcess("scenarios", "--schema");
        Assert.Equal(0, run.ExitCode);
        using var schema = JsonDocument.Parse(run.Out);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal(ScenarioSchema.Text(), run.Out);
    }

    [Theory]
    [InlineData(new[] { "explore", "race-contig", "--schedules", "x" }, "error: --schedules x: expected a whole number")]
    [InlineData(new[] { "explore", "race-contig", "--workers", "two" }, "error: --workers two: expected a whole number")]
    [InlineData(new[] { "sweep", "default", "--workers", "1.5" }, "error: --workers 1.5: expected a whole number")]
    [InlineData(new[] { "run", "--seed", "99999999999" }, "error: --seed 99999999999: expected a whole number")]
    [InlineData(new[] { "compare", "default", "--seed", "" }, "error: --seed '': expected a whole number")]
    public void A_value_of_the_wrong_kind_is_named_in_the_users_words(string[] args, string message)
    {
        var run = CliRunner.InProcess(args);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith(message, run.Err);
        Assert.DoesNotContain("System.", run.Err);
        Assert.DoesNotContain("Int32", run.Err);
        Assert.Equal("", run.Out);
    }
}
