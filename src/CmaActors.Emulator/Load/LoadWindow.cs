using CmaActors.Emulator.Stats;

namespace CmaActors.Emulator.Load;

/// <summary>Requests of one workload completed between two report lines.</summary>
/// <param name="Ok">Completed successfully.</param>
/// <param name="Failed">Completed with a failure.</param>
/// <param name="Latency">Latencies of the successful ones, ns.</param>
public sealed record LoadWindow(long Ok, long Failed, LatencyHistogram Latency);
