using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace CmaActors.Cluster.Nodes;

/// <summary>The Akka configuration of a cluster node: remoting, membership, downing, serialization of job messages.</summary>
public static class ClusterConfig
{
    /// <summary>The actor system name every node uses (it is part of every node's address).</summary>
    public const string SystemName = "cma-actors";

    /// <summary>The role of nodes that run work units.</summary>
    public const string WorkerRole = "worker";

    /// <summary>The role of the node that hands out a job and merges its lines.</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>The name of the worker actor on each worker node (<c>/user/cma-worker</c>).</summary>
    public const string WorkerActorName = "cma-worker";

    /// <summary>The HOCON text for <paramref name="settings"/>.</summary>
    public static string Hocon(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var seeds = string.Join(", ", settings.Seeds.Select(s => Quote(s.AkkaAddress)));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $$"""
            akka {
              loglevel = {{settings.LogLevel}}
              stdout-loglevel = OFF
              loggers = ["CmaActors.Cluster.Nodes.StderrLogger, CmaActors.Cluster"]
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                serializers { cma-jobs = "CmaActors.Cluster.Protocol.JobMessageSerializer, CmaActors.Cluster" }
                serialization-bindings { "CmaActors.Cluster.Protocol.IJobMessage, CmaActors.Cluster" = cma-jobs }
                serialization-identifiers { "CmaActors.Cluster.Protocol.JobMessageSerializer, CmaActors.Cluster" = 7431 }
              }
              remote {
                log-remote-lifecycle-events = off
                dot-netty.tcp {
                  hostname = {{Quote(settings.BindHost ?? settings.Host)}}
                  public-hostname = {{Quote(settings.Host)}}
                  port = {{settings.Port}}
                  # A unit carries its job's spec (a sweep's: every design's scenario): room for large ones.
                  maximum-frame-size = 8 MiB
                  send-buffer-size = 16 MiB
                  receive-buffer-size = 16 MiB
                }
              }
              cluster {
                roles = [{{settings.Role}}]
                seed-nodes = [{{seeds}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{Seconds(settings.StableAfter ?? TimeSpan.FromSeconds(20))}}
                }
                run-coordinated-shutdown-when-down = on
              }
              coordinated-shutdown {
                run-by-actor-system-terminate = {{(settings.LeaveOnTerminate ? "on" : "off")}}
                exit-clr = off
              }
            }
            """);
        text.AppendLine(CultureInfo.InvariantCulture, $"akka.cluster.failure-detector.acceptable-heartbeat-pause = {Seconds(settings.HeartbeatPause)}");
        return text.ToString();
    }

    /// <summary>The configuration for <paramref name="settings"/>.</summary>
    public static Config For(NodeSettings settings) => ConfigurationFactory.ParseString(Hocon(settings));

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###}s");
}
