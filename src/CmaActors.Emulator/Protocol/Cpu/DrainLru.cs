namespace CmaActors.Emulator.Protocol.Cpu;

/// <summary>cma_alloc → CPU: lru_add_drain_cpu() on behalf of lru_add_drain_all(); answered by LruDrained.</summary>
public sealed record DrainLru
{
    /// <summary>The one instance.</summary>
    public static readonly DrainLru Instance = new();
}
