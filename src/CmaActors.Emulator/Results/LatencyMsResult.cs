namespace CmaActors.Emulator.Results;

/// <summary>A latency distribution in ms, as load-test reports give it (all zero when nothing was recorded).</summary>
public sealed record LatencyMsResult(double Min, double Mean, double P50, double P75, double P95, double P99, double Max);
