using CmaActors.Memory.Pcp;

namespace CmaActors.Memory.Tests.Pcp;

public class PcpSizingTests
{
    [Theory]
    [InlineData(262_144, 63)] // 1 GiB: min(256, 256) / 4 = 64 -> rounddown_pow_of_two(96) - 1
    [InlineData(1_048_576, 63)] // capped at 1 MiB worth
    [InlineData(16_384, 3)] // 64 MiB: 16 / 4 = 4 -> rounddown_pow_of_two(6) - 1
    [InlineData(4_096, 1)] // 16 MiB: 1 -> rounddown_pow_of_two(1) - 1 = 0, and the caller's max(1, ...)
    [InlineData(0, 1)]
    public void Zone_batchsize_is_a_thousandth_of_the_zone_up_to_1_MiB_as_2_to_the_n_minus_1(long managed, int batch) =>
        Assert.Equal(batch, PcpSizing.ZoneBatchsize(managed));

    [Fact]
    public void Zone_highsize_splits_the_total_over_the_cpus_but_keeps_four_batches()
    {
        Assert.Equal(1000, PcpSizing.ZoneHighsize(4000, 63, 4));
        Assert.Equal(252, PcpSizing.ZoneHighsize(1000, 63, 4));
    }

    [Fact]
    public void Auto_tuned_bounds_are_the_low_watermark_share_and_an_eighth_of_the_zone_share()
    {
        var (min, max) = PcpSizing.AutoTunedBounds(lowWatermark: 4000, managedPages: 262_144, batch: 63, cpus: 4);
        Assert.Equal(1000, min);
        Assert.Equal(8192, max);
    }
}

public class PcpHighBatchTests
{
    [Fact]
    public void Static_sizing_flushes_one_batch_at_high()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.Static, batch: 63, highMin: 378, highMax: 378);
        Assert.Equal(0, pcp.OnFree(0, 377, reclaimActive: false, zoneBelowHigh: false));
        Assert.Equal(63, pcp.OnFree(0, 378, reclaimActive: false, zoneBelowHigh: false));
        Assert.Equal(63, pcp.RefillBatch(0, 0, false));
        Assert.Equal(15, pcp.RefillBatch(2, 0, false));
        Assert.Equal(2, pcp.RefillBatch(6, 0, false));
    }

    [Fact]
    public void Linux_6_1_free_factor_doubles_flushes_until_high_minus_batch_and_an_allocation_halves_it()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.ZoneLowWatermark, batch: 63, highMin: 252, highMax: 252);
        Assert.Equal(0, pcp.OnFree(0, 251, false, false));
        Assert.Equal(63, pcp.OnFree(0, 252, false, false));
        Assert.Equal(1, pcp.FreeFactor);
        Assert.Equal(126, pcp.OnFree(0, 252, false, false));
        Assert.Equal(2, pcp.FreeFactor);
        Assert.Equal(189, pcp.OnFree(0, 252, false, false)); // 252 clamped to high - batch; factor stays
        Assert.Equal(2, pcp.FreeFactor);
        pcp.OnAllocate();
        Assert.Equal(1, pcp.FreeFactor);
    }

    [Fact]
    public void Linux_6_1_frees_every_page_when_orders_1_to_3_are_freed_while_freeing()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.ZoneLowWatermark, batch: 63, highMin: 252, highMax: 252);
        Assert.Equal(0, pcp.OnFree(1, 40, false, false)); // free_factor 0: no free_high
        Assert.Equal(63, pcp.OnFree(0, 252, false, false)); // free_factor 1 now
        Assert.Equal(50, pcp.OnFree(1, 50, false, false)); // free_high: high 0, free everything
    }

    [Fact]
    public void Linux_6_1_reclaim_keeps_four_batches_at_most()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.ZoneLowWatermark, batch: 10, highMin: 1000, highMax: 1000);
        Assert.Equal(0, pcp.OnFree(0, 39, reclaimActive: true, false));
        Assert.Equal(10, pcp.OnFree(0, 40, reclaimActive: true, false));
        Assert.Equal(0, pcp.RefillBatch(0, 0, false) - 10);
    }

    [Fact]
    public void Linux_6_12_refills_grow_high_and_double_the_batch_until_a_free()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 63, highMin: 1000, highMax: 8192);
        Assert.Equal(63, pcp.RefillBatch(0, 0, zoneBelowHigh: false));
        Assert.Equal(1063, pcp.High);
        Assert.Equal(1, pcp.AllocFactor);
        Assert.Equal(126, pcp.RefillBatch(0, 0, false));
        Assert.Equal(1189, pcp.High);
        Assert.Equal(252, pcp.RefillBatch(0, 0, false));
        Assert.Equal(3, pcp.AllocFactor);
        Assert.Equal(31, pcp.RefillBatch(1, 0, false)); // high orders: base batch >> order, no factor
        pcp.OnFree(0, 10, false, false);
        Assert.Equal(1, pcp.AllocFactor);
    }

    [Fact]
    public void Linux_6_12_refill_is_capped_by_the_room_under_high_and_high_does_not_grow_below_the_high_watermark()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 63, highMin: 200, highMax: 200);
        Assert.Equal(63, pcp.RefillBatch(0, count: 0, zoneBelowHigh: false));
        Assert.Equal(200, pcp.High);
        Assert.Equal(126, pcp.RefillBatch(0, count: 0, zoneBelowHigh: false));
        Assert.Equal(137, pcp.RefillBatch(0, count: 0, zoneBelowHigh: false)); // 252 capped at high - count - batch
        Assert.Equal(2, pcp.AllocFactor);
        var tuned = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 63, highMin: 1000, highMax: 8192);
        tuned.RefillBatch(0, 0, zoneBelowHigh: true);
        Assert.Equal(1000, tuned.High);
    }

    [Fact]
    public void Linux_6_12_takes_high_min_above_high_max_as_its_clamp_does()
    {
        // A 1 MiB zone: the low watermark split over the CPUs (40) is above an eighth of the zone (32). The kernel's
        // clamp(high, high_min, high_max) then gives high_max once high reaches it, and high_min below it.
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 1, highMin: 40, highMax: 32);
        Assert.Equal(1, pcp.RefillBatch(0, count: 0, zoneBelowHigh: false));
        Assert.Equal(32, pcp.High);
        Assert.Equal(0, pcp.OnFree(0, count: 20, reclaimActive: false, zoneBelowHigh: false));
        Assert.True(pcp.OnFree(0, count: 40, reclaimActive: false, zoneBelowHigh: false) > 0);
    }

    [Fact]
    public void Linux_6_12_flush_follows_free_count_between_batch_and_high_minus_batch()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 63, highMin: 256, highMax: 256);
        for (var count = 1; count < 256; count++)
            Assert.Equal(0, pcp.OnFree(0, count, false, false));
        Assert.Equal(193, pcp.OnFree(0, 256, false, false));
        Assert.Equal(256, pcp.FreeCount);
        pcp.OnAllocate();
        Assert.Equal(128, pcp.FreeCount);
    }

    [Fact]
    public void Linux_6_12_frees_past_high_raise_high_to_hold_the_freed_batch()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 10, highMin: 100, highMax: 1000);
        for (var count = 1; count < 100; count++)
            Assert.Equal(0, pcp.OnFree(0, count, false, false));
        Assert.Equal(90, pcp.OnFree(0, 100, false, false));
        Assert.Equal(110, pcp.High);
    }

    [Fact]
    public void Linux_6_12_reclaim_and_low_memory_shrink_high()
    {
        var reclaim = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 10, highMin: 100, highMax: 1000);
        reclaim.RefillBatch(0, 0, false); // high 110
        // high becomes min(batch << 2, high - batch) = 40; the flush is free_count clamped to [batch, 40 - batch].
        Assert.Equal(10, reclaim.OnFree(0, 40, reclaimActive: true, zoneBelowHigh: false));
        Assert.Equal(100, reclaim.High);

        var below = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 10, highMin: 100, highMax: 1000);
        for (var i = 0; i < 5; i++)
            below.RefillBatch(0, 0, false);
        Assert.True(below.High > 100);
        var before = below.High;
        Assert.Equal(0, below.OnFree(0, 50, reclaimActive: false, zoneBelowHigh: true));
        Assert.Equal(before - 10, below.High);
    }

    [Fact]
    public void Linux_6_12_consecutive_high_order_frees_flush_in_bulk()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 8, highMin: 1000, highMax: 4000, freeHighBatch: false);
        for (var i = 0; i < 4; i++)
            Assert.Equal(0, pcp.OnFree(1, 2 * (i + 1), false, false)); // free_count reaches batch
        Assert.Equal(10, pcp.OnFree(1, 10, false, false)); // free_high: min(count, batch << 5)
        Assert.Equal(1000, pcp.High);
        var keepsBatch = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 8, highMin: 1000, highMax: 4000, freeHighBatch: true);
        for (var i = 0; i < 4; i++)
            keepsBatch.OnFree(1, 2 * (i + 1) - 7 < 0 ? 1 : 2, false, false);
        Assert.Equal(0, keepsBatch.OnFree(1, 7, false, false)); // PCPF_FREE_HIGH_BATCH keeps a batch on the list
    }

    [Fact]
    public void Drains_go_in_chunks_of_batch_times_two_to_the_scale_max()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 63, highMin: 1000, highMax: 8192);
        Assert.Equal(2016, pcp.DrainChunk(5000));
        Assert.Equal(17, pcp.DrainChunk(17));
        var small = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 4, highMin: 16, highMax: 64, batchScaleMax: 0);
        Assert.Equal(4, small.DrainChunk(10));
    }

    [Fact]
    public void Decay_lowers_high_by_an_eighth_and_frees_what_is_above_it()
    {
        var pcp = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 10, highMin: 100, highMax: 4000);
        for (var i = 0; i < 20; i++)
            pcp.RefillBatch(0, 0, false);
        var high = pcp.High;
        Assert.Equal(0, pcp.Decay(50));
        Assert.Equal(high - (high >> 3), pcp.High);
        var full = new PcpHighBatch(PcpSizingMode.AutoTuned, batch: 10, highMin: 100, highMax: 4000);
        for (var i = 0; i < 20; i++)
            full.RefillBatch(0, 0, false);
        // count far above high: high drops at most batch << 5 below count, and the rest is freed.
        Assert.Equal(320, full.Decay(full.High + 1000));
        Assert.Equal(0, new PcpHighBatch(PcpSizingMode.ZoneLowWatermark, 10, 100, 100).Decay(500));
    }
}
