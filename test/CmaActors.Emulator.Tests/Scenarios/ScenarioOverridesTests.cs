using System.Text.Json.Nodes;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Scenarios;

public sealed class ScenarioOverridesTests
{
    private static readonly string Default = BuiltInScenarios.Text("default");

    private static Scenario Load(params string[] assignments) =>
        ScenarioOverrides.Load(Default, "built-in:default", assignments.Select(ScenarioOverrides.Parse).ToList());

    [Fact]
    public void Overrides_set_numbers_enums_arrays_and_create_missing_objects()
    {
        var scenario = Load("policy.pcpBatch=255", "machine.cpus=16", "workloads[1].sizes=[1,2,4]", "policy.contigMutex=perArea",
            "costs.jitter=0.1", "durationSeconds=5");
        Assert.Equal(255, scenario.Policy.PcpBatch);
        Assert.Equal(16, scenario.Machine.Cpus);
        Assert.Equal([1, 2, 4], Assert.IsType<CmaDeviceSpec>(scenario.Workloads[1]).Sizes);
        Assert.Equal(ContigMutexScope.PerArea, scenario.Policy.ContigMutex);
        Assert.Equal(5, scenario.DurationSeconds);
        // Untouched fields keep the file's values.
        Assert.Equal(1024, scenario.Machine.MemoryMiB);
        Assert.Equal(DrainScope.CpusWithPages, scenario.Policy.Drain);
    }

    [Fact]
    public void A_value_is_json_when_it_parses_and_a_string_otherwise()
    {
        Assert.Equal(255, ScenarioOverrides.ParseValue("255")!.GetValue<int>());
        Assert.True(ScenarioOverrides.ParseValue("true")!.GetValue<bool>());
        Assert.Equal("perArea", ScenarioOverrides.ParseValue("perArea")!.GetValue<string>());
        Assert.Equal("a b", ScenarioOverrides.ParseValue("\"a b\"")!.GetValue<string>());
        Assert.IsType<JsonArray>(ScenarioOverrides.ParseValue("[1,2]"));
        Assert.IsType<JsonObject>(ScenarioOverrides.ParseValue("{\"min\":1,\"max\":2}"));
    }

    [Fact]
    public void Lists_split_at_top_level_commas_only()
    {
        Assert.Equal(["63", "255"], ScenarioOverrides.SplitValues("63,255"));
        Assert.Equal(["[1,2]", "[4,8]"], ScenarioOverrides.SplitValues("[1,2],[4,8]"));
        Assert.Equal(["\"a,b\"", "c"], ScenarioOverrides.SplitValues("\"a,b\",c"));
        Assert.Equal(["{\"min\":1,\"max\":2}"], ScenarioOverrides.SplitValues("{\"min\":1,\"max\":2}"));
        var list = ScenarioOverrides.ParseList("workloads[1].sizes=[1,2],[4,8]");
        Assert.Equal(2, list.Count);
        Assert.Equal("[1,2]", list[0].ValueJson);
        Assert.Equal("workloads[1].sizes=[4,8]", list[1].Text);
    }

    [Fact]
    public void An_invalid_value_is_reported_as_the_loader_reports_it_with_the_path()
    {
        var e = Assert.Throws<ScenarioException>(() => Load("policy.pcpBatch=-1"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("$.policy.pcpBatch", error.JsonPath);
        Assert.Contains("--set policy.pcpBatch=-1", error.Source);
        Assert.Null(error.Line);

        var unknown = Assert.Throws<ScenarioException>(() => Load("policy.pcpBatchh=5"));
        Assert.Contains("unknown property 'pcpBatchh'", unknown.Errors[0].Problem);
        Assert.Equal("$.policy.pcpBatchh", unknown.Errors[0].JsonPath);

        var wrongType = Assert.Throws<ScenarioException>(() => Load("machine.cpus=many"));
        Assert.Equal("$.machine.cpus", wrongType.Errors[0].JsonPath);
        Assert.Contains("integer", wrongType.Errors[0].Problem);
    }

    [Theory]
    [InlineData("workloads[7].sizes=[1]", "$.workloads[7]", "the array has 3")]
    [InlineData("machine.cpus.count=1", "$.machine.cpus", "is a number")]
    [InlineData("policy[0]=1", "$.policy", "not an array")]
    [InlineData("nothing[0].x=1", "$.nothing", "not in the scenario")]
    [InlineData("policy.pcpBatch", "$", "expected PATH=VALUE")]
    [InlineData("policy..x=1", "$.policy..x", "expected a field name")]
    [InlineData("workloads[x]=1", "$.workloads[x]", "whole number")]
    public void Paths_that_lead_nowhere_are_clean_errors(string assignment, string path, string problem)
    {
        var e = Assert.Throws<ScenarioException>(() => Load(assignment));
        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith("--set ", error.Source);
    }

    [Fact]
    public void Without_overrides_the_file_is_loaded_as_is()
    {
        var plain = ScenarioLoader.Parse(Default, "x");
        var loaded = ScenarioOverrides.Load(Default, "x", []);
        Assert.Equal(ScenarioIdentity.Hash(plain), ScenarioIdentity.Hash(loaded));
    }
}
