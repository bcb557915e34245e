namespace CmaActors.Emulator.Results;

/// <summary>
/// Physical memory by pageblock over time: each map is a string with one letter per pageblock from pfn 0 up —
/// the pageblock's migratetype (U Unmovable, M Movable, R Reclaimable, H HighAtomic, C CMA, I Isolate), or X for a
/// pageblock of a carve-out or GCMA area, which the buddy allocator does not manage; and, at the same times, what
/// most of each pageblock's pages hold (F free, A anonymous, P page cache, K kernel, S GCMA's stored copies,
/// C taken by cma_alloc(), R reserved and unallocated, O other).
/// </summary>
public sealed record PageblockMapResult
{
    /// <summary>The letters and what they stand for.</summary>
    public static IReadOnlyDictionary<char, string> Legend { get; } = new SortedDictionary<char, string>
    {
        ['U'] = "Unmovable", ['M'] = "Movable", ['R'] = "Reclaimable", ['H'] = "HighAtomic", ['C'] = "CMA", ['I'] = "Isolate",
        ['X'] = "reserved (outside the buddy allocator)",
    };

    /// <summary>The letters in code order: migratetypes in enum order, then X.</summary>
    public const string Codes = "UMRHCIX";

    /// <summary>The letters of <see cref="Uses"/>, in <see cref="Stats.PageblockUse"/> order.</summary>
    public const string UseCodes = "FAPKSCRO";

    /// <summary>The letters of <see cref="Uses"/> and what they stand for.</summary>
    public static IReadOnlyDictionary<char, string> UseLegend { get; } = new SortedDictionary<char, string>
    {
        ['F'] = "free", ['A'] = "anonymous", ['P'] = "page cache", ['K'] = "kernel", ['S'] = "GCMA stored copies",
        ['C'] = "taken by cma_alloc()", ['R'] = "reserved, unallocated", ['O'] = "other (in flight)",
    };

    /// <summary>pageblock_order.</summary>
    public required int PageblockOrder { get; init; }

    /// <summary>Pages per pageblock.</summary>
    public required int PagesPerBlock { get; init; }

    /// <summary>Times of the maps, virtual ns.</summary>
    public required IReadOnlyList<long> TimesNs { get; init; }

    /// <summary>One string per time, one letter per pageblock: its migratetype.</summary>
    public required IReadOnlyList<string> Maps { get; init; }

    /// <summary>One string per time, one letter per pageblock: what most of its pages hold.</summary>
    public required IReadOnlyList<string> Uses { get; init; }
}
