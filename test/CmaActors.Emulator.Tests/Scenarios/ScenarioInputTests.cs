using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Tests.Scenarios;

/// <summary>Bad input of every kind ends in a scenario error naming the file, the JSON path and the problem in the file's words.</summary>
public class ScenarioInputTests
{
    private static ScenarioError SingleError(string json) =>
        Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json")).Errors);

    private static IReadOnlyList<ScenarioError> Errors(string json) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json")).Errors;

    private const string Device = """{ "kind": "cmaDevice", "cpu": 1, "sizes": [1, 8] }""";

    [Fact]
    public void Kind_may_come_anywhere_in_its_object()
    {
        var scenario = ScenarioLoader.Parse("""{ "workloads": [ { "cpu": 1, "sizes": [1, 8], "kind": "cmaDevice" } ], "cmaAreas": [ {} ] }""", "x.json");
        var device = Assert.IsType<CmaDeviceSpec>(Assert.Single(scenario.Workloads));
        Assert.Equal([1, 8], device.Sizes);
    }

    [Fact]
    public void Missing_kind_is_named_with_its_path_and_the_kinds()
    {
        var error = SingleError("""{ "workloads": [ { "cpu": 1 } ] }""");
        Assert.Equal("$.workloads[0]", error.JsonPath);
        Assert.Contains("no \"kind\"", error.Problem);
        Assert.Contains("anonChurn, cmaDevice, background, kernelAlloc", error.Problem);
    }

    [Fact]
    public void Missing_phase_of_a_load_profile_is_named()
    {
        var error = SingleError("""{ "workloads": [ { "kind": "cmaDevice", "load": { "phases": [ { "duringMs": 10 } ] } } ] }""");
        Assert.Equal("$.workloads[0].load.phases[0]", error.JsonPath);
        Assert.Contains("inject, ramping_inject, keep_constant, ramping_constant, pause", error.Problem);
    }

    [Theory]
    [InlineData("""{ "workloads": [ null ] }""", "$.workloads[0]", "must not be null (expected an object)")]
    [InlineData("""{ "machine": null }""", "$.machine", "must not be null (expected an object)")]
    [InlineData("""{ "bugs": [ null ] }""", "$.bugs[0]", "must not be null (expected a string)")]
    [InlineData("""{ "seed": null }""", "$.seed", "must not be null (expected an integer)")]
    [InlineData("""{ "name": null }""", "$.name", "must not be null (expected a string)")]
    [InlineData("""{ "workloads": [ { "kind": "cmaDevice", "sizes": [1, null] } ] }""", "$.workloads[0].sizes[1]", "must not be null (expected an integer)")]
    public void Nulls_where_a_value_is_needed_are_refused(string json, string path, string problem)
    {
        var error = SingleError(json);
        Assert.Equal(path, error.JsonPath);
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void A_member_given_twice_is_refused_at_its_second_place()
    {
        var error = SingleError("{\n  \"seed\": 1,\n  \"seed\": 2\n}");
        Assert.Equal("$.seed", error.JsonPath);
        Assert.Contains("given twice", error.Problem);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("""{ "policy": { "contigMutex": "global,none" } }""", "$.policy.contigMutex")]
    [InlineData("""{ "cmaAreas": [ { "policy": "gcma,reservation" } ] }""", "$.cmaAreas[0].policy")]
    [InlineData("""{ "policy": { "drain": "1" } }""", "$.policy.drain")]
    [InlineData("""{ "policy": { "drain": 1 } }""", "$.policy.drain")]
    public void Enum_values_are_single_names(string json, string path)
    {
        var error = SingleError(json);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains("one of:", error.Problem);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"name\": \"caméra\",\n  \"description\": \"x\"\n}").ToList();
        bytes.Insert(bytes.IndexOf((byte)'x'), 0xFF);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(bytes.ToArray(), "bad.json"));
        var error = Assert.Single(e.Errors);
        Assert.Contains("not valid UTF-8", error.Problem);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_file_larger_than_the_bound_is_refused_without_reading_it_all()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cma-actors-big-{Guid.NewGuid():N}.json");
        try
        {
            using (var stream = File.Create(path))
                stream.SetLength(1L << 30);
            var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path)).Errors);
            Assert.Equal(path, error.Source);
            Assert.Contains("larger than 16 MiB", error.Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{ "workloads": [ { "kind": "anonChurn", "pinsPerSecond": 2147483647 } ] }""", "$.workloads[0].pinsPerSecond")]
    [InlineData("""{ "workloads": [ { "kind": "anonChurn", "intervalUs": 9223372036854775807 } ] }""", "$.workloads[0].intervalUs")]
    [InlineData("""{ "workloads": [ { "kind": "cmaDevice", "holdMs": { "min": 9.3e12, "max": 9.3e12 } } ] }""", "$.workloads[0].holdMs.min")]
    [InlineData("""{ "durationSeconds": 1e300 }""", "$.durationSeconds")]
    [InlineData("""{ "costs": { "migratePageNs": 9223372036854775807 } }""", "$.costs.migratePageNs")]
    [InlineData("""{ "machine": { "cpus": 2147483648 } }""", "$.machine.cpus")]
    [InlineData("""{ "seed": 2147483648 }""", "$.seed")]
    [InlineData("""{ "workloads": [ { "kind": "kernelAlloc", "pagesPerSecond": 1e-300 } ] }""", "$.workloads[0].pagesPerSecond")]
    [InlineData("""{ "workloads": [ { "kind": "background", "flushIntervalMs": 1e-9 } ] }""", "$.workloads[0].flushIntervalMs")]
    public void Numbers_outside_what_the_emulator_can_run_are_refused(string json, string path)
    {
        var error = Assert.Single(Errors(json), e => e.JsonPath == path);
        Assert.Matches(@"must be|out of range", error.Problem);
    }

    [Fact]
    public void Fill_percentages_beyond_all_of_memory_are_refused()
    {
        var error = SingleError("""
            { "workloads": [
                { "kind": "anonChurn", "name": "a", "cpus": [0], "fillPercent": 60 },
                { "kind": "anonChurn", "name": "b", "cpus": [1], "fillPercent": 50 }
            ] }
            """);
        Assert.Equal("$.workloads[1].fillPercent", error.JsonPath);
        Assert.Contains("add up to 110", error.Problem);
        Assert.StartsWith("must be in [0, 100]", SingleError("""{ "workloads": [ { "kind": "anonChurn", "fillPercent": 101 } ] }""").Problem);
        Assert.Equal(262_144, ScenarioLoader.Parse("""{ "machine": { "memoryMiB": 262144 } }""", "x.json").Machine.MemoryMiB);
        Assert.Equal("$.machine.memoryMiB", SingleError("""{ "machine": { "memoryMiB": 262145 } }""").JsonPath);
    }

    [Fact]
    public void Every_numeric_setting_has_limits()
    {
        var numeric = new[] { typeof(int), typeof(long), typeof(double) };
        var missing = typeof(Scenario).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("CmaActors.Emulator.Scenarios", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(p => p.CanWrite && (numeric.Contains(p.PropertyType) || p.PropertyType == typeof(IReadOnlyList<int>)))
            .Where(p => !p.IsDefined(typeof(LimitsAttribute), false))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Schema_member_is_allowed_at_the_top_only()
    {
        Assert.Equal("x", ScenarioLoader.Parse("""{ "$schema": "s.json", "name": "x" }""", "x.json").Name);
        var error = SingleError("""{ "machine": { "$schema": "s.json" } }""");
        Assert.Equal("$.machine.$schema", error.JsonPath);
    }

    [Theory]
    [InlineData("front camera")]
    [InlineData("caméra")]
    [InlineData("mmc/blk0")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("$weird [markup] 'quotes' \"double\" \\ % ~1")]
    public void Any_text_is_a_name(string name)
    {
        var json = new JsonObject
        {
            ["name"] = name,
            ["storage"] = new JsonObject { ["name"] = name },
            ["cmaAreas"] = new JsonArray(new JsonObject { ["name"] = name }),
            ["workloads"] = new JsonArray(new JsonObject { ["kind"] = "cmaDevice", ["name"] = name, ["area"] = name }),
        }.ToJsonString();
        var scenario = ScenarioLoader.Parse(json, "x.json");
        Assert.Equal(name, scenario.Name);
        Assert.Equal(name, scenario.CmaAreas[0].Name);
        Assert.Equal(name, scenario.Workloads[0].Name);
    }

    [Fact]
    public void A_name_that_would_name_two_things_in_the_results_is_refused()
    {
        var errors = Errors("""
            { "workloads": [
                { "kind": "anonChurn", "name": "churn", "cpus": [0] },
                { "kind": "kernelAlloc", "name": "churn-cpu0" },
                { "kind": "kernelAlloc" },
                { "kind": "kernelAlloc", "name": "kernel2" }
            ] }
            """);
        Assert.Equal(["$.workloads[1].name", "$.workloads[3].name"], errors.Select(e => e.JsonPath));
        Assert.Contains("workloads[0]", errors[0].Problem);
        Assert.Contains("workloads[2]", errors[1].Problem);
    }

    [Fact]
    public void A_document_in_memory_gets_the_messages_of_a_file()
    {
        const string json = """{ "machine": { "cpus": 0 }, "workloads": [ { "cpu": 1, "kind": "kernelAlloc", "batchPages": 0 } ] }""";
        var fromText = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "x.json")).Errors;
        using var document = JsonDocument.Parse(json);
        var fromDocument = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(document.RootElement, "x.json")).Errors;
        Assert.Equal(fromText.Select(e => (e.JsonPath, e.Problem)), fromDocument.Select(e => (e.JsonPath, e.Problem)));
        Assert.All(fromDocument, e => Assert.Null(e.Line));
        Assert.All(fromText, e => Assert.Equal(1, e.Line));
    }

    [Fact]
    public void A_file_document_changed_in_memory_is_checked_like_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cma-actors-doc-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{ // a comment\n \"machine\": { \"cpus\": 2 } }");
            var document = ScenarioLoader.ReadDocument(path);
            document["machine"]!["cpus"] = 300;
            var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(document, path)).Errors);
            Assert.Equal("$.machine.cpus", error.JsonPath);
            Assert.Equal("must be in [1, 256], found 300", error.Problem);
            document["machine"]!["cpus"] = 3;
            Assert.Equal(3, ScenarioLoader.Parse(document, path).Machine.Cpus);

            File.WriteAllText(path, """{ "seed": 1, "seed": 2 }""");
            Assert.Contains("given twice", Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.ReadDocument(path)).Errors).Problem);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Values_out_of_range_do_not_stop_the_other_checks_nor_break_them()
    {
        var errors = Errors("""{ "machine": { "maxPageOrder": 100, "pageblockOrder": 62, "cpus": 2 }, "workloads": [ { "kind": "kernelAlloc", "cpu": 5 } ] }""");
        Assert.Contains(errors, e => e.JsonPath == "$.machine.maxPageOrder");
        Assert.Contains(errors, e => e.JsonPath == "$.machine.pageblockOrder");
        Assert.Contains(errors, e => e.JsonPath == "$.workloads[0].cpu" && e.Problem.Contains("no CPU 5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{ \"name\": \"x")]
    [InlineData("{ \"seed\": 1 } }")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("{ \"seed\": \"1\" }")]
    [InlineData("{ \"seed\": 1.5 }")]
    [InlineData("{ \"machine\": { \"cpus\": true } }")]
    [InlineData("{ \"policy\": { \"highOrderPcp\": \"yes\" } }")]
    [InlineData("{ \"invariants\": { \"checkEverySeconds\": null } }")]
    [InlineData("{ \"parallel\": { \"spend\": \"fast\" } }")]
    [InlineData("{ \"workloads\": {} }")]
    [InlineData("{ \"workloads\": [ { \"kind\": 3 } ] }")]
    [InlineData("{ \"workloads\": [ { \"kind\": \"cmaDevice\", \"load\": { \"phases\": [ { \"phase\": \"inject\", \"rate\": -1 } ] } } ] }")]
    public void Messages_never_show_dotnet_names(string json)
    {
        foreach (var error in Errors(json))
        {
            Assert.Equal("bad.json", error.Source);
            Assert.StartsWith("$", error.JsonPath);
            Assert.DoesNotMatch(@"System\.|Nullable|isFinalBlock|nullability|CmaActors\.|Spec\b|Int32|Int64|Double|String\b|Boolean|\.NET", error.Problem);
        }
    }

    [Fact]
    public void A_replay_file_missing_what_it_needs_says_so_in_its_words()
    {
        var errors = Assert.Throws<ScenarioException>(() => ReplayFiles.Parse("""{ "version": 1, "seed": 3 }""", "r.json")).Errors;
        Assert.Equal(["$.scenario", "$.expected"], errors.Select(e => e.JsonPath).Order(StringComparer.Ordinal).Reverse());
        Assert.All(errors, e => Assert.Equal("is missing (it is required)", e.Problem));
    }
}
