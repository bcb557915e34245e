using CmaActors.Emulator.Machine;
using CmaActors.Memory.Frames;

namespace CmaActors.Emulator.Stats;

/// <summary>
/// How much of a reserved area holds useful data while no contiguous allocation uses it: sampled now and then, the
/// share of the area's unallocated pages that hold process pages (CMA) or stored copies (GCMA); a carve-out holds none.
/// </summary>
public sealed class UtilisationSampler
{
    private double _sum;

    /// <summary>Samples taken.</summary>
    public long Samples { get; private set; }

    /// <summary>Mean share over the samples (0..1).</summary>
    public double Mean => Samples == 0 ? 0 : _sum / Samples;

    /// <summary>Looks at the area now.</summary>
    public void Sample(EmulatedMachine machine, CmaAreaState area)
    {
        Span<int> byPlace = stackalloc int[8];
        machine.Frames.CountPlaces(area.BasePfn, area.PageCount, byPlace);
        long allocated = byPlace[(int)PagePlace.Contig];
        long useful = byPlace[(int)PagePlace.Owned];
        var unallocated = area.PageCount - allocated;
        if (unallocated <= 0)
            return;
        _sum += (double)useful / unallocated;
        Samples++;
    }
}
