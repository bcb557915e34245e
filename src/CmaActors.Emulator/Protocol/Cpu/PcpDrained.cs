namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>CPU → cma_alloc: this CPU's pcp lists for the zone are empty.</summary>
public sealed record PcpDrained(int Cpu);
