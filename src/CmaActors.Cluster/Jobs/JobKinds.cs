using CmaActors.Cluster.Kinds;

namespace CmaActors.Cluster.Jobs;

/// <summary>The job kinds a node knows, by name.</summary>
public sealed class JobKinds
{
    private readonly Dictionary<string, IJobKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>Kinds given explicitly.</summary>
    public JobKinds(params IEnumerable<IJobKind> kinds)
    {
        foreach (var kind in kinds)
            Add(kind);
    }

    /// <summary>The kinds every node knows: <c>explore</c>, <c>runs</c> and <c>sweep</c>.</summary>
    public static JobKinds Default() => new(new ExploreJobKind(), new RunsJobKind(), new SweepJobKind());

    /// <summary>The names known, sorted.</summary>
    public IReadOnlyList<string> Names => _kinds.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Adds (or replaces) a kind.</summary>
    public JobKinds Add(IJobKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _kinds[kind.Name] = kind;
        return this;
    }

    /// <summary>The kind named <paramref name="name"/>.</summary>
    /// <exception cref="JobSpecException">No such kind on this node.</exception>
    public IJobKind Get(string name) =>
        _kinds.TryGetValue(name, out var kind)
            ? kind
            : throw new JobSpecException($"this node does not know the job kind '{name}' (known: {string.Join(", ", Names)})");
}
