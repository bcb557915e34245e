namespace CmaActors.Cli;

/// <summary>Input the command cannot use (unknown scenario name, unusable output folder); reported as exit code 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
