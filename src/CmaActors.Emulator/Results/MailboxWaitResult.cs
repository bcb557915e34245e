namespace CmaActors.Emulator.Results;

/// <summary>
/// Mailbox wait of one actor, or of a group of short-lived ones (the cma_alloc calls of an area): messages handled,
/// how many arrived while it was busy, and their wait from arrival to handling, in virtual ns.
/// </summary>
public sealed record MailboxWaitResult
{
    /// <summary>Actor path under the machine, or the group name.</summary>
    public required string Actor { get; init; }

    /// <summary>What it plays: cpu, zone, cmaArea, mutex, task, device, other.</summary>
    public required string Role { get; init; }

    /// <summary>The CPU it runs on (-1 for locks and devices).</summary>
    public required int Cpu { get; init; }

    /// <summary>Actors in the row (1, or the size of the group).</summary>
    public required int Actors { get; init; }

    /// <summary>Messages handled.</summary>
    public required long Deliveries { get; init; }

    /// <summary>Messages that waited.</summary>
    public required long Waited { get; init; }

    /// <summary>Total wait.</summary>
    public required long WaitTotalNs { get; init; }

    /// <summary>Longest wait.</summary>
    public required long WaitMaxNs { get; init; }

    /// <summary>WaitTotalNs / Waited (0 when nothing waited).</summary>
    public required long WaitAvgNs { get; init; }
}
