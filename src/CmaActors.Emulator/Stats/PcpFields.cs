using CmaActors.Memory.Pcp;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// The fields of a CPU's pcp lists (struct per_cpu_pages) that /proc/zoneinfo prints. <see cref="HighMin"/> and
/// <see cref="HighMax"/> are the bounds of an auto-tuned <c>high</c> (6.7 on); 6.12's zoneinfo prints neither, so
/// they are printed only by a profile whose zoneinfo has them.
/// </summary>
/// <param name="Count">pcp->count: pages on the lists.</param>
/// <param name="High">pcp->high.</param>
/// <param name="Batch">pcp->batch.</param>
/// <param name="HighMin">pcp->high_min, when the kernel profile has it.</param>
/// <param name="HighMax">pcp->high_max, when the kernel profile has it.</param>
public sealed record PcpFieldValues(int Count, int High, int Batch, int? HighMin = null, int? HighMax = null);

/// <summary>The one place that reads a pcp's fields for the /proc files (extend here when pcp gains fields).</summary>
public static class PcpFields
{
    /// <summary>The fields of <paramref name="pcp"/>.</summary>
    public static PcpFieldValues Of(PerCpuPages pcp) => new(pcp.Count, pcp.High, pcp.Batch);

    /// <summary>Whether the kernel profile's /proc/zoneinfo prints high_min and high_max (no profile of 6.1 or 6.12 does).</summary>
    public static bool ZoneinfoPrintsHighBounds => false;
}
