namespace CmaActors.Emulator.Results;

/// <summary>One zone's NR_FREE_PAGES and NR_FREE_CMA_PAGES at every sample of the timeline.</summary>
/// <param name="Name">Zone name.</param>
/// <param name="FreePages">NR_FREE_PAGES.</param>
/// <param name="FreeCmaPages">NR_FREE_CMA_PAGES.</param>
public sealed record ZoneTimelineResult(string Name, IReadOnlyList<long> FreePages, IReadOnlyList<long> FreeCmaPages);
