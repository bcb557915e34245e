namespace CmaActors.Cluster.Jobs;

/// <summary>Runs a whole job in this process, seed after seed, until a line stops it: what a cluster run must equal.</summary>
public static class LocalJobRunner
{
    /// <summary>Runs <paramref name="job"/> with the kinds in <paramref name="kinds"/>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="kinds">The kinds known.</param>
    /// <param name="progress">Called after each seed with the number run so far.</param>
    public static IReadOnlyList<JobLine> Run(ClusterJob job, JobKinds kinds, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(kinds);
        job.Validate();
        var lines = new List<JobLine>();
        using var runner = kinds.Get(job.Kind).Open(job.Spec);
        for (var seed = job.First; seed <= job.Last; seed++)
        {
            var line = runner.Run(seed);
            lines.Add(line);
            progress?.Invoke(lines.Count);
            if (line.Stops)
                break;
        }

        return lines;
    }

    /// <summary>The lines as text: one JSON document a line, each ended by a line break.</summary>
    public static string Text(IEnumerable<JobLine> lines) => string.Concat(lines.Select(l => l.Json + "\n"));
}
