using System.CommandLine;
using System.Runtime.InteropServices;
using CmaActors.Cluster.Jobs;
using CmaActors.Cluster.Nodes;

namespace CmaActors.Cli.Commands;

/// <summary>
/// <c>cma-actors worker --join HOST:PORT [--node HOST:PORT] [--bind HOST] [--slots N]</c>: a worker node of the cluster.
/// It joins the cluster through the node at --join (its own address starts a new cluster), runs the work units that
/// <c>sweep --cluster</c> and <c>explore --cluster</c> hand out, and leaves the cluster on Ctrl+C or SIGTERM.
/// </summary>
public static class WorkerCommand
{
    /// <summary>How long to wait to become a member.</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput output)
    {
        var join = new Option<string[]>("--join")
        {
            Description = "HOST:PORT of a seed node of the cluster (repeatable); this node's own --node address first starts a new cluster when no other seed answers",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var node = new Option<string>("--node")
        {
            Description = $"This node's own HOST[:PORT], as the other nodes reach it (default port {ClusterSwitches.DefaultPort}; 0: any free port)",
            DefaultValueFactory = _ => $"127.0.0.1:{ClusterSwitches.DefaultPort}",
        };
        var bind = new Option<string?>("--bind") { Description = "The address to listen on, when it is not --node's host (0.0.0.0 in a container)" };
        var slots = new Option<int>("--slots")
        {
            Description = "Work units run at once (one simulation each; default: the core count)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors" };
        var command = new Command("worker", "Run as a worker node of a cluster: take runs of sweeps and explorations started with --cluster")
        {
            join, node, bind, slots, quiet,
        };
        command.SetAction(parse =>
        {
            var seeds = parse.GetValue(join)!.Select(j => ClusterSwitches.Address("--join", j, ClusterSwitches.DefaultPort)).ToList();
            var self = ClusterSwitches.Address("--node", parse.GetValue(node)!, ClusterSwitches.DefaultPort);
            var count = parse.GetValue(slots);
            if (count < 1)
                throw new CliInputException($"--slots {count}: must be at least 1");
            var settings = new NodeSettings { Host = self.Host, Port = self.Port, BindHost = parse.GetValue(bind), Seeds = seeds };
            return Run(output, settings, count, parse.GetValue(quiet));
        });
        return command;
    }

    private static int Run(CliOutput output, NodeSettings settings, int slots, bool quiet)
    {
        Action<string>? log = quiet ? null : line => output.Out.WriteLine(line);
        WorkerNode worker;
        try
        {
            worker = WorkerNode.Start(settings, JobKinds.Default(), slots, log);
        }
        catch (ClusterNodeException e)
        {
            output.Error(e.Message);
            return ExitCodes.Failure;
        }

        using (worker)
        {
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.TrySetResult();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            log?.Invoke($"worker {worker.Node.HostPort} ({slots} slot{(slots == 1 ? "" : "s")}): joining the cluster at {string.Join(", ", settings.Seeds)}");
            try
            {
                Task.WhenAny(worker.Node.WaitUpAsync(JoinTimeout), stop.Task).GetAwaiter().GetResult().GetAwaiter().GetResult();
            }
            catch (ClusterNodeException e)
            {
                output.Error(e.Message);
                return ExitCodes.Failure;
            }

            if (!stop.Task.IsCompleted)
                log?.Invoke("member of the cluster; waiting for work (Ctrl+C leaves)");
            var ended = Task.WhenAny(stop.Task, worker.Node.System.WhenTerminated).GetAwaiter().GetResult();
            // Akka's own shutdown hook may leave the cluster on the same signal before this sees it.
            if (ended != stop.Task && !stop.Task.Wait(TimeSpan.FromSeconds(1)))
            {
                output.Error("this node was removed from the cluster (unreachable for too long, or downed)");
                return ExitCodes.Failure;
            }

            log?.Invoke("leaving the cluster");
            worker.Node.LeaveAsync().Wait(TimeSpan.FromSeconds(30));
            return ExitCodes.Ok;
        }
    }
}
