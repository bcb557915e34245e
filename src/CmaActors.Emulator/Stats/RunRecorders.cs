using CmaActors.Emulator.Gcma;

namespace CmaActors.Emulator.Stats;

/// <summary>Where workloads record what they measure during a run.</summary>
public sealed class RunRecorders
{
    private readonly SortedDictionary<string, CmaLatencyRecorder> _cmaLatencies = new(StringComparer.Ordinal);

    /// <summary>Background processes, in creation order.</summary>
    public List<ProcessStats> Processes { get; } = [];

    /// <summary>GCMA stores by area name.</summary>
    public SortedDictionary<string, DiscardableStore> Stores { get; } = new(StringComparer.Ordinal);

    /// <summary>Samples of how much of each area holds useful data while unallocated.</summary>
    public SortedDictionary<string, UtilisationSampler> Utilisation { get; } = new(StringComparer.Ordinal);

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
