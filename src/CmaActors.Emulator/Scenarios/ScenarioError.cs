namespace CmaActors.Emulator.Scenarios;

/// <summary>One problem in a scenario: where (file and JSON path) and what is wrong.</summary>
public sealed record ScenarioError(string Source, string JsonPath, string Problem, long? Line = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line is { } line ? $"{Source}: {JsonPath}: {Problem} (line {line})" : $"{Source}: {JsonPath}: {Problem}";
}
