namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>How a cma_alloc call ended.</summary>
public enum CmaAllocStatus
{
    /// <summary>The range is allocated.</summary>
    Success,

    /// <summary>Every candidate range was busy (-EBUSY on each), or no free range of that size exists.</summary>
    NoRange,

    /// <summary>Migration could not get target pages (-ENOMEM).</summary>
    OutOfMemory,
}
