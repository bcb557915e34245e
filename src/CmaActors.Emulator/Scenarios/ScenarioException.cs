namespace CmaActors.Emulator.Scenarios;

/// <summary>A scenario that cannot be run, with every problem found.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>What is wrong, each with its file and JSON path.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
