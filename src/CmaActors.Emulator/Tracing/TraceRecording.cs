namespace CmaActors.Emulator.Tracing;

/// <summary>What a <see cref="TraceRecorder"/> kept of a run: the window, the tracks and the events in it.</summary>
public sealed record TraceRecording
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>The options the recorder ran with.</summary>
    public required TraceSettings Options { get; init; }

    /// <summary>True when the times are wall time (a parallel run), false when virtual (a simulation).</summary>
    public bool WallClock { get; init; }

    /// <summary>Virtual time the window opened, ns (null: it never opened).</summary>
    public required long? WindowFromNs { get; init; }

    /// <summary>Virtual time the window closed, ns.</summary>
    public required long? WindowToNs { get; init; }

    /// <summary>Why the window opened where it did, in words.</summary>
    public required string OpenedBy { get; init; }

    /// <summary>Why the window closed where it did, in words.</summary>
    public required string ClosedBy { get; init; }

    /// <summary>Whether the event cap closed the window.</summary>
    public required bool CapReached { get; init; }

    /// <summary>Deliveries in the whole run.</summary>
    public required long RunDeliveries { get; init; }

    /// <summary>Virtual time the run reached, ns.</summary>
    public required long RunEndNs { get; init; }

    /// <summary>Tracks of the actors that appear in the window, by actor id.</summary>
    public required IReadOnlyList<TraceTrack> Tracks { get; init; }

    /// <summary>Handler slices in start order.</summary>
    public required IReadOnlyList<TracedSlice> Slices { get; init; }

    /// <summary>Sends whose delivery is also in the window (each a flow), in send order.</summary>
    public required IReadOnlyList<TracedFlow> Flows { get; init; }

    /// <summary>The counter tracks.</summary>
    public required IReadOnlyList<CounterSeries> CounterSeries { get; init; }

    /// <summary>Counter values in time order.</summary>
    public required IReadOnlyList<TracedCounter> Counters { get; init; }

    /// <summary>Mutex holds and waits.</summary>
    public required IReadOnlyList<TracedSpan> Spans { get; init; }

    /// <summary>The kernel tracepoints of the same run for the ftrace text file (null when not recorded).</summary>
    public FtraceRecording? Ftrace { get; init; }
}
