namespace CmaActors.Memory.Pcp;

/// <summary>
/// The sizing state of one struct per_cpu_pages: pcp-&gt;batch, pcp-&gt;high (with high_min/high_max when
/// auto-tuned), alloc_factor, free_count (free_factor before 6.7) and the free_high flags, and the decisions the
/// page allocator takes from them: how many pages a refill asks for (nr_pcp_alloc()), whether a free flushes and how
/// many pages (free_unref_page_commit(), nr_pcp_high(), nr_pcp_free()), how much one drain step frees
/// (drain_pages_zone()) and how high decays (decay_pcp_high()). Pure and single-threaded; the owner of the lists
/// calls it under pcp-&gt;lock.
/// </summary>
public sealed class PcpHighBatch
{
    /// <summary>Creates the state of one pcp.</summary>
    /// <param name="mode">The kernel's sizing rules.</param>
    /// <param name="batch">pcp-&gt;batch.</param>
    /// <param name="highMin">pcp-&gt;high_min (the fixed pcp-&gt;high for <see cref="PcpSizingMode.Static"/> and
    /// <see cref="PcpSizingMode.ZoneLowWatermark"/>).</param>
    /// <param name="highMax">pcp-&gt;high_max; equal to <paramref name="highMin"/> disables auto-tuning (as a manual
    /// percpu_pagelist_high_fraction does).</param>
    /// <param name="batchScaleMax">CONFIG_PCP_BATCH_SCALE_MAX.</param>
    /// <param name="freeHighBatch">PCPF_FREE_HIGH_BATCH: the CPU's data cache slice holds more than 3 × batch pages,
    /// so a batch of pages stays on the list when orders 1..3 are freed in bulk (6.12).</param>
    public PcpHighBatch(PcpSizingMode mode, int batch, int highMin, int highMax, int batchScaleMax = PcpSizing.DefaultBatchScaleMax,
        bool freeHighBatch = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(highMin);
        ArgumentOutOfRangeException.ThrowIfNegative(highMax);
        ArgumentOutOfRangeException.ThrowIfNegative(batchScaleMax);
        Mode = mode;
        Batch = batch;
        HighMin = highMin;
        HighMax = mode == PcpSizingMode.AutoTuned ? highMax : highMin;
        BatchScaleMax = batchScaleMax;
        FreeHighBatch = freeHighBatch;
        High = highMin;
    }

    /// <summary>The sizing rules.</summary>
    public PcpSizingMode Mode { get; }

    /// <summary>pcp-&gt;batch.</summary>
    public int Batch { get; }

    /// <summary>pcp-&gt;high_min.</summary>
    public int HighMin { get; }

    /// <summary>pcp-&gt;high_max.</summary>
    public int HighMax { get; }

    /// <summary>pcp-&gt;high now.</summary>
    public int High { get; private set; }

    /// <summary>CONFIG_PCP_BATCH_SCALE_MAX.</summary>
    public int BatchScaleMax { get; }

    /// <summary>PCPF_FREE_HIGH_BATCH.</summary>
    public bool FreeHighBatch { get; }

    /// <summary>pcp-&gt;alloc_factor (6.7+): refills double while allocations follow allocations.</summary>
    public int AllocFactor { get; private set; }

    /// <summary>pcp-&gt;free_count (6.7+): pages freed since the last allocation, halved on each allocation.</summary>
    public int FreeCount { get; private set; }

    /// <summary>pcp-&gt;free_factor (5.14–6.6): flushes double while frees follow frees.</summary>
    public int FreeFactor { get; private set; }

    /// <summary>PCPF_PREV_FREE_HIGH_ORDER (6.7+): the previous free was of order 1..3.</summary>
    public bool PrevFreeHighOrder { get; private set; }

    /// <summary>The largest refill or flush a pcp of this configuration can ask for, in pages.</summary>
    public int MaxBulkPages => Math.Max(HighMax, Batch << BatchScaleMax);

    /// <summary>rmqueue_pcplist(): an allocation through the lists lowers the free scaling (free_count or free_factor).</summary>
    public void OnAllocate()
    {
        if (Mode == PcpSizingMode.AutoTuned)
            FreeCount >>= 1;
        else if (Mode == PcpSizingMode.ZoneLowWatermark)
            FreeFactor >>= 1;
    }

    /// <summary>
    /// The batch __rmqueue_pcplist() asks rmqueue_bulk() for when the list of <paramref name="order"/> is empty:
    /// nr_pcp_alloc() of 6.7+ (which also grows pcp-&gt;high and alloc_factor), else batch scaled by order.
    /// </summary>
    /// <param name="order">The order of the empty list.</param>
    /// <param name="count">pcp-&gt;count now.</param>
    /// <param name="zoneBelowHigh">ZONE_BELOW_HIGH: the zone's free pages were seen below its high watermark.</param>
    public int RefillBatch(int order, int count, bool zoneBelowHigh)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        if (Mode != PcpSizingMode.AutoTuned)
            return Batch > 1 ? Math.Max(Batch >> order, 2) : Batch;

        var baseBatch = Batch;
        var high = High = KernelClamp(High, HighMin, HighMax);
        if (high < baseBatch)
            return 1;
        var batch = order > 0 ? baseBatch : baseBatch << AllocFactor;
        if (HighMin != HighMax && !zoneBelowHigh)
            high = High = Math.Min(high + batch, HighMax);
        if (order == 0)
        {
            var maxNrAlloc = Math.Max(high - count - baseBatch, baseBatch);
            if (batch <= maxNrAlloc && AllocFactor < BatchScaleMax)
                AllocFactor++;
            batch = Math.Min(batch, maxNrAlloc);
        }

        if (batch > 1)
            batch = Math.Max(batch >> order, 2);
        return batch;
    }

    /// <summary>
    /// free_unref_page_commit() after the page is on the list: the number of pages free_pcppages_bulk() must give
    /// back to the zone now, or 0 when the lists may keep them.
    /// </summary>
    /// <param name="order">The order of the page just added.</param>
    /// <param name="count">pcp-&gt;count with the page added.</param>
    /// <param name="reclaimActive">ZONE_RECLAIM_ACTIVE: kswapd is reclaiming the zone.</param>
    /// <param name="zoneBelowHigh">ZONE_BELOW_HIGH.</param>
    public int OnFree(int order, int count, bool reclaimActive, bool zoneBelowHigh)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        return Mode switch
        {
            PcpSizingMode.Static => count >= High ? Batch : 0,
            PcpSizingMode.ZoneLowWatermark => OnFreeZoneLowWatermark(order, count, reclaimActive),
            _ => OnFreeAutoTuned(order, count, reclaimActive, zoneBelowHigh),
        };
    }

    /// <summary>drain_pages_zone(): the pages one step of a drain frees under pcp-&gt;lock (batch &lt;&lt;
    /// CONFIG_PCP_BATCH_SCALE_MAX at most, as 6.1.y and 6.12 chunk it).</summary>
    public int DrainChunk(int count) => Math.Min(count, Batch << BatchScaleMax);

    /// <summary>
    /// decay_pcp_high() (6.7+, from the vmstat update every second): lowers pcp-&gt;high by an eighth, not below
    /// high_min nor below count - batch × 2^CONFIG_PCP_BATCH_SCALE_MAX, and returns how many pages must be freed
    /// to bring count down to it (0 when none).
    /// </summary>
    public int Decay(int count)
    {
        if (Mode != PcpSizingMode.AutoTuned)
            return 0;
        if (High > HighMin)
            High = Math.Max(Math.Max(count - (Batch << BatchScaleMax), High - (High >> 3)), HighMin);
        return Math.Max(0, count - High);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"batch {Batch} high {High} (min {HighMin}, max {HighMax}) alloc_factor {AllocFactor} free_count {FreeCount} free_factor {FreeFactor}";

    // 6.1: free_unref_page_commit() with nr_pcp_high() and nr_pcp_free() of 5.14–6.6.
    private int OnFreeZoneLowWatermark(int order, int count, bool reclaimActive)
    {
        var freeHigh = FreeFactor > 0 && order is > 0 and <= PerCpuPages.PageAllocCostlyOrder;
        int high;
        if (High == 0 || freeHigh)
            high = 0;
        else
            high = reclaimActive ? Math.Min(Batch << 2, High) : High;
        if (count < high)
            return 0;
        if (freeHigh)
            return count;
        if (high < Batch)
            return 1;
        int minNrFree = Batch, maxNrFree = high - Batch;
        var batch = Batch << FreeFactor;
        if (batch < maxNrFree && FreeFactor < BatchScaleMax)
            FreeFactor++;
        return KernelClamp(batch, minNrFree, maxNrFree);
    }

    // 6.12: free_unref_page_commit() with nr_pcp_high() and nr_pcp_free() of 6.7+.
    private int OnFreeAutoTuned(int order, int count, bool reclaimActive, bool zoneBelowHigh)
    {
        AllocFactor >>= 1;
        var freeHigh = false;
        if (order is > 0 and <= PerCpuPages.PageAllocCostlyOrder)
        {
            freeHigh = FreeCount >= Batch && PrevFreeHighOrder && (!FreeHighBatch || count >= Batch);
            PrevFreeHighOrder = true;
        }
        else
        {
            PrevFreeHighOrder = false;
        }

        if (FreeCount < Batch << BatchScaleMax)
            FreeCount += 1 << order;
        var high = NrPcpHigh(count, reclaimActive, zoneBelowHigh, freeHigh);
        if (count < high)
            return 0;
        return NrPcpFree(count, high, freeHigh);
    }

    private int NrPcpHigh(int count, bool reclaimActive, bool zoneBelowHigh, bool freeHigh)
    {
        var high = High = KernelClamp(High, HighMin, HighMax);
        if (high == 0)
            return 0;
        if (freeHigh)
        {
            High = Math.Max(high - (Batch << BatchScaleMax), HighMin);
            return 0;
        }

        if (reclaimActive)
        {
            var freeCount = Math.Max(FreeCount, Batch);
            High = Math.Max(high - freeCount, HighMin);
            return Math.Min(Batch << 2, High);
        }

        if (HighMin == HighMax)
            return high;
        if (zoneBelowHigh)
        {
            var freeCount = Math.Max(FreeCount, Batch);
            High = Math.Max(high - freeCount, HighMin);
            high = Math.Max(count, HighMin);
        }
        else if (count >= high)
        {
            var needHigh = FreeCount + Batch;
            if (High < needHigh)
                High = KernelClamp(needHigh, HighMin, HighMax);
        }

        return high;
    }

    private int NrPcpFree(int count, int high, bool freeHigh)
    {
        if (freeHigh)
            return Math.Min(count, Batch << BatchScaleMax);
        if (high < Batch)
            return 1;
        return KernelClamp(FreeCount, Batch, high - Batch);
    }

    /// <summary>
    /// The kernel's clamp() (__clamp() in include/linux/minmax.h of 6.12): hi when val &gt;= hi, else lo when
    /// val &lt;= lo, else val. Unlike Math.Clamp it accepts lo &gt; hi, as the kernel must: in a small zone the low
    /// watermark split over the CPUs (high_min) can exceed an eighth of the zone (high_max).
    /// </summary>
    private static int KernelClamp(int val, int lo, int hi) => val >= hi ? hi : val <= lo ? lo : val;
}
