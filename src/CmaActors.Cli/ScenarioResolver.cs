using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli;

/// <summary>Turns the SCENARIO argument into a scenario: a file path, or the name of a built-in scenario.</summary>
public static class ScenarioResolver
{
    /// <summary>The scenario named by <paramref name="argument"/> (the default one when null).</summary>
    /// <exception cref="ScenarioException">The file is malformed.</exception>
    /// <exception cref="CliInputException">Neither a file nor a built-in scenario.</exception>
    public static Scenario Resolve(string? argument)
    {
        if (string.IsNullOrEmpty(argument))
            return BuiltInScenarios.Load(BuiltInScenarios.DefaultName);
        if (File.Exists(argument))
            return ScenarioLoader.LoadFile(argument);
        if (BuiltInScenarios.Exists(argument))
            return BuiltInScenarios.Load(argument);
        throw new CliInputException(
            $"'{argument}' is neither a scenario file nor a built-in scenario (built-in: {string.Join(", ", BuiltInScenarios.Names)})");
    }
}
