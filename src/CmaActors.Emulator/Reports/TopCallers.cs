using CmaActors.Emulator.Results;

namespace CmaActors.Emulator.Reports;

/// <summary>Who waited longest for a lock, and who held it meanwhile: contention and contending points by total wait.</summary>
public static class TopCallers
{
    /// <summary>The points with the longest total wait first (then most contentions, then name and CPU).</summary>
    public static IReadOnlyList<LockPointResult> ByWait(IEnumerable<LockPointResult> points, int count) =>
        points.OrderByDescending(p => p.WaitTotalNs)
            .ThenByDescending(p => p.Contentions)
            .ThenBy(p => p.Function, StringComparer.Ordinal)
            .ThenBy(p => p.Cpu)
            .Take(count)
            .ToList();

    /// <summary>Locks by contentions (most first), then class and instance.</summary>
    public static IReadOnlyList<LockResult> MostContended(IEnumerable<LockResult> locks) =>
        locks.OrderByDescending(l => l.Contentions)
            .ThenByDescending(l => l.WaitTimeTotalNs)
            .ThenBy(l => l.Class, StringComparer.Ordinal)
            .ThenBy(l => l.Instance, StringComparer.Ordinal)
            .ToList();
}
