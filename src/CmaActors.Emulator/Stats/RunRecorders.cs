namespace CmaActors.Emulator.Stats;

/// <summary>Where workloads record what they measure during a run.</summary>
public sealed class RunRecorders
{
    private readonly SortedDictionary<string, CmaLatencyRecorder> _cmaLatencies = new(StringComparer.Ordinal);

    /// <summary>cma_alloc latencies by area name.</summary>
    public IReadOnlyDictionary<string, CmaLatencyRecorder> CmaLatencies => _cmaLatencies;

    /// <summary>The latency recorder of an area, created on first use.</summary>
    public CmaLatencyRecorder LatenciesFor(string area)
    {
        if (!_cmaLatencies.TryGetValue(area, out var recorder))
            _cmaLatencies.Add(area, recorder = new CmaLatencyRecorder());
        return recorder;
    }
}
