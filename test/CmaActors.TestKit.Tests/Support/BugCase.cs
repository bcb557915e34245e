using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Scenarios;
using CmaActors.Runtime;

namespace CmaActors.TestKit.Tests.Support;

/// <summary>
/// How one historical bug is explored in a test: its race scenario (built in, possibly cut shorter), the strategy and
/// a budget of schedules from seed 0 within which it is found with the bug on.
/// </summary>
/// <param name="Bug">The bug's name.</param>
/// <param name="DurationSeconds">The scenario's duration (shorter than the built-in one when the race happens early).</param>
/// <param name="Strategy">random or pct.</param>
/// <param name="Depth">PCT depth.</param>
/// <param name="Schedules">The budget.</param>
public sealed record BugCase(string Bug, double DurationSeconds, ScheduleStrategyKind Strategy, int Depth, int Schedules)
{
    /// <summary>The registry entry.</summary>
    public HistoricalBug Historical => HistoricalBugs.Find(Bug) ?? throw new ArgumentException($"unknown bug {Bug}");

    /// <summary>
    /// The race scenario with the bug switched on (<paramref name="on"/>) or off, both under the kernel profile whose
    /// protocol the race belongs to (the scenario's own, else the bug's era).
    /// </summary>
    public Scenario Scenario(bool on)
    {
        var scenario = BuiltInScenarios.Load(Historical.Scenario);
        return scenario with
        {
            DurationSeconds = DurationSeconds,
            Bugs = on ? [Historical.Name] : [],
            Kernel = scenario.Kernel ?? Historical.Kernel,
        };
    }

    /// <summary>Seeds 0 .. Schedules - 1 under the strategy.</summary>
    public ExplorationOptions Options => new() { Strategy = Strategy, Depth = Depth, SeedStart = 0, Schedules = Schedules };

    /// <inheritdoc />
    public override string ToString() => Bug;
}
