using Akka.Actor;
using CmaActors.Cluster.Jobs;

namespace CmaActors.Cluster.Nodes;

/// <summary>What happens to a job on the cluster, as its coordinator sees it (for progress and logs).</summary>
public abstract record JobEvent;

/// <summary>A worker node is up and will be offered the job.</summary>
public sealed record WorkerJoined(Address Node) : JobEvent;

/// <summary>A unit (or what is left of it) went to a slot of <paramref name="Node"/>.</summary>
public sealed record UnitAssigned(int Unit, Address Node, int First, int Last) : JobEvent;

/// <summary>
/// A seed's line arrived from <paramref name="Node"/> for the first time (a command that keeps lines as they come, to
/// resume later, takes them here); <paramref name="Received"/> lines held so far.
/// </summary>
public sealed record LineReceived(int Seed, string Json, Address Node, int Received, bool Stops) : JobEvent;

/// <summary><paramref name="Node"/> became unreachable or left; its unfinished <paramref name="Units"/> are handed out again.</summary>
public sealed record NodeLost(Address Node, string How, IReadOnlyList<int> Units) : JobEvent;

/// <summary>A job run on the cluster: its merged lines and how the work was spread.</summary>
/// <param name="Lines">The lines, in seed order, up to the seed that stopped the job or the last one.</param>
/// <param name="Elapsed">Wall-clock time from the job's start to its merge.</param>
/// <param name="Units">Units the job was cut into.</param>
/// <param name="UnitsReassigned">Units handed out again because their node was lost.</param>
/// <param name="SeedsByNode">Lines received from each node (duplicates from reassigned units included).</param>
/// <param name="NodesLost">Nodes that became unreachable or left while the job ran.</param>
public sealed record JobOutcome(IReadOnlyList<JobLine> Lines, TimeSpan Elapsed, int Units, int UnitsReassigned,
    IReadOnlyDictionary<string, int> SeedsByNode, IReadOnlyList<string> NodesLost);

/// <summary>The job could not be run on the cluster; the message says why.</summary>
public sealed class ClusterJobException(string message) : Exception(message);
