namespace CmaActors.Emulator.Tracing;

/// <summary>One ftrace event: when, in which task on which CPU, the event's name and its fields as TP_printk prints them.</summary>
/// <param name="TimeNs">Virtual time, ns.</param>
/// <param name="Comm">The task's name (at most 15 characters, TASK_COMM_LEN - 1).</param>
/// <param name="Pid">The task's pid.</param>
/// <param name="Cpu">The CPU the task ran on.</param>
/// <param name="IrqsOff">Interrupts off (under an irq-saving spinlock: zone->lock).</param>
/// <param name="Values">The tracepoint and its fields, kept as numbers (<see cref="Event"/> and <see cref="Fields"/> print them).</param>
public readonly record struct FtraceEvent(long TimeNs, string Comm, int Pid, int Cpu, bool IrqsOff, FtraceFields Values)
{
    /// <summary>The tracepoint's name.</summary>
    public string Event => Values.Event;

    /// <summary>The fields as TP_printk prints them (formatted on each call).</summary>
    public string Fields => Values.ToString();
}

/// <summary>What an <see cref="FtraceRecorder"/> kept of a run: the window and the events in it, in time order.</summary>
public sealed record FtraceRecording
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>CPUs of the machine (the header's #P).</summary>
    public required int Cpus { get; init; }

    /// <summary>Virtual time the window opened, ns (null: it never opened).</summary>
    public required long? WindowFromNs { get; init; }

    /// <summary>Virtual time the window closed, ns.</summary>
    public required long? WindowToNs { get; init; }

    /// <summary>Why the window opened where it did, in words.</summary>
    public required string OpenedBy { get; init; }

    /// <summary>Why the window closed where it did, in words.</summary>
    public required string ClosedBy { get; init; }

    /// <summary>The event cap.</summary>
    public required int MaxEvents { get; init; }

    /// <summary>Whether the cap closed the window.</summary>
    public required bool CapReached { get; init; }

    /// <summary>Virtual time the run reached, ns.</summary>
    public required long RunEndNs { get; init; }

    /// <summary>The events, in time order.</summary>
    public required IReadOnlyList<FtraceEvent> Events { get; init; }
}
