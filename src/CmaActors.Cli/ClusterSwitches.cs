using System.CommandLine;
using CmaActors.Cluster.Nodes;

namespace CmaActors.Cli;

/// <summary>What <c>--cluster</c> and the options with it ask for.</summary>
/// <param name="Node">The coordinator node's settings (its seed: the <c>--cluster</c> node).</param>
/// <param name="UnitSize">Seeds per work unit (0: the default).</param>
public sealed record ClusterRequest(NodeSettings Node, int UnitSize);

/// <summary>
/// <c>--cluster HOST:PORT</c> (run across the worker nodes of the cluster that node is in), <c>--node HOST:PORT</c> (this
/// node's own address), <c>--bind HOST</c> (the address to listen on), <c>--unit N</c> (seeds per work unit).
/// </summary>
public sealed class ClusterSwitches
{
    /// <summary>The default port of a node (Akka.Remote's usual one).</summary>
    public const int DefaultPort = 4053;

    private readonly Option<string?> _cluster = new("--cluster")
    {
        Description = "Run across the worker nodes of the cluster that the node at HOST:PORT belongs to (see 'cma-actors worker')",
    };

    private readonly Option<string> _node = new("--node")
    {
        Description = "With --cluster: this node's own HOST[:PORT], as the workers reach it (port 0: any free port)",
        DefaultValueFactory = _ => "127.0.0.1:0",
    };

    private readonly Option<string?> _bind = new("--bind") { Description = "With --cluster: the address to listen on, when it is not --node's host (0.0.0.0 in a container)" };

    private readonly Option<int> _unit = new("--unit") { Description = "With --cluster: seeds per work unit (default: the seeds / 64, at most 250)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_cluster);
        command.Options.Add(_node);
        command.Options.Add(_bind);
        command.Options.Add(_unit);
    }

    /// <summary>True when <c>--cluster</c> was given.</summary>
    public bool Requested(ParseResult parse) => parse.GetValue(_cluster) is not null;

    /// <summary>The request; a bad address or unit size is bad input.</summary>
    public ClusterRequest Read(ParseResult parse)
    {
        var seed = Address("--cluster", parse.GetValue(_cluster)!, null);
        var self = Address("--node", parse.GetValue(_node)!, 0);
        var unit = parse.GetValue(_unit);
        if (unit < 0)
            throw new CliInputException($"--unit {unit}: must be at least 1");
        return new ClusterRequest(new NodeSettings
        {
            Host = self.Host, Port = self.Port, BindHost = parse.GetValue(_bind), Seeds = [seed], Role = ClusterConfig.CoordinatorRole, LogLevel = "ERROR",
        }, unit);
    }

    /// <summary>Reads a HOST:PORT option; a bad one is bad input naming the option.</summary>
    public static NodeAddress Address(string option, string text, int? defaultPort)
    {
        try
        {
            return NodeAddress.Parse(text, defaultPort);
        }
        catch (FormatException e)
        {
            throw new CliInputException($"{option} {e.Message}");
        }
    }
}
