using CmaActors.Emulator.Invariants;

namespace CmaActors.Emulator.Bugs;

/// <summary>
/// The registry of injectable historical bugs: every race of kernel-model.md §6 the emulator can express through its
/// actor protocol. A bug is switched on by name (scenario <c>bugs</c>, <c>--bug NAME</c>) or by its race id (R1 ...).
/// </summary>
public static class HistoricalBugs
{
    /// <summary>Every known bug, in race-id order.</summary>
    public static IReadOnlyList<HistoricalBug> All { get; } =
    [
        new(KernelBug.StalePcpMigratetype, "stale-pcp-migratetype", "R1", "51bb1a4093cc",
            "mm/page_alloc: add freepage on isolate pageblock to correct buddy list", 2014,
            "a page cached on a pcp list as MOVABLE/CMA is flushed after its pageblock was isolated and lands on a non-isolate free list",
            InvariantRule.Structure, "race-isolation"),
        new(KernelBug.UnlockedFreeMigratetype, "unlocked-free-migratetype", "R2", "ad53f92eb416",
            "mm/page_alloc: fix incorrect isolation behavior by rechecking migratetype", 2014,
            "a page freed as ISOLATE after the isolation was undone is stranded on the ISOLATE list of a CMA pageblock",
            InvariantRule.Structure, "race-isolation"),
        new(KernelBug.MergeAcrossIsolated, "merge-across-isolated", "R3", "d9dddbf55667",
            "mm/page_alloc: prevent merging between isolated and other pageblocks", 2016,
            "a free block of an isolated pageblock merges with its free CMA buddy: the merged block sits on one pageblock's list for both",
            InvariantRule.Structure, "race-isolation"),
        new(KernelBug.DrainCountUnlocked, "drain-count-unlocked", "R4", "66eca1021a42",
            "mm/page_alloc: fix pcp->count race between drain_pages_zone() vs __rmqueue_pcplist()", 2024,
            "a CPU whose pcp list is empty while its refill is on the way is not drained; the refill lands after the drain",
            InvariantRule.DrainedPcp, "race-drain", Kernel: "6.12"),
        new(KernelBug.RacyDrainFilter, "racy-drain-filter", "R5", "ec6e8c7e0314",
            "mm, page_alloc: disable pcplists during memory offline", 2020,
            "a drain that must reach every CPU skips one whose pcp count reads zero; pages of the isolated range reach its list afterwards",
            InvariantRule.DrainedPcp, "race-drain"),
        new(KernelBug.FallbackFreesAsMovable, "fallback-frees-as-movable", "R6", "7b086755fb8c",
            "mm: page_alloc: fix CMA and HIGHATOMIC landing on the wrong buddy list", 2023,
            "a CMA page freed while a remote drain holds the pcp lock goes to zone->lock typed MOVABLE and lands on a MOVABLE free list",
            InvariantRule.Structure, "race-fallback", Kernel: "6.12"),
        new(KernelBug.FreeVsSteal, "free-vs-steal", "R7", "55612e80e722",
            "mm: page_alloc: close migratetype race between freeing and stealing", 2024,
            "a page whose pageblock was claimed by an unmovable fallback meanwhile is freed to the list of the type read before",
            InvariantRule.Structure, "race-steal"),
        new(KernelBug.NoContigMutex, "no-contig-mutex", "R8", "60a60e32cf91",
            "Revert \"mm/cma.c: remove redundant cma_mutex lock\"", 2022,
            "two cma_alloc calls isolate the same pageblock; the second fails with -EBUSY although the memory is free",
            InvariantRule.IsolationExclusive, "race-contig"),
        new(KernelBug.StaleBusyReturn, "stale-ebusy", "R10", null,
            "mm/cma: fix alloc_contig_range ret code/potential leak", 2017,
            "a range whose pinned page was freed just in time is taken, but -EBUSY is returned: its pages leak",
            InvariantRule.Conservation, "race-ebusy"),
    ];

    /// <summary>Names of every bug, in race-id order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(b => b.Name).ToList();

    /// <summary>The bug named <paramref name="nameOrRaceId"/> (its name, or its race id such as "R1"), or null.</summary>
    public static HistoricalBug? Find(string nameOrRaceId) =>
        All.FirstOrDefault(b => string.Equals(b.Name, nameOrRaceId, StringComparison.OrdinalIgnoreCase) ||
                                string.Equals(b.RaceId, nameOrRaceId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The flags of the named bugs; unknown names are ignored (the scenario validator reports them).</summary>
    public static KernelBug FlagsOf(IEnumerable<string> names)
    {
        var flags = KernelBug.None;
        foreach (var name in names)
            flags |= Find(name)?.Flag ?? KernelBug.None;
        return flags;
    }

    /// <summary>The bugs of <paramref name="flags"/>, in race-id order.</summary>
    public static IReadOnlyList<HistoricalBug> Of(KernelBug flags) => All.Where(b => (flags & b.Flag) != 0).ToList();
}
