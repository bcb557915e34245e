using CmaActors.Emulator.Scenarios.Json;

namespace CmaActors.Emulator.Scenarios;

/// <summary>A random duration between <see cref="Min"/> and <see cref="Max"/> milliseconds.</summary>
public sealed record TimeRangeMs
{
    /// <summary>Shortest duration, ms.</summary>
    [Limits(0, Bounds.DayMs)]
    public double Min { get; init; }

    /// <summary>Longest duration, ms.</summary>
    [Limits(0, Bounds.DayMs)]
    public double Max { get; init; }

    /// <summary>How values spread between min and max.</summary>
    public Distribution Distribution { get; init; } = Distribution.LogUniform;

    /// <summary>A fixed duration.</summary>
    public static TimeRangeMs Fixed(double ms) => new() { Min = ms, Max = ms, Distribution = Distribution.Uniform };
}
