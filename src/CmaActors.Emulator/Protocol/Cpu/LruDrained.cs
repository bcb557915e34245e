namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>CPU → cma_alloc: this CPU's LRU add batch is empty.</summary>
public sealed record LruDrained(int Cpu);
