using CmaActors.Memory.Cma;

namespace CmaActors.Memory.Tests.Cma;

public class CmaBitmapTests
{
    [Fact]
    public void Find_next_zero_area_without_alignment()
    {
        var cma = new CmaBitmap("reserved", 0, 64, 0);
        Assert.Equal(64, cma.MaxNo);
        Assert.Equal(0, cma.FindNextZeroAreaOff(0, 8, 0, 0));
        cma.Set(0, 8);
        Assert.Equal(8, cma.FindNextZeroAreaOff(0, 8, 0, 0));
        cma.Set(10, 1);
        Assert.Equal(11, cma.FindNextZeroAreaOff(0, 8, 0, 0)); // 8..9 too short
        Assert.Equal(8, cma.FindNextZeroAreaOff(0, 2, 0, 0));
        Assert.True(cma.FindNextZeroAreaOff(0, 54, 0, 0) >= cma.MaxNo);
        Assert.Equal(64 - 9, cma.AvailableCount);
    }

    [Fact]
    public void Find_with_mask_aligns_the_start()
    {
        var cma = new CmaBitmap("reserved", 0, 64, 0);
        cma.Set(0, 8);
        var mask = cma.BitmapAlignedMask(4);
        Assert.Equal(15, mask);
        Assert.Equal(0, cma.BitmapAlignedOffset(4));
        Assert.Equal(16, cma.FindNextZeroAreaOff(0, 8, mask, 0));
        Assert.Equal(32, cma.FindNextZeroAreaOff(17, 8, mask, 0));
        Assert.True(cma.FindNextZeroAreaOff(49, 8, mask, 0) >= 64);
    }

    [Fact]
    public void Find_with_offset_aligns_the_pfn_not_the_bit()
    {
        // base_pfn 8: bit 8 is pfn 16, the first order-4 aligned pfn after the used bits.
        var cma = new CmaBitmap("reserved", 8, 64, 0);
        cma.Set(0, 4);
        var mask = cma.BitmapAlignedMask(4);
        var offset = cma.BitmapAlignedOffset(4);
        Assert.Equal(8, offset);
        var bit = cma.FindNextZeroAreaOff(0, 4, mask, offset);
        Assert.Equal(8, bit);
        Assert.Equal(16, cma.BitToPfn(bit));
        Assert.Equal(8, cma.PfnToBit(16));
    }

    [Fact]
    public void Order_per_bit_scales_bits_and_pages()
    {
        var cma = new CmaBitmap("reserved", 0, 64, 2);
        Assert.Equal(16, cma.MaxNo);
        Assert.Equal(2, cma.PagesToBits(5));
        Assert.Equal(1, cma.PagesToBits(4));
        Assert.Equal(0, cma.BitmapAlignedMask(1));
        Assert.Equal(0, cma.BitmapAlignedMask(2));
        Assert.Equal(3, cma.BitmapAlignedMask(4));
        Assert.Equal(8, cma.BitToPfn(2));

        cma.Set(0, 2);
        cma.Set(8, 2, pages: 5);
        Assert.Equal(16, cma.Used);
        Assert.Equal(64 - 8 - 5, cma.AvailableCount);
        Assert.Equal(4, cma.FindNextZeroAreaOff(0, 2, cma.BitmapAlignedMask(4), 0));
        Assert.Equal(24, cma.MaxChunk); // runs 2..7 and 10..15: 6 bits of 4 pages
        Assert.True(cma.IsSet(9));
        Assert.False(cma.IsSet(10));

        cma.Clear(8, 2, pages: 5);
        Assert.Equal(56, cma.AvailableCount);
        Assert.Equal(8, cma.Used);
        Assert.Equal(56, cma.MaxChunk);
    }

    [Fact]
    public void Used_and_maxchunk_of_full_and_empty_bitmaps()
    {
        var cma = new CmaBitmap("reserved", 0, 100, 0);
        Assert.Equal(0, cma.Used);
        Assert.Equal(100, cma.MaxChunk);
        cma.Set(0, 100);
        Assert.Equal(100, cma.Used);
        Assert.Equal(0, cma.MaxChunk);
        Assert.True(cma.AreAllSet(0, 100));
        Assert.Equal(100, cma.FindNextZeroBit(0));
    }

    [Fact]
    public void Debugfs_bitmap_is_u32_words()
    {
        var cma = new CmaBitmap("reserved", 0, 16, 0);
        cma.Set(0, 2);
        cma.Set(8, 2);
        Assert.Equal("771\n", cma.FormatBitmap());

        var wide = new CmaBitmap("wide", 0, 72, 0);
        wide.Set(32, 1);
        wide.Set(64, 8);
        Assert.Equal("0 1 255\n", wide.FormatBitmap());
        wide.Set(0, 32);
        Assert.Equal("4294967295 1 255\n", wide.FormatBitmap());
    }

    [Fact]
    public void Show_areas_lists_free_runs()
    {
        var cma = new CmaBitmap("reserved", 0, 64, 2);
        cma.Set(0, 2);
        cma.Set(8, 2);
        Assert.Equal("number of available pages: 24@2+24@10=> 48 free of 64 total pages", cma.ShowAreas());
        cma.Set(0, 16);
        Assert.Equal("number of available pages: => 0 free of 64 total pages", cma.ShowAreas());
    }

    [Fact]
    public void Set_out_of_range_is_rejected()
    {
        var cma = new CmaBitmap("reserved", 0, 64, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => cma.Set(60, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => cma.IsSet(64));
    }
}
