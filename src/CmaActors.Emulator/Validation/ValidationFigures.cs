namespace CmaActors.Emulator.Validation;

/// <summary>
/// The figures <c>cma-actors validate</c> compares, timing-independent counts first (per cma_alloc() call, what the
/// allocating task did), then latency shapes. Lock names are /proc/lock_stat's classes.
/// </summary>
public static class ValidationFigures
{
    /// <summary>&amp;zone->lock acquisitions per call.</summary>
    public const string ZoneLock = "&zone->lock acquisitions";

    /// <summary>&amp;pcp->lock acquisitions per call.</summary>
    public const string PcpLock = "&pcp->lock acquisitions";

    /// <summary>cma_mutex acquisitions per call (cma->alloc_mutex where the area has its own).</summary>
    public const string CmaMutex = "cma_mutex acquisitions";

    /// <summary>pcpu_drain_mutex acquisitions per call.</summary>
    public const string DrainMutex = "pcpu_drain_mutex acquisitions";

    /// <summary>Pages migrated per call.</summary>
    public const string Migrated = "pages migrated";

    /// <summary>-EBUSY retries per call.</summary>
    public const string BusyRetries = "busy retries";

    /// <summary>Pages free_pcppages_bulk() gave back in the calling task, per call.</summary>
    public const string DrainedPages = "pcp pages drained";

    /// <summary>Share of calls that succeeded.</summary>
    public const string SuccessRate = "success rate";

    /// <summary>Median latency of this size ÷ median latency of 1 page, same plan.</summary>
    public const string ShapeToOnePage = "latency / latency of 1 page";

    /// <summary>Median latency under churn ÷ median latency idle, same size.</summary>
    public const string ChurnOverIdle = "latency churn / idle";

    /// <summary>The counts, in the order shown.</summary>
    public static IReadOnlyList<string> Counts { get; } =
        [ZoneLock, PcpLock, CmaMutex, DrainMutex, Migrated, BusyRetries, DrainedPages, SuccessRate];

    /// <summary>Every figure, in the order shown.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Counts, ShapeToOnePage, ChurnOverIdle];

    /// <summary>The size whose shape against 1 page is compared (the others are shown).</summary>
    public const int ShapeSize = 8192;

    /// <summary>Counts are compared within this share of the kernel's value, on the idle plan.</summary>
    public const double CountTolerance = 0.25;

    /// <summary>The 8192-to-1-page latency ratio is compared within this factor.</summary>
    public const double ShapeFactor = 2;
}
