using CmaActors.Cluster.Nodes;

namespace CmaActors.Cluster.Tests;

public sealed class NodeAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053)]
    [InlineData("cma-worker-0.cma-worker:4053", "cma-worker-0.cma-worker", 4053)]
    [InlineData("[::1]:4053", "::1", 4053)]
    public void Host_and_port_are_read(string text, string host, int port)
    {
        var address = NodeAddress.Parse(text);
        Assert.Equal(new NodeAddress(host, port), address);
    }

    [Theory]
    [InlineData("127.0.0.1", "the port is missing")]
    [InlineData(":4053", "the host is missing")]
    [InlineData("host:http", "the port must be a number")]
    [InlineData("host:70000", "the port must be a number")]
    public void A_bad_address_says_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => NodeAddress.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_akka_address_names_the_cluster_system()
    {
        Assert.Equal("akka.tcp://cma-actors@10.1.2.3:4053", NodeAddress.Parse("10.1.2.3:4053").AkkaAddress);
    }
}
