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

    /// <summary>Events (handler slices, sends, counter values, mutex holds and waits) after which the window closes.</summary>
    public int MaxEvents { get; init; } = DefaultMaxEvents;
}
