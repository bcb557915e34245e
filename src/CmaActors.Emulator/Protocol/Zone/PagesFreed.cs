namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>Zone → sender: the freed pages are in the buddy lists.</summary>
public sealed record PagesFreed(int Pages);
