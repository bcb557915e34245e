using System.Numerics;
using System.Text;

namespace CmaActors.Memory.Cma;

/// <summary>
/// The bitmap and counters of <c>struct cma</c> (mm/cma.c): one bit per 2^order_per_bit pages,
/// <c>available_count</c> in pages, and the debugfs views (<c>used</c>, <c>maxchunk</c>, <c>bitmap</c>)
/// and cma_debug_show_areas().
/// </summary>
/// <remarks>Not thread-safe: the caller plays cma-&gt;lock.</remarks>
public sealed class CmaBitmap
{
    private readonly ulong[] words;

    /// <summary>Creates an area of <paramref name="count"/> pages from <paramref name="basePfn"/>, all bits clear.</summary>
    public CmaBitmap(string name, int basePfn, int count, int orderPerBit)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(basePfn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (orderPerBit is < 0 or > 20)
            throw new ArgumentOutOfRangeException(nameof(orderPerBit), orderPerBit, "must be in 0..20");
        Name = name;
        BasePfn = basePfn;
        Count = count;
        OrderPerBit = orderPerBit;
        MaxNo = count >> orderPerBit;
        words = new ulong[(MaxNo + 63) / 64];
        AvailableCount = count;
    }

    /// <summary>cma-&gt;name.</summary>
    public string Name { get; }

    /// <summary>cma-&gt;base_pfn.</summary>
    public int BasePfn { get; }

    /// <summary>cma-&gt;count: pages in the area.</summary>
    public int Count { get; }

    /// <summary>cma-&gt;order_per_bit.</summary>
    public int OrderPerBit { get; }

    /// <summary>cma_bitmap_maxno(): number of bits.</summary>
    public int MaxNo { get; }

    /// <summary>cma-&gt;available_count: pages not handed out (maintained by <see cref="Set(int, int, int)"/> / <see cref="Clear(int, int, int)"/>).</summary>
    public long AvailableCount { get; private set; }

    /// <summary>debugfs <c>used</c>: set bits × pages per bit.</summary>
    public long Used => (long)CountSetBits() << OrderPerBit;

    /// <summary>debugfs <c>maxchunk</c>: the largest run of clear bits, in pages.</summary>
    public long MaxChunk
    {
        get
        {
            var max = 0;
            var end = 0;
            while (true)
            {
                var start = FindNextZeroBit(end);
                if (start >= MaxNo)
                    break;
                end = FindNextBit(start);
                max = Math.Max(max, end - start);
            }
            return (long)max << OrderPerBit;
        }
    }

    /// <summary>cma_bitmap_aligned_mask(): bit mask for an allocation aligned to 2^alignOrder pages.</summary>
    public int BitmapAlignedMask(int alignOrder) =>
        alignOrder <= OrderPerBit ? 0 : (1 << (alignOrder - OrderPerBit)) - 1;

    /// <summary>cma_bitmap_aligned_offset(): bit offset that makes base_pfn + bit × pages-per-bit aligned.</summary>
    public int BitmapAlignedOffset(int alignOrder) =>
        (BasePfn & ((1 << alignOrder) - 1)) >> OrderPerBit;

    /// <summary>cma_bitmap_pages_to_bits(): pages rounded up to whole bits.</summary>
    public int PagesToBits(int pages) =>
        (int)((((long)pages + (1L << OrderPerBit) - 1) & ~((1L << OrderPerBit) - 1)) >> OrderPerBit);

    /// <summary>First pfn covered by bit <paramref name="bitNo"/>.</summary>
    public int BitToPfn(int bitNo) => BasePfn + (bitNo << OrderPerBit);

    /// <summary>Bit covering <paramref name="pfn"/> ((pfn - base_pfn) &gt;&gt; order_per_bit).</summary>
    public int PfnToBit(int pfn) => (pfn - BasePfn) >> OrderPerBit;

    /// <summary>
    /// bitmap_find_next_zero_area_off(bitmap, maxno, start, nr, mask, offset): the first bit index at or after
    /// <paramref name="start"/> where <paramref name="nrBits"/> clear bits begin and (index + offset) is aligned
    /// to mask + 1. Returns a value &gt;= <see cref="MaxNo"/> when there is none.
    /// </summary>
    public int FindNextZeroAreaOff(int start, int nrBits, int mask, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(nrBits);
        while (true)
        {
            long index = FindNextZeroBit(start);
            index = ((index + offset + mask) & ~(long)mask) - offset;
            var end = index + nrBits;
            if (end > MaxNo)
                return (int)Math.Min(end, int.MaxValue);
            var i = FindNextBit((int)index, (int)end);
            if (i < end)
            {
                start = i + 1;
                continue;
            }
            return (int)index;
        }
    }

    /// <summary>bitmap_set(); available_count drops by nrBits × pages per bit.</summary>
    public void Set(int bitNo, int nrBits) => Set(bitNo, nrBits, nrBits << OrderPerBit);

    /// <summary>bitmap_set(); available_count drops by <paramref name="pages"/> (cma_alloc() subtracts the pages asked for).</summary>
    public void Set(int bitNo, int nrBits, int pages)
    {
        CheckBits(bitNo, nrBits);
        for (var b = bitNo; b < bitNo + nrBits; b++)
            words[b >> 6] |= 1UL << (b & 63);
        AvailableCount -= pages;
    }

    /// <summary>bitmap_clear(); available_count grows by nrBits × pages per bit.</summary>
    public void Clear(int bitNo, int nrBits) => Clear(bitNo, nrBits, nrBits << OrderPerBit);

    /// <summary>cma_clear_bitmap(): bitmap_clear(); available_count grows by <paramref name="pages"/>.</summary>
    public void Clear(int bitNo, int nrBits, int pages)
    {
        CheckBits(bitNo, nrBits);
        for (var b = bitNo; b < bitNo + nrBits; b++)
            words[b >> 6] &= ~(1UL << (b & 63));
        AvailableCount += pages;
    }

    /// <summary>test_bit().</summary>
    public bool IsSet(int bitNo)
    {
        if ((uint)bitNo >= (uint)MaxNo)
            throw new ArgumentOutOfRangeException(nameof(bitNo), bitNo, null);
        return (words[bitNo >> 6] & (1UL << (bitNo & 63))) != 0;
    }

    /// <summary>True when every bit of [bitNo, bitNo + nrBits) is set.</summary>
    public bool AreAllSet(int bitNo, int nrBits)
    {
        CheckBits(bitNo, nrBits);
        return FindNextZeroBit(bitNo, bitNo + nrBits) >= bitNo + nrBits;
    }

    /// <summary>bitmap_weight().</summary>
    public int CountSetBits()
    {
        var n = 0;
        foreach (var w in words)
            n += BitOperations.PopCount(w);
        return n;
    }

    /// <summary>find_next_zero_bit(bitmap, maxno, start).</summary>
    public int FindNextZeroBit(int start) => FindNextZeroBit(start, MaxNo);

    /// <summary>find_next_bit(bitmap, maxno, start).</summary>
    public int FindNextBit(int start) => FindNextBit(start, MaxNo);

    /// <summary>
    /// debugfs <c>bitmap</c>: the bitmap as DIV_ROUND_UP(maxno, 32) u32 words printed "%u" separated by spaces
    /// and ended by a newline (debugfs_create_u32_array()).
    /// </summary>
    public string FormatBitmap()
    {
        var n = (MaxNo + 31) / 32;
        var sb = new StringBuilder(n * 11);
        for (var i = 0; i < n; i++)
        {
            var word = (uint)(words[i >> 1] >> ((i & 1) * 32));
            sb.Append(word.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(i == n - 1 ? '\n' : ' ');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The message of cma_debug_show_areas(): "number of available pages: " then, per run of clear bits,
    /// "pages@bit" joined by '+', then "=&gt; X free of Y total pages" (no "cma: " prefix, no newline).
    /// </summary>
    public string ShowAreas()
    {
        var sb = new StringBuilder("number of available pages: ");
        long total = 0;
        var start = 0;
        while (true)
        {
            var nextZero = FindNextZeroBit(start);
            if (nextZero >= MaxNo)
                break;
            var nextSet = FindNextBit(nextZero);
            var nrZero = nextSet - nextZero;
            var part = (long)nrZero << OrderPerBit;
            if (total != 0)
                sb.Append('+');
            sb.Append(part).Append('@').Append(nextZero);
            total += part;
            start = nextZero + nrZero;
        }
        sb.Append("=> ").Append(total).Append(" free of ").Append(Count).Append(" total pages");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"cma {Name}: base_pfn {BasePfn} count {Count} used {Used}";

    private int FindNextZeroBit(int start, int size)
    {
        if (start >= size)
            return size;
        var wi = start >> 6;
        var w = ~words[wi] & (ulong.MaxValue << (start & 63));
        while (true)
        {
            if (w != 0)
                return Math.Min(size, (wi << 6) + BitOperations.TrailingZeroCount(w));
            if (++wi >= words.Length || (wi << 6) >= size)
                return size;
            w = ~words[wi];
        }
    }

    private int FindNextBit(int start, int size)
    {
        if (start >= size)
            return size;
        var wi = start >> 6;
        var w = words[wi] & (ulong.MaxValue << (start & 63));
        while (true)
        {
            if (w != 0)
                return Math.Min(size, (wi << 6) + BitOperations.TrailingZeroCount(w));
            if (++wi >= words.Length || (wi << 6) >= size)
                return size;
            w = words[wi];
        }
    }

    private void CheckBits(int bitNo, int nrBits)
    {
        if (bitNo < 0 || nrBits < 0 || (long)bitNo + nrBits > MaxNo)
            throw new ArgumentOutOfRangeException(nameof(bitNo), $"bits {bitNo}+{nrBits} outside 0..{MaxNo}");
    }
}
