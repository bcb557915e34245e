
namespace CmaActors.Runtime.Tests.Support;

/// <summary>Creates simulation hosts for tests.</summary>
public static class Hosts
{
    public static SimulationHost Timed(int seed = 1, long latencyNs = 0, double jitter = 0, ILatencyModel? latency = null, string? extraHocon = null) =>
        SimulationHost.Create(new SimulationSettings(seed, new TimedStrategy(seed, jitter), latency ?? new ConstantLatencyModel(latencyNs), extraHocon));
}
