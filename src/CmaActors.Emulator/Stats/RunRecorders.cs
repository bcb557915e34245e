using CmaActors.Emulator.Gcma;
using CmaActors.Emulator.Load;
using CmaActors.Emulator.Machine;

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

    /// <summary>Load-test measurements of the workloads driven by a load profile, by workload name.</summary>
    public SortedDictionary<string, LoadRecorder> Load { get; } = new(StringComparer.Ordinal);

    /// <summary>cma_alloc latencies by area name.</summary>
    public IReadOnlyDictionary<string, CmaLatencyRecorder> CmaLatencies => _cmaLatencies;

    /// <summary>Samples how much of each reserved area of <paramref name="machine"/> holds useful data (while no handler runs).</summary>
    public void SampleAreas(EmulatedMachine machine)
    {
        foreach (var area in machine.Areas)
        {
            if (!Utilisation.TryGetValue(area.Name, out var sampler))
                Utilisation.Add(area.Name, sampler = new UtilisationSampler());
            sampler.Sample(machine, area);
        }
    }

    /// <summary>The latency recorder of an area, created on first use.</summary>
    public CmaLatencyRecorder LatenciesFor(string area)
    {
        if (!_cmaLatencies.TryGetValue(area, out var recorder))
            _cmaLatencies.Add(area, recorder = new CmaLatencyRecorder());
        return recorder;
    }
}
