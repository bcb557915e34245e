using System.CommandLine;
using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli;

/// <summary>The repeatable <c>--set PATH=VALUE</c> option: a scenario field overridden before the scenario is validated.</summary>
public static class OverrideSwitches
{
    /// <summary>A new <c>--set</c> option; <paramref name="description"/> replaces the default help text.</summary>
    public static Option<string[]> CreateOption(string? description = null) => new("--set")
    {
        Description = description ??
                      "Override a scenario field by its JSON path, e.g. policy.pcpBatch=255, machine.cpus=16, workloads[1].sizes=[1,2,4] " +
                      "(repeatable; the value is read as JSON when it is JSON, else as a string)",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The overrides given, each with one value.</summary>
    /// <exception cref="ScenarioException">An assignment is not PATH=VALUE or its path is unreadable.</exception>
    public static IReadOnlyList<ScenarioOverride> Read(string[]? assignments) =>
        (assignments ?? []).Select(ScenarioOverrides.Parse).ToList();
}
