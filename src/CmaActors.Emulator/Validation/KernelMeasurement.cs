namespace CmaActors.Emulator.Validation;

/// <summary>
/// One measurement file of the kernel oracle (<c>validation/kernel/results/linux-PROFILE-PLAN-smpN.json</c>): a real
/// kernel booted under QEMU, one plan, one vCPU count, and every cma_alloc() it measured.
/// </summary>
public sealed record KernelMeasurement
{
    /// <summary>The file it was read from.</summary>
    public required string File { get; init; }

    /// <summary>The emulator's kernel profile name of the measured kernel ("6.1", "6.12").</summary>
    public required string Profile { get; init; }

    /// <summary>The kernel release measured (uname -r).</summary>
    public required string Release { get; init; }

    /// <summary>The guest: vCPUs, memory, CMA area, pageblock order.</summary>
    public required MeasuredGuest Guest { get; init; }

    /// <summary>The plan's name: idle, churn, pinned, dirty-cache.</summary>
    public required string Plan { get; init; }

    /// <summary>The command that produced the file.</summary>
    public required string Command { get; init; }

    /// <summary>When it was measured.</summary>
    public required string Measured { get; init; }

    /// <summary>Every allocation, in the order measured.</summary>
    public required IReadOnlyList<MeasuredAllocation> Allocations { get; init; }
}

/// <summary>The measured guest.</summary>
public sealed record MeasuredGuest(int Vcpus, int MemoryMiB, int CmaMiB, string CmaArea, int PageblockOrder);

/// <summary>
/// One cma_alloc() the kernel measured; lock figures are the allocating task's acquisitions by lock_stat class. <paramref name="PcpDrainedPages"/> is
/// null where the oracle did not measure it.
/// </summary>
public sealed record MeasuredAllocation(
    int Pages,
    int Rep,
    bool Ok,
    double LatencyUs,
    long Migrated,
    long BusyRetries,
    long? PcpDrainedPages,
    long ZoneLock,
    long PcpLock,
    long CmaMutex,
    long DrainMutex);
