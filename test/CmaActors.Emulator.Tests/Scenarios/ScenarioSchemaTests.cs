using System.Text.Json;
using System.Text.Json.Nodes;
using CmaActors.Emulator.Scenarios;
using CmaActors.Emulator.Scenarios.Json;
using Json.Schema;

namespace CmaActors.Emulator.Tests.Scenarios;

public class ScenarioSchemaTests
{
    /// <summary>Set to 1 to write the generated schema to docs/ instead of comparing.</summary>
    private const string UpdateVariable = "CMA_ACTORS_UPDATE_SCHEMA";

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CmaActors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static string PublishedPath => Path.Combine(Repository(), ScenarioSchema.PublishedPath);

    /// <summary>The published schema, built once: the library registers a schema by its $id.</summary>
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(PublishedPath)));

    private static JsonSchema Published() => Schema.Value;

    private static EvaluationResults Evaluate(string json) =>
        Published().Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Fact]
    public void Published_schema_is_what_the_records_generate()
    {
        var generated = ScenarioSchema.Text();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            File.WriteAllText(PublishedPath, generated);
        Assert.True(File.Exists(PublishedPath), $"{ScenarioSchema.PublishedPath} is missing: run the tests with {UpdateVariable}=1");
        Assert.True(File.ReadAllText(PublishedPath) == generated,
            $"{ScenarioSchema.PublishedPath} is out of date with the scenario records: run this test with {UpdateVariable}=1 and commit the file");
    }

    [Fact]
    public void Generated_schema_describes_members_with_their_ranges_and_defaults()
    {
        var cpus = ScenarioSchema.Generate()["properties"]!["machine"]!["properties"]!["cpus"]!;
        Assert.Equal(1, cpus["minimum"]!.GetValue<double>());
        Assert.Equal(256, cpus["maximum"]!.GetValue<double>());
        Assert.Equal(4, cpus["default"]!.GetValue<int>());
        Assert.StartsWith("Number of CPUs", cpus["description"]!.GetValue<string>());
    }

    public static TheoryData<string> BuiltIns() => new(BuiltInScenarios.Names);

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Schema_validates_every_built_in_scenario(string name)
    {
        var result = Evaluate(BuiltInScenarios.Text(name));
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Built_in_scenarios_are_plain_json_that_name_the_schema(string name)
    {
        var root = JsonNode.Parse(BuiltInScenarios.Text(name))!;
        Assert.Equal("../../../../docs/scenario.schema.json", root["$schema"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(Repository(), "src/CmaActors.Emulator/Scenarios/BuiltIn", root["$schema"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("""{ "machine": { "cpus": 0 } }""")]
    [InlineData("""{ "machine": { "cpuz": 2 } }""")]
    [InlineData("""{ "policy": { "contigMutex": "global,none" } }""")]
    [InlineData("""{ "workloads": [ { "kind": "forkBomb" } ] }""")]
    [InlineData("""{ "workloads": [ { "kind": "anonChurn", "pinsPerSecond": 2147483647 } ] }""")]
    [InlineData("""{ "workloads": [ null ] }""")]
    [InlineData("""{ "durationSeconds": "60" }""")]
    public void Schema_rejects_what_the_loader_rejects(string json)
    {
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "x.json"));
        Assert.False(Evaluate(json).IsValid);
    }
}
