namespace CmaActors.Memory.Pcp;

/// <summary>
/// The boot-time sizing of per-CPU page lists (mm/page_alloc.c): zone_batchsize() and zone_highsize(), as both 6.1
/// and 6.12 compute them (CONFIG_MMU).
/// </summary>
public static class PcpSizing
{
    /// <summary>MIN_PERCPU_PAGELIST_HIGH_FRACTION: the largest share of a zone the pcp lists may hold (an eighth).</summary>
    public const int MinPercpuPagelistHighFraction = 8;

    /// <summary>The default CONFIG_PCP_BATCH_SCALE_MAX (mm/Kconfig, range 0..6).</summary>
    public const int DefaultBatchScaleMax = 5;

    /// <summary>
    /// zone_batchsize(): about 0.1% of the zone or 1 MiB, whichever is smaller, divided by 4, at least 1, then
    /// clamped to 2^n - 1 (rounddown_pow_of_two(batch + batch / 2) - 1), and at least 1 as its caller takes it. 63 for any zone of 256 MiB and more with
    /// 4 KiB pages.
    /// </summary>
    /// <param name="managedPages">zone_managed_pages(zone).</param>
    /// <param name="pageSize">PAGE_SIZE in bytes.</param>
    public static int ZoneBatchsize(long managedPages, int pageSize = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(managedPages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var batch = Math.Min(managedPages >> 10, (1 << 20) / pageSize);
        batch /= 4;
        if (batch < 1)
            batch = 1;
        // zone_set_pageset_high_and_batch() takes max(1, zone_batchsize()).
        return Math.Max(1, (int)RoundDownPowerOfTwo(batch + batch / 2) - 1);
    }

    /// <summary>
    /// zone_highsize(): <paramref name="totalPages"/> split over the zone's CPUs, at least batch × 4. The caller passes
    /// the zone's low watermark (the default) or zone_managed_pages / fraction.
    /// </summary>
    /// <param name="totalPages">low_wmark_pages(zone), or managed pages / percpu_pagelist_high_fraction.</param>
    /// <param name="batch">pcp-&gt;batch.</param>
    /// <param name="cpus">CPUs the value is split across (cpumask_weight of the zone's node).</param>
    public static int ZoneHighsize(long totalPages, int batch, int cpus)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalPages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpus);
        var high = totalPages / cpus;
        return (int)Math.Min(int.MaxValue, Math.Max(high, (long)batch << 2));
    }

    /// <summary>
    /// zone_set_pageset_high_and_batch() of 6.7+: high_min from the low watermark, high_max from an eighth of the
    /// zone (MIN_PERCPU_PAGELIST_HIGH_FRACTION), both split over the CPUs.
    /// </summary>
    public static (int HighMin, int HighMax) AutoTunedBounds(long lowWatermark, long managedPages, int batch, int cpus) =>
        (ZoneHighsize(lowWatermark, batch, cpus), ZoneHighsize(managedPages / MinPercpuPagelistHighFraction, batch, cpus));

    private static long RoundDownPowerOfTwo(long n) => n < 1 ? 0 : 1L << (63 - (int)long.LeadingZeroCount(n));
}
