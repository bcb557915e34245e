using CmaActors.Emulator.Scenarios;

namespace CmaActors.Emulator.Tests.Scenarios;

public sealed class ScenarioIdentityTests
{
    [Fact]
    public void Hash_ignores_layout_key_order_explicit_defaults_and_the_seed()
    {
        var a = ScenarioLoader.Parse("""{ "name": "x", "machine": { "cpus": 2, "memoryMiB": 64 }, "seed": 1 }""", "a");
        var b = ScenarioLoader.Parse("""
            {
              "seed": 9,
              "machine": { "memoryMiB": 64, "cpus": 2 },
              "policy": { "pcpBatch": 0 },
              "name": "x"
            }
            """, "b");
        Assert.Equal(ScenarioIdentity.Hash(a), ScenarioIdentity.Hash(b));
        Assert.Matches("^sha256:[0-9a-f]{64}$", ScenarioIdentity.Hash(a));
    }

    [Fact]
    public void Hash_changes_with_any_knob()
    {
        var a = ScenarioLoader.Parse("""{ "name": "x", "machine": { "cpus": 2, "memoryMiB": 64 } }""", "a");
        Assert.NotEqual(ScenarioIdentity.Hash(a), ScenarioIdentity.Hash(a with { Policy = a.Policy with { PcpBatch = 64 } }));
        Assert.NotEqual(ScenarioIdentity.Hash(a), ScenarioIdentity.Hash(a with { DurationSeconds = 10 }));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("gcma-microbench")]
    [InlineData("soak")]
    [InlineData("race-contig")]
    public void The_effective_document_loads_back_to_the_same_scenario(string name)
    {
        var scenario = BuiltInScenarios.Load(name);
        var text = ScenarioIdentity.Document(scenario).ToJsonString();
        var back = ScenarioLoader.Parse(text, "back");
        Assert.Equal(ScenarioIdentity.Canonical(ScenarioIdentity.Document(scenario)), ScenarioIdentity.Canonical(ScenarioIdentity.Document(back)));
    }

    [Fact]
    public void Canonical_json_sorts_keys_and_drops_whitespace()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{ "b": [2, {"z": 1, "a": 2}], "a": "x" }""");
        Assert.Equal("""{"a":"x","b":[2,{"a":2,"z":1}]}""", ScenarioIdentity.Canonical(node));
    }
}
