using CmaActors.Cluster.Nodes;
using CmaActors.Cluster.Protocol;

namespace CmaActors.Cluster.Tests;

public sealed class JobMessageSerializerTests
{
    private static readonly IJobMessage[] Messages =
    [
        new JobAvailable("j1"),
        new RequestWork("j1"),
        new Work("j1", "explore", "{\"scenario\":{\"name\":\"a \\\"quoted\\\" name ✓\"}}", 3, 30, 39, 1_000),
        new NoWork("j1"),
        new SeedDone("j1", 3, 31, "{\"seed\":31}", true),
        new UnitDone("j1", 3),
        new UnitFailed("j1", 3, "this node does not know the job kind 'sweep'"),
        new WorkDeclined("j1", 3),
        new StopAt("j1", 31),
        new JobOver("j1"),
    ];

    [Fact]
    public void Every_job_message_crosses_the_cluster_unchanged()
    {
        // The node's own configuration binds the serializer: what goes over the wire is what this test round-trips.
        using var node = ClusterNode.Start(new NodeSettings { Port = 0, LogLevel = "ERROR" });
        var serialization = node.System.Serialization;
        foreach (var message in Messages)
        {
            var serializer = Assert.IsType<JobMessageSerializer>(serialization.FindSerializerFor(message));
            var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, serializer.Manifest(message));
            Assert.Equal(message, back);
        }
    }
}
