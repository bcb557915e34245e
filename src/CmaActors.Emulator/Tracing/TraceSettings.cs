namespace CmaActors.Emulator.Tracing;

/// <summary>
/// Which part of a run the trace keeps, so that traces of long runs stay small enough to open: a window that opens at
/// <see cref="FromNs"/> (default: the first cma_alloc() call, or the start when the scenario has no CMA driver) and
/// closes when <see cref="MaxEvents"/> events are recorded or the run ends.
/// </summary>
public sealed record TraceSettings
{
    /// <summary>The default cap: about 25 MB of JSON, which Perfetto and chrome://tracing open comfortably.</summary>
    public const int DefaultMaxEvents = 200_000;

    /// <summary>Virtual time the window opens, ns; null for the first cma_alloc() call.</summary>
    public long? FromNs { get; init; }

    /// <summary>
    /// Events after which the window closes: for trace.json handler slices, sends, counter values, mutex holds and waits;
    /// for the ftrace file its lines.
    /// </summary>
    public int MaxEvents { get; init; } = DefaultMaxEvents;

    /// <summary>Virtual time the window closes at the latest, ns; null for none (the cap or the run's end close it).</summary>
    public long? ToNs { get; init; }

    /// <summary>What the window is centred on, in words (e.g. the worst wait), or null when it is not centred.</summary>
    public string? Around { get; init; }
}
