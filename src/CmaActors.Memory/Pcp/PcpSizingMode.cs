namespace CmaActors.Memory.Pcp;

/// <summary>How a kernel sizes pcp-&gt;high and the refill/free batches of its per-CPU page lists.</summary>
public enum PcpSizingMode
{
    /// <summary>
    /// Before 5.14: pcp-&gt;high = 6 × batch (pageset_set_batch()), every refill and flush moves one batch.
    /// </summary>
    Static,

    /// <summary>
    /// 5.14 to 6.6 (6.1): pcp-&gt;high from the zone's low watermark split over the CPUs (zone_highsize()), fixed;
    /// frees scale by free_factor (nr_pcp_free()), orders 1..3 freed in bulk while freeing (free_high), and high
    /// shrinks to 4 × batch while reclaim is active (nr_pcp_high()).
    /// </summary>
    ZoneLowWatermark,

    /// <summary>
    /// 6.7 on (6.12): pcp-&gt;high auto-tuned between high_min (low watermark share) and high_max (an eighth of the
    /// zone, shared), growing on refills (nr_pcp_alloc() with alloc_factor), following free_count on frees
    /// (nr_pcp_high(), nr_pcp_free()) and decaying every second (decay_pcp_high()).
    /// </summary>
    AutoTuned,
}
