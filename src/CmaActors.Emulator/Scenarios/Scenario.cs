using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>
/// A complete description of one emulated run: the machine, its CMA areas, the design knobs, the cost model,
/// the workloads and how long to run. Loaded from JSON by <see cref="ScenarioLoader"/>; a run is a pure function of
/// (scenario, seed, strategy).
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name, shown in reports.</summary>
    public string Name { get; init; } = "unnamed";

    /// <summary>One line saying what the scenario exercises.</summary>
    public string? Description { get; init; }

    /// <summary>Seed of every random choice in the run (workloads, tie-breaks, jitter).</summary>
    [Limits(int.MinValue, int.MaxValue)]
    public int Seed { get; init; } = 1;

    /// <summary>Virtual time to run, in seconds.</summary>
    [Limits(0, Bounds.DaySeconds, MinExclusive = true)]
    public double DurationSeconds { get; init; } = 60;

    /// <summary>How the actors are scheduled.</summary>
    public RunMode Mode { get; init; } = RunMode.Simulation;

    /// <summary>The scheduling strategy of simulation mode.</summary>
    public StrategyKind Strategy { get; init; } = StrategyKind.Timed;

    /// <summary>Settings of parallel mode.</summary>
    public ParallelSpec Parallel { get; init; } = new();

    /// <summary>CPUs, memory and zones.</summary>
    public MachineSpec Machine { get; init; } = new();

    /// <summary>The CMA areas reserved at boot.</summary>
    public IReadOnlyList<CmaAreaSpec> CmaAreas { get; init; } = [];

    /// <summary>The block device and swap.</summary>
    public StorageSpec Storage { get; init; } = new();

    /// <summary>Design knobs.</summary>
    public PolicySpec Policy { get; init; } = new();

    /// <summary>Virtual-time costs of every step.</summary>
    public CostSpec Costs { get; init; } = new();

    /// <summary>What runs on the machine.</summary>
    public IReadOnlyList<WorkloadSpec> Workloads { get; init; } = [];

    /// <summary>How often invariants are checked.</summary>
    public InvariantSpec Invariants { get; init; } = new();

    /// <summary>
    /// The kernel profile ("6.12", "6.1", "5.10"; see <c>cma-actors kernels</c>); null lets the switched-on bugs choose
    /// the protocol of their era, else 6.12.
    /// </summary>
    public string? Kernel { get; init; }

    /// <summary>Historical kernel bugs switched back on, by name or race id (see <c>cma-actors bugs</c>).</summary>
    public IReadOnlyList<string> Bugs { get; init; } = [];

    /// <summary>The same scenario with every area under <paramref name="policy"/>.</summary>
    public Scenario WithAreaPolicy(AreaPolicy policy) =>
        this with { CmaAreas = CmaAreas.Select(a => a with { Policy = policy }).ToList() };
}
