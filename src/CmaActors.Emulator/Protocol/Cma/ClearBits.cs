namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>
/// Anyone → CMA area: cma_clear_bitmap() for the pages [Pfn, Pfn + Pages); Released counts them as release_pages_success.
/// With Answer the area answers <see cref="BitsCleared"/>: cma_alloc() unlocks cma->lock before it searches again.
/// </summary>
public sealed record ClearBits(int Pfn, int Pages, bool Released, bool Answer = false);

/// <summary>CMA area → cma_alloc: the bits are clear and cma->lock is released.</summary>
public sealed record BitsCleared
{
    /// <summary>The only instance.</summary>
    public static readonly BitsCleared Instance = new();
}
