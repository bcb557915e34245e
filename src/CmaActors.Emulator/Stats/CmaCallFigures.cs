namespace CmaActors.Emulator.Stats;

/// <summary>
/// What one cma_alloc() call did in its caller's task, as the kernel's per-allocation measurements count it: latency
/// from cma_alloc_start to cma_alloc_finish, pages migrated (mm_migrate_pages, reason=contig_range), -EBUSY retries,
/// pages freed by free_pcppages_bulk() in the task (mm_page_pcpu_drain), and lock acquisitions by lock class as
/// /proc/lock_stat names them (<c>&amp;zone->lock</c>, <c>&amp;pcp->lock</c>, <c>&amp;cma->lock</c>, <c>cma_mutex</c>,
/// <c>pcpu_drain_mutex</c>...).
/// </summary>
public sealed record CmaCallFigures
{
    /// <summary>The CMA area's name.</summary>
    public required string Area { get; init; }

    /// <summary>Pages asked for.</summary>
    public required int Pages { get; init; }

    /// <summary>The caller's CPU.</summary>
    public required int Cpu { get; init; }

    /// <summary>When the caller called cma_alloc(), run time ns.</summary>
    public required long StartNs { get; init; }

    /// <summary>When cma_alloc() returned, run time ns.</summary>
    public required long EndNs { get; init; }

    /// <summary>True when the call returned the pages.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Pages migrated (discarded clean pages not counted).</summary>
    public required long PagesMigrated { get; init; }

    /// <summary>-EBUSY retries on a further range.</summary>
    public required int BusyRetries { get; init; }

    /// <summary>Pages free_pcppages_bulk() gave back to the buddy on the call's behalf.</summary>
    public required long PcpDrainedPages { get; init; }

    /// <summary>Lock acquisitions on the call's behalf, by lock class.</summary>
    public required IReadOnlyDictionary<string, long> LockAcquisitions { get; init; }

    /// <summary>Latency, µs.</summary>
    public double LatencyUs => (EndNs - StartNs) / 1_000.0;

    /// <summary>Acquisitions of <paramref name="lockClass"/> (0 when never taken).</summary>
    public long Acquisitions(string lockClass) => LockAcquisitions.TryGetValue(lockClass, out var n) ? n : 0;
}
