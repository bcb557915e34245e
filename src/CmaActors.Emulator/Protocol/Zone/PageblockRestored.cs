namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>Zone → cma_alloc: the pageblock has its type back and its free pages are counted again.</summary>
public sealed record PageblockRestored(int Pfn);
