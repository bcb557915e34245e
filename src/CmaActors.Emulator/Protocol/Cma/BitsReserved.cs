namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>CMA area → cma_alloc task: the first bit of the run now set, or -1 when none is left.</summary>
public sealed record BitsReserved(int BitNo);
