namespace CmaActors.Cluster.Jobs;

/// <summary>
/// A kind of job: how a node runs any seed of a job of this kind. Running a seed must be a pure function of (spec,
/// seed): the same line on any node, in any process, at any time — the merged output of a cluster run is then the
/// output of a one-process run, byte for byte.
/// </summary>
public interface IJobKind
{
    /// <summary>The kind's name, as jobs name it.</summary>
    string Name { get; }

    /// <summary>Reads <paramref name="spec"/> and prepares to run its seeds (one runner per thread; it is disposed after the job).</summary>
    /// <exception cref="JobSpecException">The spec cannot be run.</exception>
    IJobRunner Open(string spec);
}

/// <summary>Runs seeds of one job, one after the other, on one thread.</summary>
public interface IJobRunner : IDisposable
{
    /// <summary>Runs <paramref name="seed"/> and returns its line.</summary>
    JobLine Run(int seed);
}

/// <summary>A job spec that a kind cannot run; the message says why, in the user's words.</summary>
public sealed class JobSpecException(string message) : Exception(message);
