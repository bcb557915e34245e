namespace CmaActors.Emulator.Results;

/// <summary>
/// Physical memory by pageblock over time: each map is a string with one letter per pageblock from pfn 0 up —
/// the pageblock's migratetype (U Unmovable, M Movable, R Reclaimable, H HighAtomic, C CMA, I Isolate), or X for a
/// pageblock of a carve-out or GCMA area, which the buddy allocator does not manage.
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

    /// <summary>pageblock_order.</summary>
    public required int PageblockOrder { get; init; }

    /// <summary>Pages per pageblock.</summary>
    public required int PagesPerBlock { get; init; }

    /// <summary>Times of the maps, virtual ns.</summary>
    public required IReadOnlyList<long> TimesNs { get; init; }

    /// <summary>One string per time, one letter per pageblock.</summary>
    public required IReadOnlyList<string> Maps { get; init; }
}
