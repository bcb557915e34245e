namespace CmaActors.Cluster.Jobs;

/// <summary>
/// Collects a job's lines as they arrive, from any node in any order, and gives them back in seed order up to the
/// job's end: the lowest seed whose line stops the job, or the last seed. The result depends only on which lines
/// arrived, never on their order. A seed's line may arrive twice (a unit handed out again after its node was lost);
/// the copies must be equal, since a seed's line is a pure function of (spec, seed).
/// </summary>
public sealed class JobMerger
{
    private readonly ClusterJob _job;
    private readonly Dictionary<int, JobLine> _lines = [];
    private int _next;

    /// <summary>An empty merge of <paramref name="job"/>'s lines.</summary>
    public JobMerger(ClusterJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        _job = job;
        _next = job.First;
    }

    /// <summary>The lowest seed seen whose line stops the job, or null.</summary>
    public int? StopSeed { get; private set; }

    /// <summary>The last seed the output needs: <see cref="StopSeed"/>, or the job's last seed.</summary>
    public int End => StopSeed ?? _job.Last;

    /// <summary>True when every seed from the first to <see cref="End"/> has its line.</summary>
    public bool Complete => _next > End;

    /// <summary>Lines held for seeds up to <see cref="End"/>.</summary>
    public int Received => _lines.Count;

    /// <summary>Adds a line; returns false when the seed already had it (or is past the end), true when it is new.</summary>
    /// <exception cref="JobDeterminismException">The seed already had a different line.</exception>
    public bool Add(JobLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Seed < _job.First || line.Seed > _job.Last)
            throw new ArgumentOutOfRangeException(nameof(line), line.Seed, $"seed outside the job's {_job.First}..{_job.Last}");
        if (_lines.TryGetValue(line.Seed, out var held))
        {
            if (held.Json != line.Json || held.Stops != line.Stops)
                throw new JobDeterminismException(line.Seed, held.Json, line.Json);
            return false;
        }

        if (line.Seed > End)
            return false;
        _lines.Add(line.Seed, line);
        if (line.Stops && (StopSeed is null || line.Seed < StopSeed))
        {
            StopSeed = line.Seed;
            foreach (var seed in _lines.Keys.Where(s => s > line.Seed).ToList())
                _lines.Remove(seed);
        }

        while (_next <= End && _lines.ContainsKey(_next))
            _next++;
        return true;
    }

    /// <summary>True when <paramref name="seed"/> has its line.</summary>
    public bool Has(int seed) => _lines.ContainsKey(seed);

    /// <summary>The first seed of <paramref name="unit"/> still without a line and not past <see cref="End"/>, or null.</summary>
    public int? FirstMissing(WorkUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        for (var seed = Math.Max(unit.First, _next); seed <= Math.Min(unit.Last, End); seed++)
        {
            if (!_lines.ContainsKey(seed))
                return seed;
        }

        return null;
    }

    /// <summary>The merged output: the lines from the first seed to <see cref="End"/>, in seed order.</summary>
    /// <exception cref="InvalidOperationException">Some line is still missing.</exception>
    public IReadOnlyList<JobLine> Lines()
    {
        if (!Complete)
            throw new InvalidOperationException($"seed {_next} has no line yet");
        var lines = new List<JobLine>(End - _job.First + 1);
        for (var seed = _job.First; seed <= End; seed++)
            lines.Add(_lines[seed]);
        return lines;
    }
}

/// <summary>Two nodes gave different lines for one seed: a run is not a pure function of (spec, seed).</summary>
public sealed class JobDeterminismException(int seed, string first, string second)
    : Exception($"seed {seed} gave two different results, so a run is not determined by its seed:\n  {first}\n  {second}")
{
    /// <summary>The seed.</summary>
    public int Seed { get; } = seed;
}
