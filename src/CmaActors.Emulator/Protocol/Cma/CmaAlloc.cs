namespace CmaActors.Emulator.Protocol.Cma;

/// <summary>Driver → CMA area: cma_alloc(Count, AlignOrder) from a task on Cpu; answered by CmaAllocResult.</summary>
public sealed record CmaAlloc(long RequestId, int Count, int AlignOrder, int Cpu);
