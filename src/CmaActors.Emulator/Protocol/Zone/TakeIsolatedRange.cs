namespace CmaActors.Emulator.Protocol.Zone;

/// <summary>cma_alloc → zone: test_pages_isolated() then isolate_freepages_range() on [Start, End); answered by IsolatedRangeTaken.</summary>
public sealed record TakeIsolatedRange(int Start, int End);
