namespace CmaActors.Cluster.Jobs;

/// <summary>
/// A job: a kind (which code runs it), its spec (JSON, read by that kind on every node) and the seeds it covers,
/// <see cref="First"/> to <see cref="Last"/>. Each seed gives one JSON line; the job's output is those lines in seed
/// order, up to the first line that stops the job (an explored schedule that broke an invariant) or to the last seed.
/// The seed is the kind's own index: for an exploration the schedule's seed, for a sweep the (design, seed) pair's
/// position in the grid.
/// </summary>
/// <param name="Kind">The job kind's name (see <see cref="JobKinds"/>).</param>
/// <param name="Spec">What the kind needs to run any seed, as JSON.</param>
/// <param name="First">The first seed.</param>
/// <param name="Count">How many seeds.</param>
public sealed record ClusterJob(string Kind, string Spec, int First, int Count)
{
    /// <summary>The last seed.</summary>
    public int Last => checked(First + Count - 1);

    /// <summary>Throws <see cref="ArgumentException"/> when the seed range is empty or passes the largest seed.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Kind)) throw new ArgumentException("a job needs a kind");
        if (Count < 1) throw new ArgumentException($"a job needs at least one seed (got {Count})");
        if (First < 0) throw new ArgumentException($"seeds start at 0 (got {First})");
        if ((long)First + Count - 1 > int.MaxValue) throw new ArgumentException("the seed range goes past the largest seed");
    }

    /// <summary>
    /// The job cut into work units of <paramref name="unitSize"/> consecutive seeds (the last one may be shorter), in
    /// seed order. A unit is what a worker pulls at a time.
    /// </summary>
    public IReadOnlyList<WorkUnit> Units(int unitSize)
    {
        if (unitSize < 1) throw new ArgumentException($"a work unit has at least one seed (got {unitSize})");
        var units = new List<WorkUnit>();
        for (long start = First, id = 0; start <= Last; start += unitSize, id++)
            units.Add(new WorkUnit((int)id, (int)start, (int)Math.Min(unitSize, (long)Last - start + 1)));
        return units;
    }

    /// <summary>
    /// The default unit size: about 8 units per slot of <paramref name="slots"/> (so that a lost node's share is small and
    /// a violation stops the others soon), at most 250 seeds.
    /// </summary>
    public int DefaultUnitSize(int slots) => (int)Math.Clamp((long)Count / (8L * Math.Max(1, slots)), 1, 250);
}

/// <summary>A work unit: <paramref name="Count"/> consecutive seeds from <paramref name="First"/>, the <paramref name="Id"/>-th of its job.</summary>
public sealed record WorkUnit(int Id, int First, int Count)
{
    /// <summary>The last seed.</summary>
    public int Last => First + Count - 1;
}
