namespace CmaActors.Emulator.Tracing;

/// <summary>What a Chrome trace event file holds, as far as a timeline picture needs it; times in microseconds.</summary>
public sealed record TraceFile
{
    /// <summary>Process names by pid.</summary>
    public required IReadOnlyDictionary<int, string> Processes { get; init; }

    /// <summary>Thread tracks: (pid, tid, name, sort index).</summary>
    public required IReadOnlyList<(int Pid, int Tid, string Name, int Sort)> Threads { get; init; }

    /// <summary>Complete events ("X").</summary>
    public required IReadOnlyList<(int Pid, int Tid, double Ts, double Dur, string Name)> Slices { get; init; }

    /// <summary>Flow arrows whose start ("s") and end ("f") are both in the file.</summary>
    public required IReadOnlyList<(int FromTid, double FromTs, int ToTid, double ToTs)> Flows { get; init; }

    /// <summary>Counter values ("C"): track name ("NR_FREE_PAGES Normal"), time, value.</summary>
    public required IReadOnlyList<(string Track, double Ts, double Value)> Counters { get; init; }

    /// <summary>Async spans ("b" to "e" with the same category, name and id) on the track they were emitted on.</summary>
    public IReadOnlyList<(int Tid, double FromTs, double ToTs, string Name)> Spans { get; init; } = [];
}
