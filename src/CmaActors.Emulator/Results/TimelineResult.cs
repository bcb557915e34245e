namespace CmaActors.Emulator.Results;

/// <summary>Free memory over time, sampled between deliveries, and the pageblock map at coarser steps.</summary>
public sealed record TimelineResult
{
    /// <summary>Times of the samples, virtual ns.</summary>
    public required IReadOnlyList<long> SampleTimesNs { get; init; }

    /// <summary>Each zone's free counters at every sample.</summary>
    public required IReadOnlyList<ZoneTimelineResult> Zones { get; init; }

    /// <summary>Pages on every CPU's pcp lists (not counted free by the zones) at every sample.</summary>
    public required IReadOnlyList<long> PcpPages { get; init; }

    /// <summary>The type of every pageblock over time.</summary>
    public required PageblockMapResult Pageblocks { get; init; }
}
