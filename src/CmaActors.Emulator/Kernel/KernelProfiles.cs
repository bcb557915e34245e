using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Kernel;

/// <summary>The kernel profiles a run can use, by name (scenario <c>"kernel"</c>, <c>--kernel</c>).</summary>
public static class KernelProfiles
{
    /// <summary>Linux 6.12 (LTS), read in Debian's linux-source-6.12 (6.12.118).</summary>
    public static KernelProfile Linux612 { get; } = new()
    {
        Name = "6.12",
        Description = "Linux 6.12 LTS: caller-side drains in chunks, pcp trylock fallback, auto-tuned pcp high, migratetype hygiene",
    };

    /// <summary>Linux 6.1 (LTS), read in Debian's linux-source-6.1 (6.1.192, with the 6.1.y backports).</summary>
    public static KernelProfile Linux61 { get; } = new()
    {
        Name = "6.1",
        Description = "Linux 6.1 LTS (6.1.y): caller-side drains in chunks, pcp trylock fallback, pcp high from the low watermark, cached free migratetypes",
        PcpSizing = PcpSizingMode.ZoneLowWatermark,
        FreeType = FreeTypeRule.CallerUnlessIsolating,
        MigrateBatchPasses = 10,
        MigrateFolioPasses = 0,
    };

    /// <summary>
    /// The 4.11–5.19 protocol the older races were found in: every CPU drains its own lists when asked (work items),
    /// no pcp trylock, pcp high = 6 × batch.
    /// </summary>
    public static KernelProfile Linux510 { get; } = new()
    {
        Name = "5.10",
        Description = "The 4.11-5.19 drain protocol of the older races: per-CPU drain work items, no pcp trylock, pcp high 6 x batch (other steps as 6.12 unless a bug switches them back)",
        Drain = DrainProtocol.WorkItemPerCpu,
        DrainInChunks = false,
        PcpTrylockFallback = false,
        PcpSizing = PcpSizingMode.Static,
        LruDisableAfterDrain = false,
        FreeType = FreeTypeRule.PageblockUnderLock,
        MigrateBatchPasses = 10,
        MigrateFolioPasses = 0,
    };

    /// <summary>The profile used when neither the scenario, <c>--kernel</c> nor a switched-on bug chooses one.</summary>
    public static KernelProfile Default => Linux612;

    /// <summary>Every profile, newest first.</summary>
    public static IReadOnlyList<KernelProfile> All { get; } = [Linux612, Linux61, Linux510];

    /// <summary>Names of every profile, newest first.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToList();

    /// <summary>The profile named <paramref name="name"/>, or null.</summary>
    public static KernelProfile? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The profile a scenario runs under: its <c>"kernel"</c> (set by <c>--kernel</c>), else the era of its first
    /// switched-on historical bug (in race-id order), else <see cref="Default"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The scenario names an unknown kernel (the validator reports it first).</exception>
    public static KernelProfile For(Scenarios.Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Kernel is not null)
            return Find(scenario.Kernel) ?? throw new ArgumentException($"unknown kernel '{scenario.Kernel}'", nameof(scenario));
        var bug = Bugs.HistoricalBugs.Of(Bugs.HistoricalBugs.FlagsOf(scenario.Bugs)).FirstOrDefault();
        return bug is null ? Default : Find(bug.Kernel) ?? Default;
    }
}
