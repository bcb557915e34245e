using CmaActors.Emulator.Scenarios;
using CmaActors.Memory.Buddy;
using CmaActors.Memory.Cma;

namespace CmaActors.Emulator.Machine;

/// <summary>
/// One CMA area (struct cma): its bitmap, owned by the CmaAreaActor (cma->lock), the zone it lies in, the ranges
/// currently reserved in the bitmap, and its counters.
/// </summary>
public sealed class CmaAreaState(int index, CmaAreaSpec spec, CmaBitmap bitmap, Zone zone)
{
    /// <summary>Position in the scenario's area list.</summary>
    public int Index { get; } = index;

    /// <summary>The area as the scenario gives it.</summary>
    public CmaAreaSpec Spec { get; } = spec;

    /// <summary>What the area lends its memory to.</summary>
    public AreaPolicy Policy => Spec.Policy;

    /// <summary>Area name.</summary>
    public string Name => Spec.Name;

    /// <summary>The allocation bitmap.</summary>
    public CmaBitmap Bitmap { get; } = bitmap;

    /// <summary>The zone the area lies in.</summary>
    public Zone Zone { get; } = zone;

    /// <summary>Bitmap ranges currently set: first bit → number of bits. Exactly the set bits of <see cref="Bitmap"/>.</summary>
    public SortedDictionary<int, int> Reservations { get; } = [];

    /// <summary>sysfs/debugfs-style counters.</summary>
    public CmaAreaCounters Counters { get; } = new();

    /// <summary>First pfn of the area.</summary>
    public int BasePfn => Bitmap.BasePfn;

    /// <summary>Pages in the area.</summary>
    public int PageCount => Bitmap.Count;

    /// <summary>True when <paramref name="pfn"/> lies in the area.</summary>
    public bool Contains(int pfn) => pfn >= BasePfn && pfn < BasePfn + PageCount;
}
