
namespace CmaActors.Runtime;

/// <summary>
/// What a simulation host is made of.
/// </summary>
/// <param name="Seed">The run's seed, for the emulator's own use (the strategy carries its own seed).</param>
/// <param name="Strategy">The scheduling strategy (reset when the host is created).</param>
/// <param name="Latency">The latency model applied to every send between emulator actors.</param>
/// <param name="ExtraHocon">Additional Akka configuration, taking precedence over the runtime's.</param>
public sealed record SimulationSettings(int Seed, ISchedulingStrategy Strategy, ILatencyModel Latency, string? ExtraHocon = null);
