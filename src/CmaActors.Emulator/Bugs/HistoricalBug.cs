namespace CmaActors.Emulator.Bugs;

/// <summary>One historical race or bug of the page allocator or CMA that can be switched back on by name.</summary>
/// <param name="Flag">The switch the actors test.</param>
/// <param name="Name">The name used in scenario files (<c>bugs</c>) and with <c>--bug</c>.</param>
/// <param name="RaceId">The race's id in kernel-model.md §6 (R1 ... R13).</param>
/// <param name="FixCommit">The fixing commit's abbreviated hash, or null when not recorded.</param>
/// <param name="FixTitle">The fixing commit's title.</param>
/// <param name="FixYear">The year of the fix.</param>
/// <param name="Breaks">What goes wrong when it is on.</param>
/// <param name="CaughtBy">The invariant rule that catches it.</param>
/// <param name="Scenario">The built-in race scenario it is studied in.</param>
/// <param name="Kernel">The kernel profile whose protocol the race needs, used when the run names no kernel.</param>
public sealed record HistoricalBug(KernelBug Flag, string Name, string RaceId, string? FixCommit, string FixTitle, int FixYear,
    string Breaks, string CaughtBy, string Scenario, string Kernel = "5.10")
{
    /// <summary>"51bb1a4093cc mm/page_alloc: ..." or the title alone.</summary>
    public string Fix => FixCommit is null ? FixTitle : $"{FixCommit} {FixTitle}";
}
