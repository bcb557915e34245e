using System.CommandLine;
using CmaActors.Emulator.Bugs;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli;

/// <summary>The repeatable <c>--bug NAME</c> option: historical bugs switched on for a run, by name or race id.</summary>
public static class BugSwitches
{
    /// <summary>A new <c>--bug</c> option.</summary>
    public static Option<string[]> CreateOption() => new("--bug")
    {
        Description = "Switch a historical kernel bug back on, by name or race id (repeatable; see 'cma-actors bugs')",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The scenario with <paramref name="names"/> added to its bugs (by canonical name, without repeats).</summary>
    /// <exception cref="CliInputException">A name is not a known bug.</exception>
    public static Scenario Apply(Scenario scenario, IEnumerable<string>? names)
    {
        var bugs = scenario.Bugs.Select(Canonical).ToList();
        foreach (var name in names ?? [])
        {
            var bug = HistoricalBugs.Find(name)
                      ?? throw new CliInputException($"--bug {name}: unknown bug (known: {string.Join(", ", HistoricalBugs.Names)})");
            if (!bugs.Contains(bug.Name))
                bugs.Add(bug.Name);
        }

        return scenario with { Bugs = bugs };
    }

    /// <summary>A scenario's name with the bugs switched on: "race-contig [no-contig-mutex]", or just "race-contig".</summary>
    public static string Label(string scenario, IReadOnlyCollection<string> bugs) =>
        bugs.Count == 0 ? scenario : $"{scenario} [{string.Join(", ", bugs)}]";

    private static string Canonical(string name) => HistoricalBugs.Find(name)?.Name ?? name;
}
