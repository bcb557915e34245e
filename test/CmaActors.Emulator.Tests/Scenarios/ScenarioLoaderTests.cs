using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private static ScenarioError SingleError(string json)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json"));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void Every_built_in_scenario_loads()
    {
        Assert.Contains(BuiltInScenarios.DefaultName, BuiltInScenarios.Names);
        foreach (var name in BuiltInScenarios.Names)
            Assert.Equal(name, BuiltInScenarios.Load(name).Name);
    }

    [Fact]
    public void Unknown_property_is_named_with_its_path_and_the_allowed_ones()
    {
        var error = SingleError("""{ "name": "x", "machine": { "cpus": 2, "cpuz": 4 } }""");
        Assert.Equal("bad.json", error.Source);
        Assert.Equal("$.machine.cpuz", error.JsonPath);
        Assert.Contains("unknown property 'cpuz'", error.Problem);
        Assert.Contains("memoryMiB", error.Problem);
    }

    [Fact]
    public void Wrong_type_says_what_was_expected()
    {
        var error = SingleError("""{ "name": "x", "machine": { "cpus": "four" } }""");
        Assert.Equal("$.machine.cpus", error.JsonPath);
        Assert.Equal("expected an integer, found a string", error.Problem);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Bad_enum_value_lists_the_choices()
    {
        var error = SingleError("""{ "policy": { "contigMutex": "sometimes" } }""");
        Assert.Equal("$.policy.contigMutex", error.JsonPath);
        Assert.Contains("global, perArea, none", error.Problem);
    }

    [Fact]
    public void Unknown_workload_kind_is_reported()
    {
        var error = SingleError("""{ "workloads": [ { "kind": "fork-bomb" } ] }""");
        Assert.StartsWith("$.workloads[0]", error.JsonPath);
        Assert.Contains("anonChurn, cmaDevice", error.Problem);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var error = SingleError("{ \"name\": \"x\",\n  \"seed\": }");
        Assert.Contains("invalid JSON", error.Problem);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Semantic_problems_are_all_reported_with_paths()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            {
              "machine": { "cpus": 2, "memoryMiB": 64 },
              "cmaAreas": [ { "name": "a", "sizeMiB": 3 } ],
              "workloads": [ { "kind": "cmaDevice", "cpu": 5, "area": "nope", "sizes": [0] } ]
            }
            """, "bad.json"));
        var paths = e.Errors.Select(x => x.JsonPath).ToList();
        Assert.Contains("$.cmaAreas[0].sizeMiB", paths);
        Assert.Contains("$.workloads[0].cpu", paths);
        Assert.Contains("$.workloads[0].area", paths);
        Assert.Contains("$.workloads[0].sizes[0]", paths);
        Assert.All(e.Errors, x => Assert.Equal("bad.json", x.Source));
    }

    [Fact]
    public void Missing_file_is_a_scenario_error_naming_it()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile("/nonexistent/scenario.json"));
        Assert.Equal("/nonexistent/scenario.json", Assert.Single(e.Errors).Source);
    }

    [Fact]
    public void A_scenario_round_trips_through_json()
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.DefaultName);
        var json = System.Text.Json.JsonSerializer.Serialize(scenario, ScenarioJson.Options);
        var again = ScenarioLoader.Parse(json, "roundtrip");
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(again, ScenarioJson.Options));
    }

    [Fact]
    public void Background_and_storage_problems_are_reported_with_paths()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            {
              "storage": { "sequentialMBps": 0 },
              "cmaAreas": [ { "policy": "gcma" } ],
              "workloads": [ { "kind": "background", "anonPercent": 120, "cpus": [9], "pinMs": { "min": 5, "max": 1 } } ]
            }
            """, "bad.json"));
        var paths = e.Errors.Select(x => x.JsonPath).ToList();
        Assert.Contains("$.storage.sequentialMBps", paths);
        Assert.Contains("$.workloads[0].anonPercent", paths);
        Assert.Contains("$.workloads[0].cpus[0]", paths);
        Assert.Contains("$.workloads[0].pinMs.max", paths);
    }

    [Fact]
    public void Bad_area_policy_lists_the_choices()
    {
        var error = SingleError("""{ "cmaAreas": [ { "policy": "magic" } ] }""");
        Assert.Equal("$.cmaAreas[0].policy", error.JsonPath);
        Assert.Contains("cma, gcma, reservation", error.Problem);
    }
}
