using CmaActors.Emulator.Scenarios;

namespace CmaActors.Cli;

/// <summary>Turns the SCENARIO argument into a scenario: a file path, or the name of a built-in scenario.</summary>
public static class ScenarioResolver
{
    /// <summary>The scenario named by <paramref name="argument"/> (the default one when null), with <paramref name="overrides"/> applied.</summary>
    /// <exception cref="ScenarioException">The file is malformed, or an override leads nowhere or makes the scenario invalid.</exception>
    /// <exception cref="CliInputException">Neither a file nor a built-in scenario.</exception>
    public static Scenario Resolve(string? argument, IReadOnlyList<ScenarioOverride>? overrides = null)
    {
        var (json, source) = Text(argument);
        return ScenarioOverrides.Load(json, source, overrides ?? []);
    }

    /// <summary>The JSON text of the scenario named by <paramref name="argument"/> and the name errors give it.</summary>
    /// <exception cref="ScenarioException">The file cannot be read.</exception>
    /// <exception cref="CliInputException">Neither a file nor a built-in scenario.</exception>
    public static (string Json, string Source) Text(string? argument)
    {
        if (string.IsNullOrEmpty(argument))
            return (BuiltInScenarios.Text(BuiltInScenarios.DefaultName), $"built-in:{BuiltInScenarios.DefaultName}");
        if (File.Exists(argument))
            return (ReadFile(argument), argument);
        if (BuiltInScenarios.Exists(argument))
            return (BuiltInScenarios.Text(argument), $"built-in:{argument}");
        throw new CliInputException(
            $"'{argument}' is neither a scenario file nor a built-in scenario (built-in: {string.Join(", ", BuiltInScenarios.Names)})");
    }

    private static string ReadFile(string path)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(CmaActors.Emulator.Scenarios.Json.JsonInput.ReadFile(path));
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ScenarioException([new ScenarioError(path, "$", "the file is not UTF-8 text")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ScenarioException([new ScenarioError(path, "$", $"cannot read the file: {e.Message}")]);
        }
    }
}
