using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Exploration;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.TestKit.Tests.Support;

/// <summary>The built-in race scenario of a historical bug as a system to explore, with the bug on or off.</summary>
public static class BugTargets
{
    /// <summary>The bug named <paramref name="name"/>.</summary>
    public static HistoricalBug Bug(string name) => HistoricalBugs.Find(name) ?? throw new ArgumentException($"no bug {name}");

    /// <summary>The bug's race scenario with the bug switched on (<paramref name="on"/>) or left fixed.</summary>
    public static ScenarioScheduleTarget For(string name, bool on)
    {
        var bug = Bug(name);
        var scenario = BuiltInScenarios.Load(bug.Scenario);
        return new ScenarioScheduleTarget(scenario with { Bugs = on ? [bug.Name] : [] });
    }
}
