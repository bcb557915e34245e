using System.Globalization;

namespace CmaActors.Emulator.Scenarios.Json;

/// <summary>
/// The values a numeric scenario setting may take (on a list: each element). The loader refuses anything outside and
/// the JSON Schema publishes the same bounds, so no value reaches the emulator that it cannot run: no time beyond a day,
/// no rate that would schedule more than one event per microsecond, no size beyond the largest machine.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class LimitsAttribute(double min, double max) : Attribute
{
    /// <summary>Smallest value allowed (or just above it when <see cref="MinExclusive"/>).</summary>
    public double Min { get; } = min;

    /// <summary>Largest value allowed.</summary>
    public double Max { get; } = max;

    /// <summary>The minimum itself is not allowed.</summary>
    public bool MinExclusive { get; init; }

    /// <summary>0 is also allowed (it switches the feature off), below <see cref="Min"/>.</summary>
    public bool OrZero { get; init; }

    /// <summary>What 0 means, or anything else the range needs said.</summary>
    public string? Note { get; init; }

    /// <summary>True when <paramref name="value"/> is allowed.</summary>
    public bool Allows(double value) =>
        (OrZero && value == 0) || ((MinExclusive ? value > Min : value >= Min) && value <= Max);

    /// <summary>The range as the error message says it: "must be in [1, 256]", "must be 0 or in [0.001, 1000000]".</summary>
    public string Describe()
    {
        var range = $"{(MinExclusive ? "(" : "[")}{Format(Min)}, {Format(Max)}]";
        var text = OrZero ? $"must be 0 or in {range}" : $"must be in {range}";
        return Note is null ? text : $"{text} ({Note})";
    }

    /// <summary>A bound as written in messages: no exponent, no group separators.</summary>
    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>The bounds shared by many settings, derived from what the emulator can run.</summary>
public static class Bounds
{
    /// <summary>Longest run: one day of virtual time, s (8.64 × 10¹³ ns: far from Int64's 9.2 × 10¹⁸).</summary>
    public const double DaySeconds = 86_400;

    /// <summary>Longest time value: one day, ms. Anything held longer is held for the whole run.</summary>
    public const double DayMs = 86_400_000;

    /// <summary>Shortest interval or phase: 1 µs, in ms (the clock resolves 1 ns; timers resolve 100 ns).</summary>
    public const double MicrosecondMs = 0.001;

    /// <summary>Highest event rate per process: one per µs, per second.</summary>
    public const double MaxPerSecond = 1_000_000;

    /// <summary>Lowest non-zero rate: one per 1000 s.</summary>
    public const double MinPerSecond = 0.001;

    /// <summary>Largest machine, MiB: 256 GiB (2²⁶ page frames of 4 KiB; a pfn is an int, far below its 2³¹).</summary>
    public const double MaxMemoryMiB = 262_144;

    /// <summary>Most CPUs.</summary>
    public const double MaxCpus = 256;

    /// <summary>Largest cost of one step, ns (1 s).</summary>
    public const double MaxStepNs = 1_000_000_000;
}
