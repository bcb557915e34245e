namespace CmaActors.Emulator.Validation;

/// <summary>Whether a compared figure is inside its tolerance.</summary>
public enum Verdict
{
    /// <summary>Inside its tolerance.</summary>
    In,

    /// <summary>Outside its tolerance.</summary>
    Out,

    /// <summary>Shown for reading, not compared (no tolerance applies).</summary>
    Info,
}

/// <summary>
/// One figure of one kernel, plan, vCPU count and allocation size: the kernel's, the emulator's, their ratio and
/// the verdict. Counts are means over the repetitions; latency shapes are ratios of median latencies.
/// </summary>
public sealed record FigureComparison
{
    /// <summary>Kernel profile.</summary>
    public required string Kernel { get; init; }

    /// <summary>Plan name.</summary>
    public required string Plan { get; init; }

    /// <summary>vCPUs.</summary>
    public required int Vcpus { get; init; }

    /// <summary>Allocation size, pages.</summary>
    public required int Pages { get; init; }

    /// <summary>The figure's name (<see cref="ValidationFigures"/>).</summary>
    public required string Figure { get; init; }

    /// <summary>The kernel's value.</summary>
    public required double KernelValue { get; init; }

    /// <summary>The emulator's value (NaN when the emulator made no such allocation).</summary>
    public required double EmulatorValue { get; init; }

    /// <summary>The tolerance in words ("±25%", "×2", "—").</summary>
    public required string Tolerance { get; init; }

    /// <summary>In, out, or shown only.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The reviewed reason when the figure is a known disagreement (from the committed list), else null.</summary>
    public string? KnownReason { get; init; }

    /// <summary>Emulator ÷ kernel; null when the kernel's value is 0 or the emulator has none.</summary>
    public double? Ratio => KernelValue != 0 && double.IsFinite(KernelValue) && double.IsFinite(EmulatorValue) ? EmulatorValue / KernelValue : null;

    /// <summary>The figure's key as messages and the known-disagreement list name it.</summary>
    public string Key => $"{Kernel} {Plan} smp{Vcpus} {Pages} pages: {Figure}";
}
