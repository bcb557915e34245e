namespace CmaActors.Emulator.Scenarios;

/// <summary>How a random value spreads over its range.</summary>
public enum Distribution
{
    /// <summary>Every value equally likely.</summary>
    Uniform,

    /// <summary>Every order of magnitude equally likely.</summary>
    LogUniform,
}
